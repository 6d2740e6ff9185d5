/**
 * The `# Options` block (§1.5): flat TOML keys read into AgentOptions, with
 * errors pointing at the `.aip` line rather than the line within the block.
 */
import { parse as parseToml } from 'smol-toml';
import { AGENT_OPTION_KEYS, type AgentOptions, toAgentOptions } from '../config/options';
import { AipError, errorMessage } from '../errors';
import { tomlErrorReason } from './toml-reason';
import type { AgentDoc, ScriptBlock } from './types';

export function parseOptionsBlock(doc: AgentDoc, filePath: string): AgentOptions {
  const block = doc.options;
  if (!block) return {};

  let value: unknown;
  try {
    value = parseToml(block.code);
  } catch (err) {
    const line = aipLineOfTomlError(block, err);
    throw new AipError(`Invalid TOML in # Options (${filePath}:${line}): ${tomlReason(err)}`, {
      location: { file: filePath, line },
      cause: err,
    });
  }

  try {
    // Unknown keys are dropped by toAgentOptions (§1.5).
    return toAgentOptions(value, `# Options (${filePath})`);
  } catch (err) {
    // Point at the offending key's line; only this error path pays for finding it.
    const key = failingKey(value as Record<string, unknown>);
    const line = (key ? keyLine(block, key) : undefined) ?? block.lineMap[0];
    const where = `# Options (${filePath}:${line})`;
    let message = errorMessage(err);
    if (key) {
      try {
        toAgentOptions({ [key]: (value as Record<string, unknown>)[key] }, where);
      } catch (keyErr) {
        message = errorMessage(keyErr);
      }
    }
    throw new AipError(message, { location: { file: filePath, line }, cause: err });
  }
}

/** smol-toml's line is 1-based within the block; it may be one past the end for errors at EOF. */
function aipLineOfTomlError(block: ScriptBlock, err: unknown): number {
  const map = block.lineMap;
  const tomlLine = (err as { line?: unknown } | null)?.line;
  if (typeof tomlLine !== 'number' || tomlLine < 1) return map[0];
  return map[Math.min(tomlLine, map.length) - 1];
}

function tomlReason(err: unknown): string {
  const column = (err as { column?: unknown } | null)?.column;
  const reason = tomlErrorReason(err);
  return typeof column === 'number' ? `${reason} (column ${column})` : reason;
}

function failingKey(value: Record<string, unknown>): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of AGENT_OPTION_KEYS) {
    if (value[key] == null) continue;
    try {
      toAgentOptions({ [key]: value[key] }, '');
    } catch {
      return key;
    }
  }
  return undefined;
}

/** `.aip` line where a top-level key is set: `key = …`, a quoted key, or a `[key]` table header. */
function keyLine(block: ScriptBlock, key: string): number | undefined {
  const assign = new RegExp(`^\\s*(?:${key}|"${key}"|'${key}')\\s*[=.]`);
  const table = new RegExp(`^\\s*\\[\\s*(?:${key}|"${key}"|'${key}')\\s*\\]`);
  const lines = block.code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (assign.test(lines[i]) || table.test(lines[i])) return block.lineMap[i];
  }
  return undefined;
}
