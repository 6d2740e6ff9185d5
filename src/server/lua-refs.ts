/**
 * What the stage scripts of an `.aip` refer to, with `.aip` ranges: `aip.*`
 * names, `require("mod")` and `aip.agent.run("name")`. Shared by diagnostics
 * and go-to-definition.
 */
import type { AipDocument, StageBlock } from './aip-doc';
import { findChains, scanLua, stringArgAt, type LuaToken } from './lua-scan';
import { type Range, range } from './types';

export interface AipNameRef {
  module: string;
  /** Function or constant name; undefined for a bare `aip.<module>`. */
  name?: string;
  moduleRange: Range;
  nameRange?: Range;
}

export interface StringRef {
  value: string;
  /** Range of the string literal including its quotes. */
  range: Range;
  stage: StageBlock['stage'];
}

export interface LuaRefs {
  aipNames: AipNameRef[];
  requires: StringRef[];
  /** `aip.agent.run("name", …)` without an `agent_base_dir` option (the name then resolves from the agent's dir). */
  subAgents: StringRef[];
}

const TOKEN_CACHE = new WeakMap<StageBlock['block'], LuaToken[]>();

export function blockTokens(sb: StageBlock): LuaToken[] {
  let t = TOKEN_CACHE.get(sb.block);
  if (!t) {
    t = scanLua(sb.block.code).tokens;
    TOKEN_CACHE.set(sb.block, t);
  }
  return t;
}

/** `.aip` range of a token of a block (single-line tokens). */
export function tokenRange(sb: StageBlock, t: LuaToken): Range {
  const line = sb.block.lineMap[t.line] - 1;
  return range(line, t.col, line, t.endCol);
}

export function collectLuaRefs(d: AipDocument): LuaRefs {
  const out: LuaRefs = { aipNames: [], requires: [], subAgents: [] };
  for (const sb of d.stageBlocks) {
    const tokens = blockTokens(sb);
    for (const chain of findChains(tokens, 'aip')) {
      if (chain.parts.length < 2) continue;
      const ref: AipNameRef = { module: chain.parts[1], moduleRange: tokenRange(sb, chain.tokens[1]) };
      if (chain.parts.length >= 3) {
        ref.name = chain.parts[2];
        ref.nameRange = tokenRange(sb, chain.tokens[2]);
      }
      out.aipNames.push(ref);
      if (chain.parts.length === 3 && chain.parts[1] === 'agent' && chain.parts[2] === 'run') {
        const arg = stringArgAt(tokens, chain.next);
        if (arg && !hasBaseDirOption(tokens, chain.next)) out.subAgents.push({ value: arg.value, range: tokenRange(sb, arg), stage: sb.stage });
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'name' || t.value !== 'require') continue;
      const prev = tokens[i - 1];
      if (prev?.kind === 'punct' && (prev.value === '.' || prev.value === ':')) continue;
      const arg = stringArgAt(tokens, i + 1);
      if (arg) out.requires.push({ value: arg.value, range: tokenRange(sb, arg), stage: sb.stage });
    }
  }
  return out;
}

/** True when the call's argument list (up to its closing paren) names `agent_base_dir`. */
function hasBaseDirOption(tokens: LuaToken[], open: number): boolean {
  if (tokens[open]?.value !== '(') return false;
  let depth = 0;
  for (let i = open; i < tokens.length && i < open + 200; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && (t.value === '(' || t.value === '{')) depth++;
    else if (t.kind === 'punct' && (t.value === ')' || t.value === '}')) {
      depth--;
      if (depth === 0) return false;
    } else if (t.kind === 'name' && t.value === 'agent_base_dir') return true;
  }
  return false;
}
