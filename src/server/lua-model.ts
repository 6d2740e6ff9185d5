/**
 * A scope-aware model of one piece of Lua (a stage block or a module file),
 * built from its syntax tree: locals with their scope, references, doc
 * comments and a guessed type; fields assigned to local tables (module
 * functions); global reads and writes; `aip.*` and `CTX.*` uses; functions for
 * the outline. Positions are in the parsed code (1-based lines, 0-based
 * columns); callers map them to the `.aip`.
 */
import type * as L from 'luaparse';
import { parseLua } from './lua-ast';
import { lineAt, Loc } from './lua-model-types';
import type { LiteralKind, LuaModel, LuaSymbol, SymbolKind, ValueInfo } from './lua-model-types';
import { stringValue } from './lua-model-types';
import { type LuaComment, scanLua } from './lua-scan';

export * from './lua-model-types';

/** luaparse sets `range` with `ranges: true`; its type definitions do not list it. */
const rng = (n: unknown): [number, number] => (n as { range: [number, number] }).range;

/** Return types of catalog functions, e.g. `FileRecord`, by `module.name` (filled by the caller). */
export type ReturnTypeOf = (module: string, name: string) => string | undefined;

const cache = new Map<string, LuaModel>();

/** Forget cached models (benchmarks measure the cold path with it). */
export function clearLuaModelCache(): void {
  cache.clear();
}

/** Model of `code`; cached by text (one return-type resolver per process). */
export function luaModel(code: string, returnTypeOf: ReturnTypeOf = () => undefined): LuaModel {
  const hit = cache.get(code);
  if (hit) return hit;
  let model: LuaModel;
  try {
    model = build(code, returnTypeOf);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    model = { symbols: [], globals: [], aip: [], ctx: [], functions: [], requires: [], moduleRefs: [], comments: [], folds: [], returnKeys: { plain: [], data: [], before_all: [] }, error: { line: 1, column: 0, length: 1, message: 'the code is nested too deeply to be read' } };
  }
  if (cache.size >= 64) cache.delete(cache.keys().next().value!);
  cache.set(code, model);
  return model;
}

