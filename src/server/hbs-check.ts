/**
 * Pre-run checks of the prompt parts (§1.4, §2.6): each part is rendered once
 * with empty data by the runtime's own template engine (`renderTemplate`), so
 * whatever it rejects (parse errors, `{{#each}}…{{/if}}`, a missing partial)
 * is reported at its place in the `.aip`. Helpers are checked over the whole
 * template, not only the branches empty data reaches: every helper call found
 * in the syntax tree is asked of the same engine.
 *
 * Also: a level-1 heading that is not a prompt heading ends the part above it,
 * so its text never reaches the model (§1.1).
 */
import Handlebars from 'handlebars';
import { renderTemplate } from '../runtime/run/handlebars';
import type { PromptPart } from '../runtime/agent';
import type { AipDocument } from './aip-doc';
import { type AipDiagnostic, lineRange, range } from './types';

type Node = { type: string; loc?: { start: { line: number; column: number }; end: { line: number; column: number } }; [k: string]: unknown };

const helperKnown = new Map<string, boolean>();
const MAX_BLOCKS = 200;
const MAX_PARTS = 200;

/** Whether the runtime engine has a helper of this name (asked once per name). */
export function engineHasHelper(name: string): boolean {
  let known = helperKnown.get(name);
  if (known === undefined) {
    try {
      renderTemplate(`{{${name} 0}}`, {});
      known = true;
    } catch (err) {
      known = !/Missing helper|Helper not found/i.test(err instanceof Error ? err.message : String(err));
    }
    helperKnown.set(name, known);
  }
  return known;
}

/** Column of a handlebars.js parse error on its line, found from the snippet the lexer prints. */
function parseErrorColumn(template: string, line: number, message: string): number | undefined {
  const lines = message.split('\n');
  const snippet = lines[1];
  const caret = lines[2]?.indexOf('^');
  if (snippet === undefined || caret === undefined || caret < 0) return undefined;
  const past = snippet.slice(0, caret);
  const tplLines = template.split('\n');
  let lineStart = 0;
  for (let i = 0; i < line - 1 && i < tplLines.length; i++) lineStart += tplLines[i].length + 1;
  const text = tplLines[line - 1] ?? '';
  for (let col = text.length; col >= 0; col--) {
    const end = lineStart + col;
    const shown = (end > 20 ? '...' : '') + template.slice(Math.max(0, end - 20), end).replace(/\n/, '');
    if (shown === past) return col;
  }
  return undefined;
}

function friendlyParseMessage(message: string): string {
  const expecting = /Expecting (.*), got '([^']+)'/.exec(message);
  if (!expecting) return message.split('\n')[0];
  const got = expecting[2];
  if (got === 'EOF') return 'the template ends inside an open block (a `{{#…}}` without its `{{/…}}`)';
  if (got === 'INVALID') return 'unexpected character inside `{{ … }}` (is a `}` missing?)';
  return `unexpected ${got.toLowerCase().replace(/_/g, ' ')} (expecting ${expecting[1].split(', ').slice(0, 4).join(', ')})`;
}

