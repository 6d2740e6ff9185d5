/**
 * Checks of the `# Options` TOML block (§1.5): TOML syntax, unknown keys
 * (the runtime silently ignores them, which hides typos) and wrongly typed
 * known keys, each at the `.aip` line where it is written.
 */
import { parse as parseToml } from 'smol-toml';
import type { ScriptBlock } from '../runtime/agent';
import { tomlErrorReason } from '../runtime/agent/toml-reason';
import { AGENT_OPTION_KEYS, AgentOptionsError, toAgentOptions } from '../runtime/config/options';
import { closest } from './suggest';
import { type AipDiagnostic, lineRange, range } from './types';

const KNOWN = new Set<string>(AGENT_OPTION_KEYS);

/** Parsed top-level table of the block, or undefined when it does not parse. */
export function parseOptionsTable(block: ScriptBlock | undefined): Record<string, unknown> | undefined {
  if (!block) return undefined;
  try {
    return parseToml(block.code) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function checkOptionsBlock(block: ScriptBlock | undefined, lines: string[]): AipDiagnostic[] {
  if (!block) return [];
  let table: Record<string, unknown>;
  try {
    table = parseToml(block.code) as Record<string, unknown>;
  } catch (err) {
    const e = err as { line?: unknown; column?: unknown };
    const codeLine = typeof e.line === 'number' && e.line >= 1 ? Math.min(e.line, block.lineMap.length) : 1;
    const line = block.lineMap[codeLine - 1] - 1;
    const col = typeof e.column === 'number' ? ` (column ${e.column})` : '';
    return [
      { range: lineRange(lines, line), severity: 'error', code: 'options-toml', message: `Invalid TOML in # Options: ${tomlErrorReason(err)}${col}` },
    ];
  }

  const out: AipDiagnostic[] = [];
  for (const key of Object.keys(table)) {
    const at = keyPosition(block, lines, key);
    const where = at ?? lineRange(lines, block.lineMap[0] - 1);
    if (!KNOWN.has(key)) {
      const hint = closest(key, AGENT_OPTION_KEYS);
      out.push({
        range: where,
        severity: 'warning',
        code: 'options-unknown-key',
        message: `Unknown option '${key}' (ignored by the runtime)${hint ? ` - did you mean '${hint}'?` : ''}`,
      });
      continue;
    }
    try {
      toAgentOptions({ [key]: table[key] }, '');
    } catch (err) {
      const message = err instanceof AgentOptionsError ? err.detail : String(err);
      out.push({ range: where, severity: 'error', code: 'options-type', message: `Invalid option: ${message}` });
    }
  }
  return out;
}

/** Range of `key` where it is set at top level: `key = …`, a quoted key, a dotted key or a `[key]` header. */
export function keyPosition(block: ScriptBlock, lines: string[], key: string) {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assign = new RegExp(`^(\\s*)(${esc}|"${esc}"|'${esc}')\\s*[=.]`);
  const table = new RegExp(`^(\\s*\\[\\s*)(${esc}|"${esc}"|'${esc}')\\s*[\\].]`);
  for (const aipLine of block.lineMap) {
    const text = lines[aipLine - 1] ?? '';
    const m = assign.exec(text) ?? table.exec(text);
    if (m) return range(aipLine - 1, m[1].length, aipLine - 1, m[1].length + m[2].length);
  }
  return undefined;
}
