/**
 * The reason alone from a smol-toml error: it prefixes "Invalid TOML document: "
 * and appends a code frame numbered within the parsed snippet, which would
 * mislead once the snippet is a block inside a `.aip` file.
 */
import { errorMessage } from '../errors';

export function tomlErrorReason(err: unknown): string {
  const msg = errorMessage(err).replace(/^Invalid TOML document:\s*/, '');
  const frame = msg.indexOf('\n\n');
  return (frame >= 0 ? msg.slice(0, frame) : msg).trim();
}
