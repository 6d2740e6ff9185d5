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

hbs.registerHelper({
  [RENDER_HELPER]: (v: unknown) => renderValue(v),
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
  eq: function (this: unknown) {
    const [a, b] = args(arguments);
    return jsonEqual(a, b);
  },
  ne: function (this: unknown) {
    const [a, b] = args(arguments);
    return !jsonEqual(a, b);
  },
  gt: function () {
    const [a, b] = args(arguments);
    return compareJson(a, b) === 1;
  },
  gte: function () {
    const [a, b] = args(arguments);
    const c = compareJson(a, b);
    return c !== undefined && c !== -1;
  },
  lt: function () {
    const [a, b] = args(arguments);
    return compareJson(a, b) === -1;
  },
  lte: function () {
    const [a, b] = args(arguments);
    const c = compareJson(a, b);
    return c !== undefined && c !== 1;
  },
  and: function () {
    const [a, b] = args(arguments);
    return isTruthy(a) && isTruthy(b);
  },
  or: function () {
    const [a, b] = args(arguments);
    return isTruthy(a) || isTruthy(b);
  },
  not: function () {
    const [a] = args(arguments);
    return !isTruthy(a);
  },
  len: function () {
    const [v] = args(arguments);
    if (Array.isArray(v)) return v.length;
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (v !== null && typeof v === 'object') return Object.keys(v).length;
    return 0;
  },
});

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
    const inner =
      params.length === 0 && !n.hash
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
  fn = (data: unknown) => tpl(data, { allowProtoPropertiesByDefault: false });
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(template, fn);
  return fn;
}

/**
 * Render `template` with `data` (prompt stages pass `{ input, data, before_all }`).
 * Throws the Handlebars parse or render error (e.g. `Missing helper: "foo"`).
 */
export function renderTemplate(template: string, data: Record<string, unknown>): string {
  return compile(template)(data);
}

/** Same engine for any data value (`aip.hbs.render` accepts any Lua value as root). */
export function renderTemplateAny(template: string, data: unknown): string {
  return compile(template)(data ?? {});
}
