/**
 * Pre-run checks of the Lua stages, from each stage's scope-aware model:
 * - syntax errors at the token the parser stopped on;
 * - `aip.*` calls: unknown modules and functions (a feature-detection probe
 *   such as `if aip.x.y then` is not a call and never flagged, and a call of a
 *   probed name is trusted), calls the stage does not allow, argument count
 *   and literal argument types from the catalog signatures;
 * - stage variables read in a stage that does not set them (`ai_response` in
 *   `# Data`), `CTX` keys that do not exist or are not set in the stage, and
 *   globals that nothing defines.
 * Every finding names what the run would do instead.
 */
import type { AipDocument, LuaStage, StageBlock } from './aip-doc';
import { catalogIndex, checkAipRef, returnTypeOf } from './catalog-index';
import { parseSignature } from './catalog-sig';
import { type LuaSyntaxProblem, moreSyntaxErrors } from './lua-ast';
import { type Loc, type LuaModel, luaModel, visibleAt } from './lua-model';
import { blockTokens, tokenRange } from './lua-refs';
import { type LuaSource, locRangeIn } from './lua-source';
import { findChains } from './lua-scan';
import { CTX_BY_NAME, CTX_KEYS, GLOBALS, STAGE_VARIABLES } from './lua-scope';
import type { StageRule } from './stage-calls';
import { closest } from './suggest';
import { type AipDiagnostic, type Range, range } from './types';

export const STAGE_TITLE: Record<LuaStage, string> = { BeforeAll: 'Before All', Data: 'Data', Output: 'Output', AfterAll: 'After All' };

/** Lua 5.4 standard globals (no `debug`: scripts do not get it, §8.1). */
export const LUA_GLOBALS: readonly string[] = [
  '_G', '_VERSION', 'assert', 'collectgarbage', 'dofile', 'error', 'getmetatable', 'ipairs', 'load', 'loadfile', 'next', 'pairs',
  'pcall', 'print', 'rawequal', 'rawget', 'rawlen', 'rawset', 'require', 'select', 'setmetatable', 'tonumber', 'tostring', 'type',
  'xpcall', 'warn', 'coroutine', 'io', 'math', 'os', 'package', 'string', 'table', 'utf8',
];

/** Older-Lua names scripts test for (`table.unpack or unpack`): nil here, but never a mistake to mention. */
const COMPAT_GLOBALS = ['_ENV', 'unpack', 'loadstring', 'setfenv', 'getfenv', 'bit32', 'jit', 'debug', 'module'];

/** Globals every stage state defines (§8.2, lua-state STAGE_GLOBALS and the prelude). */
const RUNTIME_GLOBALS = [...GLOBALS.map((g) => g.name), 'utils', 'aipack', 'Null', 'NULL'];

const ALL_STAGE_VARS = new Set(Object.values(STAGE_VARIABLES).flat());
const KNOWN_GLOBALS = new Set([...LUA_GLOBALS, ...COMPAT_GLOBALS, ...RUNTIME_GLOBALS]);

export { returnTypeOf };

export function stageModel(sb: StageBlock): LuaModel {
  return luaModel(sb.block.code, returnTypeOf);
}

/** `.aip` range of a model location of a stage block. */
export function locRange(sb: StageBlock, l: Loc): Range {
  const map = sb.block.lineMap;
  const line = (map[l.line - 1] ?? map[map.length - 1]) - 1;
  const endLine = (map[l.endLine - 1] ?? map[map.length - 1]) - 1;
  return range(line, l.col, endLine, l.endCol);
}

export interface LuaRuleContext {
  /** Rules of stage-restricted calls (stage-calls.ts); none checked when absent. */
  stageRules?: Map<string, StageRule>;
  /**
   * Globals defined outside the stage (by required modules). Undefined means
   * unknown (a required module could not be read): undefined globals are then
   * not reported.
   */
  externalGlobals?: ReadonlySet<string>;
}

