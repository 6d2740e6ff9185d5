/**
 * Where an error points in the agent file. Lua stage errors carry
 * `<file>.aip:<line>:` already mapped to `.aip` lines by the script engine.
 */

export interface ErrorLocation {
  /** The file name as the message names it (e.g. `hello.aip`). */
  file: string;
  /** 1-based line. */
  line: number;
}

const AIP_LINE = /([^\s:"'[\]]+\.aip):(\d+):/;

export function errorLocation(message: string): ErrorLocation | undefined {
  const m = AIP_LINE.exec(message);
  if (!m) return undefined;
  return { file: m[1], line: Number(m[2]) };
}
