/**
 * `.aip` text -> AgentDoc (§1.1-§1.4), in one pass over the lines so the
 * language server can afford it on every keystroke.
 *
 * Decisions where the spec leaves room:
 * - "Empty section -> stage absent" (§1.3) is read as the original does it: a
 *   stage is absent when no line was captured for it (no matching block, or a
 *   block with nothing between its fences). A block holding only blank lines
 *   or comments is present: it runs and returns nil, and counts for
 *   `hasTaskStages`.
 * - An unclosed fence at end of file is an error (the original silently
 *   captured to the end). It usually swallows every heading after it.
 * - A leading UTF-8 BOM is dropped, otherwise the first heading would be missed.
 */
import { AipError } from '../errors';
import { FenceState } from './fence';
import { CODE_SECTIONS, type CodeSectionKey, type CodeSectionSpec, partOptionsStrOf, promptPartKindOf } from './headings';
import type { AgentDoc, AgentDocProblem, PromptPart, PromptPartKind, ScriptBlock, SectionInfo } from './types';

const HASH = 35;

/** What the lines under the current heading do. */
const enum Mode {
  /** Before the first heading, or under an unknown heading. */
  Ignore,
  /** Code section, still looking for its first lua/toml fence. */
  Armed,
  /** Inside the captured fence. */
  Capturing,
  /** Code section whose block was captured; the rest is ignored. */
  Done,
  /** Prompt part: every line is content. */
  Part,
}

interface CodeBuffer {
  lines: string[];
  lineMap: number[];
}

interface OpenPart {
  kind: PromptPartKind;
  optionsStr?: string;
  headingLine: number;
  lines: string[];
}

/**
 * Parse an agent and throw on the first error (an unclosed fence), as an
 * AipError whose message starts with `<filePath>:<line>:`. Warnings stay in
 * `doc.problems`.
 */
export function parseAgentDoc(text: string, filePath: string): AgentDoc {
  const doc = scanAgentDoc(text);
  const err = doc.problems?.find((p) => p.severity === 'error');
  if (err) {
    throw new AipError(`${filePath}:${err.line}: ${err.message}`, { location: { file: filePath, line: err.line } });
  }
  return doc;
}

/** Parse without throwing; every problem found is listed in `doc.problems`. */
export function scanAgentDoc(text: string): AgentDoc {
  const lines = splitLines(text);
  const fence = new FenceState();
  const buffers: Partial<Record<CodeSectionKey, CodeBuffer>> = {};
  const promptParts: PromptPart[] = [];
  const sections: SectionInfo[] = [];
  const problems: AgentDocProblem[] = [];

  let mode = Mode.Ignore;
  let code: CodeSectionSpec | undefined;
  let codeTitle = '';
  let codeHeadingLine = 0;
  /** First fence under an armed section that looked like the wanted language but did not open capture. */
  let nearMiss: { line: number; text: string } | undefined;
  let part: OpenPart | undefined;

  const endSection = (endLine: number) => {
    const last = sections[sections.length - 1];
    if (last) last.endLine = endLine;
    if (mode === Mode.Armed && code) {
      problems.push({ severity: 'warning', line: codeHeadingLine, message: noBlockMessage(codeTitle, code, nearMiss) });
    } else if (mode === Mode.Part && part) {
      promptParts.push(finishPart(part));
      part = undefined;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i];
    const step = fence.step(line);

    // A `#` line never changes the fence, so 'out' means outside before and after.
    if (step === 'out' && line.charCodeAt(0) === HASH && line.charCodeAt(1) !== HASH) {
      endSection(lineNo - 1);
      const title = line.slice(1).trim();
      const lower = title.toLowerCase();
      const spec = CODE_SECTIONS.get(lower);
      if (spec) {
        mode = Mode.Armed;
        code = spec;
        codeTitle = title;
        codeHeadingLine = lineNo;
        nearMiss = undefined;
        sections.push({ kind: spec.kind, title, line: lineNo, endLine: lineNo });
        continue;
      }
      const kind = promptPartKindOf(lower);
      if (kind) {
        mode = Mode.Part;
        part = { kind, optionsStr: partOptionsStrOf(lower), headingLine: lineNo, lines: [] };
        sections.push({ kind, title, line: lineNo, endLine: lineNo });
        continue;
      }
      mode = Mode.Ignore;
      sections.push({ kind: 'Unknown', title, line: lineNo, endLine: lineNo });
      continue;
    }

    switch (mode) {
      case Mode.Part:
        part!.lines.push(line);
        break;
      case Mode.Armed:
        if (step !== 'open') break;
        if (opensLang(line, fence.fenceLength!, code!.lang)) {
          mode = Mode.Capturing;
          buffers[code!.key] ??= { lines: [], lineMap: [] };
        } else if (!nearMiss && fence.info!.toLowerCase().startsWith(code!.lang)) {
          nearMiss = { line: lineNo, text: line.trim() };
        }
        break;
      case Mode.Capturing:
        if (step === 'close') {
          mode = Mode.Done;
        } else {
          const buf = buffers[code!.key]!;
          buf.lines.push(line);
          buf.lineMap.push(lineNo);
        }
        break;
      case Mode.Done:
        if (step === 'open' && opensLang(line, fence.fenceLength!, code!.lang)) {
          problems.push({
            severity: 'warning',
            line: lineNo,
            message: `only the first \`\`\`${code!.lang} block of # ${codeTitle} is used; this one is ignored`,
          });
        }
        break;
      case Mode.Ignore:
        break;
    }
  }

  if (fence.isOpen) {
    problems.push({ severity: 'error', line: fence.openLine!, message: 'code fence opened here is never closed' });
  }
  endSection(lines.length);

  const doc: AgentDoc = { promptParts, sections, problems };
  for (const key of Object.keys(buffers) as CodeSectionKey[]) {
    const block = toScriptBlock(buffers[key]!);
    if (block) doc[key] = block;
  }
  problems.sort((a, b) => a.line - b.line);
  return doc;
}

/** Lines as Rust's `str::lines` gives them: no trailing empty line, `\r\n` accepted. */
function splitLines(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (text.includes('\r')) {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
  }
  return lines;
}

/**
 * The language must follow the backticks immediately: a prefix test, so
 * ```` ```lua something ```` opens but ```` ``` lua ```` and ```` ```Lua ```` do not.
 */
function opensLang(line: string, ticks: number, lang: string): boolean {
  return line.startsWith(lang, ticks);
}

function finishPart(p: OpenPart): PromptPart {
  const out: PromptPart = {
    kind: p.kind,
    // As the original: lines joined with `\n` plus a trailing `\n`; a part without lines is ''.
    content: p.lines.length ? p.lines.join('\n') + '\n' : '',
    headingLine: p.headingLine,
  };
  if (p.optionsStr !== undefined) out.optionsStr = p.optionsStr;
  return out;
}

function toScriptBlock(buf: CodeBuffer): ScriptBlock | undefined {
  if (buf.lines.length === 0) return undefined;
  return { code: buf.lines.join('\n') + '\n', lineMap: buf.lineMap };
}

function noBlockMessage(title: string, spec: CodeSectionSpec, nearMiss: { line: number; text: string } | undefined): string {
  const base = `# ${title} has no \`\`\`${spec.lang} code block, so it does nothing`;
  if (!nearMiss) return base;
  return `${base} (the fence at line ${nearMiss.line}, ${nearMiss.text}, does not count: \`${spec.lang}\` must follow the backticks directly, in lower case)`;
}