/**
 * Findings per stage, cached by everything they depend on (stage, code, where
 * its lines are, the outside globals, whether stage rules are known): while
 * typing, only the edited stage is checked again.
 */
const stageCache = new Map<string, AipDiagnostic[]>();

export function luaStageDiagnostics(d: AipDocument, ctx: LuaRuleContext = {}): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  const ext = ctx.externalGlobals ? [...ctx.externalGlobals].sort().join(',') : '?';
  for (const sb of d.stageBlocks) {
    const key = `${sb.stage}\0${ctx.stageRules ? 1 : 0}\0${ext}\0${sb.block.lineMap.join(',')}\0${sb.block.code}`;
    let found = stageCache.get(key);
    if (!found) {
      found = stageFindings(d, sb, ctx);
      if (stageCache.size >= 32) stageCache.delete(stageCache.keys().next().value!);
      stageCache.set(key, found);
    }
    // Copies: callers attach quick fixes to what they get.
    out.push(...found.map((x) => ({ ...x })));
  }
  return out;
}

function stageFindings(d: AipDocument, sb: StageBlock, ctx: LuaRuleContext): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  {
    const model = stageModel(sb);
    if (model.error) {
      const map = sb.block.lineMap;
      // "at line N" names a code line: say the .aip line.
      const message = model.error.message.replace(/at line (\d+)/, (_, n: string) => `at line ${map[Math.min(Number(n), map.length) - 1]}`);
      out.push({ range: syntaxErrorRange(d, sb, model.error), severity: 'error', code: 'lua-syntax', message: `Lua syntax error: ${message}` });
      for (const more of moreSyntaxErrors(sb.block.code, model.error)) {
        const m2 = more.message.replace(/at line (\d+)/, (_, n: string) => `at line ${map[Math.min(Number(n), map.length) - 1]}`);
        out.push({ range: syntaxErrorRange(d, sb, more), severity: 'error', code: 'lua-syntax', message: `Lua syntax error: ${m2}` });
      }
      out.push(...tokenAipChecks(sb));
      return out;
    }
    out.push(...aipCallChecks((l) => locRange(sb, l), sb.stage, model, ctx.stageRules));
    out.push(...variableChecks(sb, model, ctx.externalGlobals));
  }
  return out;
}

/** Where a syntax error is shown: its token, or for an error at the end of the code, the end of the last line with code. */
function syntaxErrorRange(d: AipDocument, sb: StageBlock, e: LuaSyntaxProblem): Range {
  const map = sb.block.lineMap;
  if (e.line <= map.length && !e.message.includes("'<eof>'")) {
    const line = map[e.line - 1] - 1;
    return range(line, e.column, line, e.column + e.length);
  }
  for (let i = map.length - 1; i >= 0; i--) {
    const text = d.lines[map[i] - 1] ?? '';
    if (text.trim() === '') continue;
    const end = text.trimEnd().length;
    return range(map[i] - 1, Math.max(0, end - 1), map[i] - 1, end);
  }
  return range(map[0] - 1, 0, map[0] - 1, 0);
}

