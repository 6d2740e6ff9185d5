/**
 * Plain result shapes of the language-server features. They match the LSP
 * JSON shapes (0-based lines and characters) so the protocol layer passes
 * them through, while the feature modules stay free of LSP imports.
 */

export interface Position {
  /** 0-based. */
  line: number;
  /** 0-based UTF-16 offset in the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface AipDiagnostic {
  range: Range;
  severity: Severity;
  message: string;
  /** Stable id of the check, e.g. `lua-syntax`, `unknown-aip-function`. */
  code: string;
  /** Quick fix offered for it (code-actions.ts). */
  fix?: { title: string; range: Range; newText: string };
}

export function range(line: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The non-blank part of a line (the whole line when blank), for line-level diagnostics. */
export function lineRange(lines: string[], line: number): Range {
  const text = lines[line] ?? '';
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return end > start ? range(line, start, line, end) : range(line, 0, line, text.length);
}
