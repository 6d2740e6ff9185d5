/**
 * Prompt rendering (§2.6): Handlebars with the Rust `handlebars` v6 rules aipack uses —
 * no HTML escaping, non-strict (missing paths render empty), no partials registry, and only
 * the library's built-in helpers: `if unless each with lookup raw log eq ne gt gte lt lte
 * and or not len` (+ the `inline` decorator). Also behind `aip.hbs.render`.
 *
 * handlebars.js differs from the Rust engine in how values print and what counts as true,
 * so an isolated environment fixes both:
 * - every `{{expr}}` is rewritten to `{{__aip_render expr}}`, which prints like Rust's
 *   JsonRender (`null` → "", arrays → `[a, b]`, objects → `[object]`);
 * - `if`/`unless`/`with` use Rust truthiness (an empty table `{}` and `0` are false).
 */
import Handlebars from 'handlebars';
import { LuaFloat } from '../script/catalog';

type HbsNode = { type: string; [k: string]: unknown };

const RENDER_HELPER = '__aip_render';

const hbs = Handlebars.create();

/** Rust `JsonTruthy::is_truthy(include_zero)`. */
export function isTruthy(v: unknown, includeZero = false): boolean {
  if (v instanceof LuaFloat) v = v.value;
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return includeZero ? !Number.isNaN(v) : v !== 0 && Number.isFinite(v) && Math.abs(v) >= Number.MIN_VALUE * 2 ** 52;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof hbs.SafeString) return v.toString().length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

/** Rust `JsonRender::render`. */
export function renderValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A float that must stay a float prints like serde_json's f64 (`1.0`).
  if (v instanceof LuaFloat) return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
  if (v instanceof hbs.SafeString) return v.toString();
  if (Array.isArray(v)) return `[${v.map(renderValue).join(', ')}]`;
  if (typeof v === 'object') return '[object]';
  return String(v);
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a instanceof LuaFloat) a = a.value;
  if (b instanceof LuaFloat) b = b.value;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual((a as never)[k], (b as never)[k]));
}

/** Rust `compare_json`: numbers, strings, booleans, number vs numeric string; else undefined. */
function compareJson(a: unknown, b: unknown): number | undefined {
  const cmp = (x: number | string | boolean, y: number | string | boolean) => (x < y ? -1 : x > y ? 1 : 0);
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) || Number.isNaN(b) ? undefined : cmp(a, b);
  if (typeof a === 'string' && typeof b === 'string') return cmp(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return cmp(a, b);
  const numStr = (n: number, s: string) => {
    const f = Number(s.trim() === '' ? NaN : s);
    return Number.isNaN(f) || Number.isNaN(n) ? undefined : cmp(n, f);
  };
  if (typeof a === 'number' && typeof b === 'string') return numStr(a, b);
  if (typeof a === 'string' && typeof b === 'number') {
    const r = numStr(b, a);
    return r === undefined ? undefined : -r;
  }
  return undefined;
}

/** Positional args of a helper call (handlebars appends its options object last), floats unwrapped. */
function args(list: IArguments): unknown[] {
  return Array.prototype.slice.call(list, 0, -1).map((v: unknown) => (v instanceof LuaFloat ? v.value : v));
}

type BlockOptions = Handlebars.HelperOptions;

/** handlebars-rust's `ParamNotFoundForIndex` text for a helper called with too few params. */
function needParams(name: string, list: IArguments, count: number): unknown[] {
  const a = args(list);
  if (a.length < count) throw new Error(`Helper/Decorator ${name} param at index ${a.length} required but not found`);
  return a;
}

/**
 * The crate's boolean helpers (`eq` … `not`, `and`, `or`) print `true`/`false` inline and, used as a
 * block (`{{#eq a b}}…{{else}}…{{/eq}}`), render their body or inverse (helper_extras.rs).
 */
function boolHelper(name: string, arity: number, op: (a: unknown[]) => boolean) {
  return function (this: unknown, ...rest: unknown[]) {
    const options = rest[rest.length - 1] as BlockOptions;
    // `arguments` keeps the options object last, which `args` expects.
    const value = op(arity > 0 ? needParams(name, arguments, arity) : args(arguments));
    if (typeof options.fn !== 'function') return value;
    return value ? options.fn(this) : options.inverse(this);
  };
}

/** Rust `LookupHelper`: an array takes a non-negative integer, an object a string key; else null. */
function lookup(collection: unknown, index: unknown): unknown {
  if (collection instanceof LuaFloat) collection = collection.value;
  if (index instanceof LuaFloat) index = index.value;
  if (Array.isArray(collection)) {
    return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? collection[index] : undefined;
  }
  if (collection !== null && typeof collection === 'object' && typeof index === 'string') {
    return Object.prototype.hasOwnProperty.call(collection, index) ? (collection as Record<string, unknown>)[index] : undefined;
  }
  return undefined;
}

/** `Handlebars::new()` registers no `helperMissing`/`blockHelperMissing`: an unknown helper is an error. */
function helperNotFound(...rest: unknown[]): never {
  const options = rest[rest.length - 1] as BlockOptions & { name: string };
  throw new Error(`Helper not found ${options.name}`);
}