function aipCallChecks(toRange: (l: Loc) => Range, stage: LuaStage | undefined, model: LuaModel, rules: Map<string, StageRule> | undefined): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  const idx = catalogIndex();
  // Any non-call mention of a name (`if aip.x.y then`, `aip.x.y and …`, `local f = aip.x.y`) is a probe.
  const probed = new Set<string>();
  for (const u of model.aip) {
    if (u.call) continue;
    for (let i = 1; i <= u.parts.length; i++) probed.add(u.parts.slice(0, i).join('.'));
  }
  for (const u of model.aip) {
    if (!u.call || u.parts.length !== 2) continue;
    const [module, name] = u.parts;
    const key = `${module}.${name}`;
    if (probed.has(key)) continue;
    const res = checkAipRef(idx, module, name);
    if (!res.ok) {
      // `if aip.future then … aip.future.fn() … end`: the module itself was probed.
      if (res.part === 'module' && probed.has(module)) continue;
      const r = toRange(res.part === 'module' ? u.locs[0] : u.locs[1]);
      out.push({ range: r, severity: 'error', code: res.part === 'module' ? 'unknown-aip-module' : 'unknown-aip-function', message: res.message });
      continue;
    }
    const entry = idx.entries.get(module)?.get(name);
    const rule = rules?.get(key);
    if (rule && stage && !rule.stages.includes(stage)) {
      const where = rule.stages.map((s) => `# ${STAGE_TITLE[s]}`).join(', ');
      out.push({
        range: toRange(u.locs[1]),
        severity: rule.severity(stage),
        code: 'aip-stage',
        message: `${rule.message} (this is # ${STAGE_TITLE[stage]}; valid in ${where})`,
      });
    }
    if (!entry) continue;
    const sig = parseSignature(entry);
    const call = u.call;
    const required = sig.params.filter((p) => !p.optional).length;
    // `pin(iden, [priority,] content)`: with an optional parameter before a required one, a short call shifts positions.
    const shifted = call.args.length < sig.params.length && sig.params.some((p, i) => p.optional && sig.params.slice(i + 1).some((q) => !q.optional));
    const variadic = sig.params.some((p) => p.variadic);
    const callRange = toRange(u.locs[1]);
    if (!call.openEnded && call.args.length < required) {
      const missing = sig.params.filter((p) => !p.optional).slice(call.args.length).map((p) => `'${p.name}'`);
      out.push({
        range: callRange,
        severity: 'error',
        code: 'aip-arg-count',
        message: `aip.${key} expects at least ${required} argument${required > 1 ? 's' : ''} (missing ${missing.join(', ')}): ${entry.signature}`,
      });
    } else if (!variadic && call.args.length > sig.params.length) {
      out.push({
        range: callRange,
        severity: 'warning',
        code: 'aip-arg-count',
        message: `aip.${key} takes ${sig.params.length} argument${sig.params.length === 1 ? '' : 's'}; the extra ones are ignored: ${entry.signature}`,
      });
    }
    call.args.forEach((kind, i) => {
      const p = shifted ? undefined : sig.params[i];
      if (!p || p.variadic || !p.accepts || kind === 'unknown') return;
      if (kind === 'nil' && p.optional) return;
      if (p.accepts.has(kind)) return;
      // Lua (and mlua's string arguments in aipack) turn a number into a string: not a mistake worth a squiggle.
      if (kind === 'number' && p.accepts.has('string')) return;
      out.push({
        range: callRange,
        severity: 'error',
        code: 'aip-arg-type',
        message: `aip.${key}: argument ${i + 1} ('${p.name}') expects ${p.type} but gets a ${kind}`,
      });
    });
  }
  return out;
}

/**
 * Unknown `aip.*` names of a stage that does not parse, from its tokens: a
 * chain followed by `(`, a string or a table is a call, anything else a probe.
 */
function tokenAipChecks(sb: StageBlock): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  const tokens = blockTokens(sb);
  const chains = findChains(tokens, 'aip').filter((c) => c.parts.length >= 2);
  const isCall = (c: (typeof chains)[number]) => {
    const t = tokens[c.next];
    return c.parts.length === 3 && !!t && (t.kind === 'string' || t.value === '(' || t.value === '{');
  };
  const probed = new Set<string>();
  for (const c of chains) if (!isCall(c)) for (let i = 2; i <= c.parts.length; i++) probed.add(c.parts.slice(1, i).join('.'));
  const idx = catalogIndex();
  for (const c of chains) {
    if (!isCall(c) || probed.has(`${c.parts[1]}.${c.parts[2]}`)) continue;
    const res = checkAipRef(idx, c.parts[1], c.parts[2]);
    if (res.ok || (res.part === 'module' && probed.has(c.parts[1]))) continue;
    const r = tokenRange(sb, res.part === 'module' ? c.tokens[1] : c.tokens[2]);
    out.push({ range: r, severity: 'error', code: res.part === 'module' ? 'unknown-aip-module' : 'unknown-aip-function', message: res.message });
  }
  return out;
}