function build(code: string, returnTypeOf: ReturnTypeOf): LuaModel {
  const parsed = parseLua(code);
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  // Lines come from the offsets (luaparse runs without its slower `locations`).
  const loc = (n: L.Node): Loc => {
    const [start, end] = rng(n);
    return new Loc(start, end, starts);
  };
  const startLine = (n: L.Node) => lineAt(starts, rng(n)[0]);
  const model: LuaModel = { symbols: [], globals: [], aip: [], ctx: [], functions: [], requires: [], moduleRefs: [], comments: [], folds: [], returnKeys: { plain: [], data: [], before_all: [] } };
  let fnDepth = 0;
  const fold = (n: L.Node) => {
    const [a, b] = [lineAt(starts, rng(n)[0]), lineAt(starts, rng(n)[1])];
    if (b > a) model.folds.push([a, b]);
  };
  if (!parsed.ast) {
    model.error = parsed.error;
    return model;
  }
  const ast = parsed.ast;
  // Doc comments: the `--` lines right above a declaration.
  const { comments } = scanLua(code);
  const commentByEndLine = new Map<number, LuaComment>();
  for (const c of comments) {
    model.comments.push([c.start, c.end]);
    if (c.endLine > c.line) model.folds.push([c.line, c.endLine]);
    // Only a comment alone on its line documents what follows (not `x = 1 -- note`).
    const lineStart = code.lastIndexOf('\n', c.start - 1) + 1;
    if (code.slice(lineStart, c.start).trim() === '') commentByEndLine.set(c.endLine, c);
  }
  const docAbove = (line: number): string | undefined => {
    const parts: string[] = [];
    for (let l = line - 1; ; l--) {
      const c = commentByEndLine.get(l);
      if (!c || c.line !== l) break;
      parts.unshift(c.text.replace(/^-\s?/, '').trim());
    }
    return parts.length ? parts.join('\n') : undefined;
  };

  const scopes: Map<string, LuaSymbol>[] = [];
  const blockEnds: number[] = [];
  const lookup = (name: string): LuaSymbol | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i].get(name);
      if (s) return s;
    }
    return undefined;
  };
  const declare = (id: L.Identifier, kind: SymbolKind, visibleFrom: number, value: ValueInfo, doc?: string): LuaSymbol => {
    const sym: LuaSymbol = {
      name: id.name,
      kind,
      decl: loc(id),
      refs: [],
      scopeStart: visibleFrom,
      scopeEnd: blockEnds[blockEnds.length - 1],
      value,
      doc,
      fields: new Map(),
    };
    scopes[scopes.length - 1].set(id.name, sym);
    model.symbols.push(sym);
    return sym;
  };
  const withScope = (end: number, fn: () => void) => {
    scopes.push(new Map());
    blockEnds.push(end);
    fn();
    scopes.pop();
    blockEnds.pop();
  };

  /** `aip.a.b` / `CTX.K` chains: the root identifier and the field names. */
  const chainOf = (e: L.Expression): { root: L.Identifier; names: L.Identifier[] } | undefined => {
    const names: L.Identifier[] = [];
    let cur: L.Expression = e;
    while (cur.type === 'MemberExpression' && cur.indexer === '.') {
      names.unshift(cur.identifier);
      cur = cur.base;
    }
    return cur.type === 'Identifier' ? { root: cur, names } : undefined;
  };

  const valueOf = (e: L.Expression | undefined): ValueInfo => {
    if (!e) return { literal: 'nil' };
    switch (e.type) {
      case 'StringLiteral':
        return { literal: 'string' };
      case 'NumericLiteral':
        return { literal: 'number' };
      case 'BooleanLiteral':
        return { literal: 'boolean' };
      case 'NilLiteral':
        return { literal: 'nil' };
      case 'TableConstructorExpression':
        return { literal: 'table' };
      case 'FunctionDeclaration':
        return { literal: 'function', params: e.parameters.map((p) => (p.type === 'Identifier' ? p.name : '...')) };
      case 'Identifier': {
        const s = lookup(e.name);
        return s ? { ...s.value } : { literal: 'unknown' };
      }
      case 'CallExpression':
      case 'StringCallExpression': {
        const req = requireName(e);
        if (req) return { literal: 'unknown', module: req };
        const ch = chainOf(e.base);
        if (ch && ch.root.name === 'aip' && !lookup('aip') && ch.names.length === 2) {
          const t = returnTypeOf(ch.names[0].name, ch.names[1].name);
          if (t) return { literal: 'unknown', typeName: t };
        }
        return { literal: 'unknown' };
      }
      default:
        return { literal: 'unknown' };
    }
  };

  const requireName = (e: L.Expression): string | undefined => {
    if (e.type !== 'CallExpression' && e.type !== 'StringCallExpression') return undefined;
    if (e.base.type !== 'Identifier' || e.base.name !== 'require' || lookup('require')) return undefined;
    const arg = e.type === 'StringCallExpression' ? e.argument : e.arguments[0];
    return arg?.type === 'StringLiteral' ? stringValue(arg) : undefined;
  };

  const argKind = (e: L.Expression): LiteralKind => {
    const v = valueOf(e);
    return e.type === 'Identifier' || v.typeName || v.module ? 'unknown' : v.literal;
  };

  const visitCall = (e: L.CallExpression | L.StringCallExpression | L.TableCallExpression) => {
    const args: L.Expression[] = e.type === 'CallExpression' ? e.arguments : e.type === 'StringCallExpression' ? [e.argument] : [e.arguments];
    const req = e.type !== 'TableCallExpression' ? requireName(e) : undefined;
    if (req !== undefined) {
      const lit = e.type === 'StringCallExpression' ? e.argument : (e as L.CallExpression).arguments[0];
      model.requires.push({ name: req, loc: loc(lit) });
    }
    const ch = chainOf(e.base);
    if (ch && ch.root.name === 'aip' && !lookup('aip') && ch.names.length >= 1) {
      const last = args[args.length - 1];
      const openEnded = !!last && (last.type === 'VarargLiteral' || last.type === 'CallExpression' || last.type === 'StringCallExpression' || last.type === 'TableCallExpression');
      model.aip.push({ parts: ch.names.map((n) => n.name), locs: ch.names.map(loc), call: { args: args.map(argKind), openEnded, loc: loc(e) } });
      visitIdent(ch.root, false);
    } else {
      visitExpr(e.base);
    }
    for (const a of args) visitExpr(a);
  };

  const tableKeys = (e: L.Expression | undefined): string[] =>
    e?.type === 'TableConstructorExpression' ? e.fields.flatMap((f) => (f.type === 'TableKeyString' ? [f.key.name] : [])) : [];
  const fieldValue = (e: L.Expression | undefined, key: string): L.Expression | undefined =>
    e?.type === 'TableConstructorExpression' ? e.fields.find((f): f is L.TableKeyString => f.type === 'TableKeyString' && f.key.name === key)?.value : undefined;
  const collectReturnKeys = (e: L.Expression) => {
    if (e.type === 'TableConstructorExpression') model.returnKeys.plain.push(...tableKeys(e));
    if (e.type !== 'CallExpression' && e.type !== 'TableCallExpression') return;
    const ch = chainOf(e.base);
    const arg = e.type === 'CallExpression' ? e.arguments[0] : e.arguments;
    if (ch?.root.name !== 'aip' || ch.names[0]?.name !== 'flow') return;
    if (ch.names[1]?.name === 'data_response') model.returnKeys.data.push(...tableKeys(fieldValue(arg, 'data')));
    if (ch.names[1]?.name === 'before_all_response') model.returnKeys.before_all.push(...tableKeys(fieldValue(arg, 'before_all')));
  };

  const visitIdent = (id: L.Identifier, write: boolean) => {
    const s = lookup(id.name);
    if (s) s.refs.push(loc(id));
    else model.globals.push({ name: id.name, loc: loc(id), write });
  };

  const visitMember = (e: L.MemberExpression, write: boolean) => {
    const ch = chainOf(e);
    if (ch && !lookup(ch.root.name)) {
      if (ch.root.name === 'aip') {
        model.aip.push({ parts: ch.names.map((n) => n.name), locs: ch.names.map(loc) });
        visitIdent(ch.root, false);
        return;
      }
      if (ch.root.name === 'CTX' && ch.names.length >= 1) {
        model.ctx.push({ key: ch.names[0].name, loc: loc(ch.names[0]), write: write && ch.names.length === 1 });
        visitIdent(ch.root, false);
        return;
      }
    }
    // `M.name` on a local table: a field reference (module functions); `h.name` on a required module.
    if (e.base.type === 'Identifier') {
      const s = lookup(e.base.name);
      const f = s?.fields.get(e.identifier.name);
      if (f) f.refs.push(loc(e.identifier));
      else if (s?.value.module) model.moduleRefs.push({ module: s.value.module, field: e.identifier.name, loc: loc(e.identifier) });
    }
    visitExpr(e.base);
  };

  const visitExpr = (e: L.Expression | null | undefined): void => {
    if (!e) return;
    switch (e.type) {
      case 'Identifier':
        return visitIdent(e, false);
      case 'MemberExpression':
        return visitMember(e, false);
      case 'IndexExpression':
        visitExpr(e.base);
        return visitExpr(e.index);
      case 'CallExpression':
      case 'StringCallExpression':
      case 'TableCallExpression':
        return visitCall(e);
      case 'FunctionDeclaration':
        return visitFunction(e, undefined);
      case 'TableConstructorExpression':
        fold(e);
        for (const f of e.fields) {
          if (f.type === 'TableKey') visitExpr(f.key);
          visitExpr(f.value);
        }
        return;
      case 'BinaryExpression':
      case 'LogicalExpression':
        visitExpr(e.left);
        return visitExpr(e.right);
      case 'UnaryExpression':
        return visitExpr(e.argument);
      default:
        return;
    }
  };

  const visitFunction = (f: L.FunctionDeclaration, name: string | undefined, nameNode?: L.Node, self = false) => {
    const params = f.parameters.map((p) => (p.type === 'Identifier' ? p.name : '...'));
    fold(f);
    if (name && nameNode) model.functions.push({ name, loc: loc(f), nameLoc: loc(nameNode), params });
    fnDepth++;
    withScope(rng(f)[1], () => {
      if (self) {
        const id = { type: 'Identifier', name: 'self', range: [rng(f)[0], rng(f)[0]] } as unknown as L.Identifier;
        declare(id, 'param', rng(f)[0], { literal: 'table' });
      }
      for (const p of f.parameters) if (p.type === 'Identifier') declare(p, 'param', rng(f)[0], { literal: 'unknown' });
      visitBlock(f.body);
    });
    fnDepth--;
  };

  const visitBlock = (body: L.Statement[]) => {
    for (const s of body) visitStatement(s);
  };

  const visitAssignTarget = (t: L.Expression, value: L.Expression | undefined, stmt: L.Node) => {
    if (t.type === 'Identifier') return visitIdent(t, true);
    if (t.type === 'MemberExpression') {
      if (t.base.type === 'Identifier' && t.indexer === '.') {
        const s = lookup(t.base.name);
        if (s) {
          s.refs.push(loc(t.base));
          const prev = s.fields.get(t.identifier.name);
          if (prev) prev.refs.push(loc(t.identifier));
          else s.fields.set(t.identifier.name, { name: t.identifier.name, decl: loc(t.identifier), refs: [], value: valueOf(value), doc: docAbove(startLine(stmt)) });
          return;
        }
      }
      return visitMember(t, true);
    }
    visitExpr(t);
  };

  function visitStatement(s: L.Statement): void {
    if (s.type === 'IfStatement') for (const c of s.clauses) fold(c);
    else if (s.type === 'WhileStatement' || s.type === 'DoStatement' || s.type === 'RepeatStatement' || s.type === 'ForNumericStatement' || s.type === 'ForGenericStatement') fold(s);
    switch (s.type) {
      case 'LocalStatement': {
        for (const e of s.init) visitExpr(e);
        const doc = docAbove(startLine(s));
        s.variables.forEach((v, i) => declare(v, 'local', rng(s)[1], valueOf(s.init[i]), doc));
        return;
      }
      case 'AssignmentStatement':
        for (const e of s.init) visitExpr(e);
        s.variables.forEach((v, i) => visitAssignTarget(v, s.init[i], s));
        return;
      case 'CallStatement':
        return visitExpr(s.expression);
      case 'FunctionDeclaration': {
        const doc = docAbove(startLine(s));
        const id = s.identifier;
        if (s.isLocal && id?.type === 'Identifier') {
          // `local function f` sees itself (recursion).
          declare(id, 'function', rng(id)[0], valueOf(s), doc);
          return visitFunction(s, id.name, id);
        }
        if (id?.type === 'Identifier') {
          visitIdent(id, true);
          return visitFunction(s, id.name, id);
        }
        if (id?.type === 'MemberExpression') {
          const base = id.base;
          const name = `${base.type === 'Identifier' ? base.name : '?'}${id.indexer}${id.identifier.name}`;
          if (base.type === 'Identifier') {
            const sym = lookup(base.name);
            if (sym) {
              sym.refs.push(loc(base));
              if (!sym.fields.has(id.identifier.name)) {
                sym.fields.set(id.identifier.name, { name: id.identifier.name, decl: loc(id.identifier), refs: [], value: valueOf(s), doc });
              }
            } else visitMember(id, true);
          } else visitExpr(base);
          return visitFunction(s, name, id.identifier, id.indexer === ':');
        }
        return visitFunction(s, undefined);
      }
      case 'ReturnStatement':
        for (const a of s.arguments) visitExpr(a);
        if (fnDepth === 0 && s.arguments[0]) collectReturnKeys(s.arguments[0]);
        if (scopes.length === 1 && s.arguments.length === 1 && s.arguments[0].type === 'Identifier') model.returned = lookup(s.arguments[0].name);
        return;
      case 'IfStatement':
        for (const c of s.clauses) {
          if (c.type !== 'ElseClause') visitExpr(c.condition);
          withScope(rng(c)[1], () => visitBlock(c.body));
        }
        return;
      case 'WhileStatement':
        visitExpr(s.condition);
        return withScope(rng(s)[1], () => visitBlock(s.body));
      case 'DoStatement':
        return withScope(rng(s)[1], () => visitBlock(s.body));
      case 'RepeatStatement':
        // `until` sees the body's locals.
        return withScope(rng(s)[1], () => {
          visitBlock(s.body);
          visitExpr(s.condition);
        });
      case 'ForNumericStatement':
        visitExpr(s.start);
        visitExpr(s.end);
        visitExpr(s.step);
        return withScope(rng(s)[1], () => {
          declare(s.variable, 'for', rng(s.variable)[1], { literal: 'number' });
          visitBlock(s.body);
        });
      case 'ForGenericStatement':
        for (const e of s.iterators) visitExpr(e);
        return withScope(rng(s)[1], () => {
          for (const v of s.variables) declare(v, 'for', rng(v)[1], { literal: 'unknown' });
          visitBlock(s.body);
        });
      default:
        return;
    }
  }

  withScope(code.length, () => visitBlock(ast.body));
  return model;
}
