/**
 * Quick fixes: every "did you mean" diagnostic gets an edit to the suggested
 * name, a stage heading without its code block gets an empty fence, and an
 * unknown model can be made an explicit Ollama one. The fix travels with the
 * diagnostic (`fix`), so the code action request only has to hand it back.
 */
import type { AipDocument } from './aip-doc';
import { type AipDiagnostic, type Range, range } from './types';

export interface QuickFix {
  title: string;
  range: Range;
  newText: string;
}

const HINT = /did you mean '([^']+)'/;

/** The fix of one diagnostic, if it has one. */
export function fixFor(d: AipDocument, diag: AipDiagnostic): QuickFix | undefined {
  const hint = HINT.exec(diag.message)?.[1];
  const line = d.lines[diag.range.start.line] ?? '';
  if (hint) {
    switch (diag.code) {
      case 'unknown-aip-function':
      case 'unknown-aip-module':
      case 'ctx-key': {
        const name = hint.slice(hint.lastIndexOf('.') + 1);
        return { title: `Change to '${hint}'`, range: diag.range, newText: name };
      }
      case 'options-unknown-key':
      case 'undefined-global':
        return { title: `Change to '${hint}'`, range: diag.range, newText: hint };
      case 'unknown-section': {
        // Keep the part options (`# Sytem `cache = true``) and change the name only.
        const m = /^#\s*([^`]*?)\s*(`.*)?$/.exec(line);
        const rest = m?.[2] ? ` ${m[2]}` : '';
        return { title: `Change to '${hint}'`, range: range(diag.range.start.line, 0, diag.range.start.line, line.length), newText: `${hint.startsWith('#') ? hint : `# ${hint}`}${rest}` };
      }
    }
  }
  if (diag.code === 'agent-parse') {
    const m = /has no ```(lua|toml) code block/.exec(diag.message);
    if (m) {
      const at = diag.range.start.line + 1;
      return { title: `Add a \`\`\`${m[1]} block`, range: range(at, 0, at, 0), newText: `\`\`\`${m[1]}\n\n\`\`\`\n` };
    }
  }
  if (diag.code === 'model-unknown') {
    const m = /^(\s*model\s*=\s*)(["'])([^"']*)\2/.exec(line);
    if (m) {
      const start = m[1].length + 1;
      return { title: `Use 'ollama::${m[3]}'`, range: range(diag.range.start.line, start, diag.range.start.line, start + m[3].length), newText: `ollama::${m[3]}` };
    }
  }
  return undefined;
}

/** Attach the fixes to a document's diagnostics (in place). */
export function attachFixes(d: AipDocument, diags: AipDiagnostic[]): AipDiagnostic[] {
  for (const diag of diags) {
    const fix = fixFor(d, diag);
    if (fix) diag.fix = fix;
  }
  return diags;
}