function variableChecks(sb: StageBlock, model: LuaModel, external: ReadonlySet<string> | undefined): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  const stage = sb.stage;
  const title = `# ${STAGE_TITLE[stage]}`;
  const own = new Set<string>(STAGE_VARIABLES[stage]);
  const written = new Set(model.globals.filter((g) => g.write).map((g) => g.name));
  for (const g of model.globals) {
    if (g.write || own.has(g.name) || written.has(g.name)) continue;
    if (ALL_STAGE_VARS.has(g.name)) {
      const where = (Object.keys(STAGE_VARIABLES) as LuaStage[]).filter((s) => STAGE_VARIABLES[s].includes(g.name)).map((s) => `# ${STAGE_TITLE[s]}`);
      out.push({
        range: locRange(sb, g.loc),
        severity: 'warning',
        code: 'stage-variable',
        message: `'${g.name}' is not set in ${title} (it is nil here); it exists in ${where.join(', ')}`,
      });
      continue;
    }
    if (KNOWN_GLOBALS.has(g.name) || external === undefined || external.has(g.name)) continue;
    const locals = visibleAt(model, g.loc.start).map((l) => l.name);
    const hint = closest(g.name, [...locals, ...own, ...KNOWN_GLOBALS, ...written]);
    out.push({
      range: locRange(sb, g.loc),
      severity: 'warning',
      code: 'undefined-global',
      message: `'${g.name}' is not defined in ${title} (a global nothing sets is nil)${hint ? ` - did you mean '${hint}'?` : ''}`,
    });
  }
  const ctxWritten = new Set(model.ctx.filter((c) => c.write).map((c) => c.key));
  for (const c of model.ctx) {
    if (c.write || ctxWritten.has(c.key)) continue;
    const key = CTX_BY_NAME.get(c.key);
    if (!key) {
      const hint = closest(c.key, CTX_KEYS.map((k) => k.name));
      out.push({ range: locRange(sb, c.loc), severity: 'warning', code: 'ctx-key', message: `Unknown CTX key '${c.key}' (nil)${hint ? ` - did you mean 'CTX.${hint}'?` : ''}` });
    } else if (key.stages && !key.stages.includes(stage)) {
      out.push({
        range: locRange(sb, c.loc),
        severity: 'warning',
        code: 'ctx-key',
        message: `CTX.${c.key} is nil in ${title}: it is set in ${key.stages.map((s) => `# ${STAGE_TITLE[s]}`).join(', ')} only`,
      });
    }
  }
  return out;
}

/**
 * Checks of a pack module file (`lua/*.lua`): syntax, `aip.*` names and
 * arguments, `CTX` keys. A module runs inside whichever stage requires it,
 * with that stage's globals, so stage rules do not apply.
 */
export function luaModuleDiagnostics(src: LuaSource): AipDiagnostic[] {
  const model = luaModel(src.code, returnTypeOf);
  if (model.error) {
    const e = model.error;
    const line = src.docLine(e.line);
    return [{ range: range(line, e.column, line, e.column + e.length), severity: 'error', code: 'lua-syntax', message: `Lua syntax error: ${e.message}` }];
  }
  const out = aipCallChecks((l) => locRangeIn(src, l), undefined, model, undefined);
  for (const c of model.ctx) {
    if (c.write || CTX_BY_NAME.has(c.key)) continue;
    const hint = closest(c.key, CTX_KEYS.map((k) => k.name));
    out.push({ range: locRangeIn(src, c.loc), severity: 'warning', code: 'ctx-key', message: `Unknown CTX key '${c.key}' (nil)${hint ? ` - did you mean 'CTX.${hint}'?` : ''}` });
  }
  return out;
}

/** Forget cached findings (benchmarks measure the cold path with it). */
export function clearLuaRulesCache(): void {
  stageCache.clear();
}