/** The innermost `{{#name …}}` left open at the end of a template (1-based line, 0-based column). */
function unclosedBlock(tpl: string): { name: string; line: number; col: number } | undefined {
  const stack: { name: string; at: number }[] = [];
  for (const m of tpl.matchAll(/\{\{~?\s*([#/^])\s*([\w.-]+)/g)) {
    if (m[1] === '#') stack.push({ name: m[2], at: m.index! });
    else if (m[1] === '/') {
      const i = stack.map((s) => s.name).lastIndexOf(m[2]);
      if (i >= 0) stack.length = i;
    }
  }
  const open = stack.pop();
  if (!open) return undefined;
  const before = tpl.slice(0, open.at);
  const line = before.split('\n').length;
  return { name: open.name, line, col: open.at - (before.lastIndexOf('\n') + 1) };
}

/** `.aip` 0-based line of template line `tplLine` (1-based) of a part. */
const partLine = (part: PromptPart, tplLine: number) => part.headingLine + tplLine - 1;

/** A finding in a template: 1-based template line (0: the part heading), columns when known. */
interface Finding {
  tplLine: number;
  col?: number;
  endCol?: number;
  code: string;
  message: string;
}

const findingsCache = new Map<string, Finding[]>();
const FINDINGS_MAX = 500;

/** What the runtime engine says of a template (cached by text: only an edited part is checked again). */
function templateFindings(tpl: string): Finding[] {
  const hit = findingsCache.get(tpl);
  if (hit) return hit;
  const out: Finding[] = [];
  let parseFailed = false;
  try {
    renderTemplate(tpl, {});
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number };
    const msg = e.message ?? String(err);
    const parse = /^Parse error on line (\d+):/.exec(msg);
    const fatal = ' - every task would fail at render time';
    if (parse) {
      parseFailed = true;
      const opener = /got 'EOF'/.test(msg) ? unclosedBlock(tpl) : undefined;
      if (opener) {
        const message = `Handlebars: '{{#${opener.name}}}' is never closed (no '{{/${opener.name}}}')${fatal}`;
        out.push({ tplLine: opener.line, col: opener.col, endCol: opener.col + 3 + opener.name.length, code: 'hbs-parse', message });
      } else {
        const tplLine = Number(parse[1]);
        const col = parseErrorColumn(tpl, tplLine, msg);
        out.push({ tplLine, col, endCol: col === undefined ? undefined : col + 2, code: 'hbs-parse', message: `Handlebars: ${friendlyParseMessage(msg)}${fatal}` });
      }
    } else if (typeof e.lineNumber === 'number') {
      parseFailed = true;
      const col = e.column ?? 0;
      out.push({ tplLine: e.lineNumber, col, endCol: col + 3, code: 'hbs-parse', message: `Handlebars: ${msg.replace(/ - \d+:\d+$/, '')}${fatal}` });
    } else if (!/Missing helper|Helper not found/i.test(msg)) {
      out.push({ tplLine: 0, code: 'hbs-render', message: `Handlebars: ${msg} (rendering this part with empty data fails)` });
    }
  }
  if (!parseFailed) {
    let ast: Node | undefined;
    try {
      ast = Handlebars.parse(tpl) as unknown as Node;
    } catch {
      // The runtime engine accepts a template handlebars.js alone does not (it reads some forms as handlebars-rust does).
    }
    for (const call of ast ? helperCalls(ast) : []) {
      if (engineHasHelper(call.name)) continue;
      const { line, column } = call.loc.start;
      out.push({
        tplLine: line,
        col: column,
        endCol: column + 2 + call.name.length + (call.block ? 1 : 0),
        code: 'hbs-helper',
        message: `Handlebars: unknown helper '${call.name}' (aipack has only the built-in helpers: if, unless, each, with, lookup, raw, log, eq, ne, gt, gte, lt, lte, and, or, not, len)`,
      });
    }
  }
  if (findingsCache.size >= FINDINGS_MAX) findingsCache.delete(findingsCache.keys().next().value!);
  findingsCache.set(tpl, out);
  return out;
}

export function promptPartDiagnostics(d: AipDocument): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  // A real agent has a handful of parts; a generated giant is checked in its first ones only.
  for (const part of d.doc.promptParts.slice(0, MAX_PARTS)) {
    const tpl = part.content;
    if (!tpl.includes('{{')) continue;
    // handlebars.js parses deep block nesting in more than linear time (400 levels ≈ 0.5 s); such a part is not checked.
    if (tpl.split('{{#').length > MAX_BLOCKS) continue;
    for (const f of templateFindings(tpl)) {
      const line = f.tplLine === 0 ? part.headingLine - 1 : partLine(part, f.tplLine);
      const r = f.col === undefined ? lineRange(d.lines, line) : range(line, f.col, line, f.endCol ?? f.col + 1);
      out.push({ range: r, severity: 'error', code: f.code, message: f.message });
    }
  }
  return out;
}

/** Helper calls of a template: a name with parameters or a hash, or a block with parameters. */
function helperCalls(ast: Node): { name: string; loc: NonNullable<Node['loc']>; block: boolean }[] {
  const out: { name: string; loc: NonNullable<Node['loc']>; block: boolean }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    if (node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression') {
      const path = node.path as { type: string; parts?: string[]; data?: boolean; original?: string } | undefined;
      const params = (node.params as unknown[] | undefined) ?? [];
      const isCall = params.length > 0 || !!node.hash || node.type === 'SubExpression';
      if (path?.type === 'PathExpression' && !path.data && path.parts?.length === 1 && isCall && node.loc) {
        out.push({ name: path.parts[0], loc: node.loc, block: node.type === 'BlockStatement' });
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && k !== 'strip' && v && typeof v === 'object') walk(v);
  };
  walk(ast);
  return out;
}

/**
 * A level-1 heading that is not a recognised one, right after a prompt part,
 * with text under it: that text is dropped from the prompt (§1.1). Typos of a
 * known heading are reported by the section check instead.
 */
/** Headings authors use for free documentation (§1.1): leaving the prompt is what they mean. */
const DOC_HEADINGS = new Set(['description', 'notes', 'note', 'readme', 'docs', 'doc', 'documentation', 'comments', 'comment', 'todo', 'changelog', 'about', 'usage']);

export function droppedHeadingDiagnostics(d: AipDocument, typoLines: ReadonlySet<number>): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  const parts = new Set(['System', 'Instruction', 'Assistant']);
  for (let i = 1; i < d.sections.length; i++) {
    const s = d.sections[i];
    const prev = d.sections[i - 1];
    if (s.kind !== 'Unknown' || !parts.has(prev.kind) || typoLines.has(s.line)) continue;
    if (DOC_HEADINGS.has(s.title.toLowerCase())) continue;
    const body = d.lines.slice(s.line, s.endLine).filter((l) => l.trim() !== '');
    if (body.length === 0) continue;
    const text = d.lines[s.line - 1] ?? '';
    out.push({
      range: range(s.line - 1, 0, s.line - 1, text.length),
      severity: 'warning',
      code: 'heading-drops-prompt',
      message: `'# ${s.title}' is not a prompt heading: it ends '# ${prev.title}', and the ${body.length} line${body.length > 1 ? 's' : ''} under it never reach the model - use '## ${s.title}' to keep them in the prompt`,
    });
  }
  return out;
}
