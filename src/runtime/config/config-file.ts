/**
 * One config file of the cascade (§4.1): TOML with the options under
 * `[options]` (legacy `[default_options]`), errors naming the file and line.
 */
import { parse as parseToml } from 'smol-toml';
import { tomlErrorReason } from '../agent/toml-reason';
import { AipError, errorMessage } from '../errors';
import { type AgentOptions, AgentOptionsError, toAgentOptions } from './options';

/** `Config invalid (config path: …) reason: …` (§4.1), located at the file and, when known, the line. */
export function configError(configPath: string, reason: string, line?: number, cause?: unknown): AipError {
  return new AipError(`Config invalid (config path: ${configPath})\n  reason: ${reason}`, {
    location: { file: configPath, line },
    cause,
  });
}

export function parseConfigToml(text: string, configPath: string): AgentOptions {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (err) {
    let line = (err as { line?: unknown }).line;
    let column = (err as { column?: unknown }).column;
    // An error at end of input is reported one line past the last; point at the last real line.
    const lastLine = Math.max(1, text.replace(/\r?\n$/, '').split(/\r?\n/).length);
    if (typeof line === 'number' && line > lastLine) {
      line = lastLine;
      column = undefined;
    }
    const at = typeof line === 'number' ? ` at line ${line}${typeof column === 'number' ? `, column ${column}` : ''}` : '';
    throw configError(configPath, `Invalid TOML${at}: ${tomlErrorReason(err)}`, typeof line === 'number' ? line : undefined, err);
  }

  // The dash spelling is a common slip; it is rejected rather than silently ignored.
  if (doc['default-options'] !== undefined) {
    throw configError(
      configPath,
      'Config [default-options] is invalid. Use [options] (with _ and not -)',
      findLine(text, /^\s*\[\s*default-options\s*\]/),
    );
  }

  const section = doc.options !== undefined ? 'options' : doc.default_options !== undefined ? 'default_options' : undefined;
  // A file without either section contributes nothing.
  if (section === undefined) return {};

  try {
    return toAgentOptions(doc[section], `[${section}]`);
  } catch (err) {
    const line = err instanceof AgentOptionsError ? optionLine(text, section, err) : undefined;
    const where = line !== undefined ? ` (line ${line})` : '';
    throw configError(configPath, `${errorMessage(err)}${where}`, line, err);
  }
}

/** Line of the offending key or alias, falling back to the section header. */
function optionLine(text: string, section: string, err: AgentOptionsError): number | undefined {
  const header = new RegExp(`^\\s*\\[\\s*${section}\\s*\\]`);
  if (err.key === undefined) return findLine(text, header) ?? findLine(text, new RegExp(`^\\s*${section}\\s*=`));
  const q = (k: string) => `(?:${escapeRe(k)}|"${escapeRe(k)}"|'${escapeRe(k)}')`;
  if (err.alias !== undefined) {
    return findLine(text, new RegExp(`^\\s*${q(err.alias)}\\s*=`)) ?? findLine(text, new RegExp(`^\\s*\\[\\s*${section}\\.model_aliases\\s*\\]`));
  }
  return (
    findLine(text, new RegExp(`^\\s*${q(err.key)}\\s*=`)) ??
    findLine(text, new RegExp(`^\\s*\\[\\s*${section}\\.${err.key}\\s*\\]`)) ??
    findLine(text, header)
  );
}

function findLine(text: string, re: RegExp): number | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) if (re.test(lines[i])) return i + 1;
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