hbs.registerHelper({
  [RENDER_HELPER]: (v: unknown) => renderValue(v),
  helperMissing: helperNotFound,
  blockHelperMissing: helperNotFound,
  if(this: unknown, cond: unknown, options: BlockOptions) {
    const includeZero = options.hash?.includeZero === true;
    return isTruthy(cond, includeZero) ? options.fn(this) : options.inverse(this);
  },
  unless(this: unknown, cond: unknown, options: BlockOptions) {
    const includeZero = options.hash?.includeZero === true;
    return isTruthy(cond, includeZero) ? options.inverse(this) : options.fn(this);
  },
  with(this: unknown, ctx: unknown, options: BlockOptions) {
    if (!isTruthy(ctx)) return options.inverse(this);
    return options.fn(ctx, { blockParams: [ctx] });
  },
  raw(this: unknown, options: BlockOptions) {
    return options.fn(this);
  },
  log: () => '',
  lookup: function () {
    const [collection, index] = needParams('lookup', arguments, 2);
    return lookup(collection, index);
  },
  eq: boolHelper('eq', 2, ([a, b]) => jsonEqual(a, b)),
  ne: boolHelper('ne', 2, ([a, b]) => !jsonEqual(a, b)),
  gt: boolHelper('gt', 2, ([a, b]) => compareJson(a, b) === 1),
  gte: boolHelper('gte', 2, ([a, b]) => {
    const c = compareJson(a, b);
    return c !== undefined && c !== -1;
  }),
  lt: boolHelper('lt', 2, ([a, b]) => compareJson(a, b) === -1),
  lte: boolHelper('lte', 2, ([a, b]) => {
    const c = compareJson(a, b);
    return c !== undefined && c !== 1;
  }),
  and: boolHelper('and', 0, (a) => a.every((v) => isTruthy(v))),
  or: boolHelper('or', 0, (a) => a.some((v) => isTruthy(v))),
  not: boolHelper('not', 1, ([a]) => !isTruthy(a)),
  len: function () {
    const [v] = needParams('len', arguments, 1);
    if (Array.isArray(v)) return v.length;
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (v !== null && typeof v === 'object') return Object.keys(v).length;
    return 0;
  },
});

const LITERAL_TYPES = new Set(['BooleanLiteral', 'NullLiteral', 'UndefinedLiteral', 'NumberLiteral']);

function isHelperName(path: HbsNode): boolean {
  const parts = path.parts as string[] | undefined;
  return path.type === 'PathExpression' && !path.data && path.depth === 0 && parts?.length === 1 && path.original === parts[0] && Object.prototype.hasOwnProperty.call(hbs.helpers, parts[0]);
}

/** Route every mustache's value through the Rust-style renderer. */
function rewriteMustaches(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) rewriteMustaches(n);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as HbsNode;
  if (n.type === 'MustacheStatement') {
    const params = n.params as unknown[];
    // A lone `{{null}}`, `{{true}}` or `{{0}}` names a context key in the Rust grammar (`name` is a
    // path there); only helper params read literals.
    const lit = n.path as HbsNode;
    if (params.length === 0 && !n.hash && LITERAL_TYPES.has(lit.type)) {
      const key = String(lit.original);
      n.path = { type: 'PathExpression', data: false, depth: 0, parts: [key], original: key, loc: lit.loc };
    }
    // A bare `{{lookup}}` still calls the helper (render.rs: `helper_exists` before a value lookup).
    const inner =
      params.length === 0 && !n.hash && !isHelperName(n.path as HbsNode)
        ? n.path
        : { type: 'SubExpression', path: n.path, params, hash: n.hash, loc: n.loc };
    n.path = { type: 'PathExpression', data: false, depth: 0, parts: [RENDER_HELPER], original: RENDER_HELPER, loc: n.loc };
    n.params = [inner];
    n.hash = undefined;
    return;
  }
  for (const key of Object.keys(n)) {
    if (key === 'loc' || key === 'strip') continue;
    const v = n[key];
    if (v !== null && typeof v === 'object') rewriteMustaches(v);
  }
}

type Compiled = (data: unknown) => string;
const cache = new Map<string, Compiled>();
const CACHE_MAX = 200;

function compile(template: string): Compiled {
  let fn = cache.get(template);
  if (fn) return fn;
  const ast = hbs.parse(template);
  rewriteMustaches(ast);
  const tpl = hbs.compile(ast, { noEscape: true, strict: false });
  fn = (data: unknown) => {
    try {
      return tpl(data, { allowProtoPropertiesByDefault: false });
    } catch (err) {
      // handlebars-rust's `RenderErrorReason::PartialNotFound` text (src/partial.rs).
      const m = /^The partial (.+) could not be found$/.exec((err as Error).message);
      if (m) throw new Error(`Partial not found ${m[1]}`);
      throw err;
    }
  };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(template, fn);
  return fn;
}

/**
 * Render `template` with `data` (prompt stages pass `{ input, data, before_all }`).
 * Throws the Handlebars parse or render error (e.g. `Helper not found foo`).
 */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  return compile(template)(data);
}

/** Same engine for any data value (`aip.hbs.render` accepts any Lua value as root). */
export function renderTemplateAny(template: string, data: unknown): string {
  return compile(template)(data ?? {});
}
