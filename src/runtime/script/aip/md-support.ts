/**
 * Markdown sections (§8.3 MdSection): headings, the section iterator behind
 * `aip.file.load_md_sections` / `load_md_split_first`, and the line splitting and
 * whitespace rules the other `aip.md` / `aip.text` helpers share.
 *
 * Behaviour follows aipack's section iterator: a section's `content` holds the lines
 * after its heading (sub-sections included, its own heading excluded — `heading_raw ..
 * content` rebuilds the text); headings inside code fences (§1.2) are plain content.
 */
import { FenceState } from '../../agent/fence';

export interface MdSection {
  _type: 'MdSection';
  /** Lines after the heading, joined with `\n` (sub-sections included). */
  content: string;
  /** Heading line + `\n`, or `""` when the section has no heading. */
  heading_raw: string;
  /** Heading line without newline, or `""`. */
  heading_content: string;
  /** 1..6, or 0 when no heading. */
  heading_level: number;
  /** Heading text after the `#`s, trimmed; `""` when no heading. */
  heading_name: string;
}

export interface MdSectionSplit {
  before: string;
  first?: MdSection;
  after: string;
}

// ---------------------------------------------------------------------------
// Shared text primitives (Rust `str` semantics, which the original relies on)

/** Unicode White_Space, as Rust's `char::is_whitespace` (no BOM, unlike JS `\s`). */
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_START = new RegExp(`^[${WS}]+`);
const WS_END = new RegExp(`[${WS}]+$`);
const WS_CHAR = new RegExp(`^[${WS}]$`);

export function isWhitespace(ch: string): boolean {
  return WS_CHAR.test(ch);
}
export function trimStart(s: string): string {
  return s.replace(WS_START, '');
}
export function trimEnd(s: string): string {
  return s.replace(WS_END, '');
}
export function trim(s: string): string {
  return trimEnd(trimStart(s));
}

/**
 * Lines as Rust's `str::lines()`: split on `\n`, drop one trailing `\r` per line, and no
 * empty last line when the text ends with a newline (`""` → no lines).
 */
export function rustLines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

// ---------------------------------------------------------------------------
// Headings

export interface MdHeading {
  /** The full heading line. */
  content: string;
  level: number;
  name: string;
}

/**
 * Parse an ATX heading line: 1-6 `#` at column 0, then whitespace, then a non-empty name.
 * `#NoSpace`, `###` alone and indented `  # x` are not headings.
 */
export function parseHeading(line: string): MdHeading | undefined {
  let level = 0;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (c === '#') {
      level++;
      continue;
    }
    if (level === 0 || !isWhitespace(c)) return undefined;
    break;
  }
  if (level === 0 || level > 6 || i >= line.length) return undefined;
  const nlAt = line.indexOf('\n', i);
  const name = trim(nlAt >= 0 ? line.slice(i, nlAt) : line.slice(i));
  if (name === '') return undefined;
  return { content: line, level, name };
}

export function toMdSection(content: string, heading: MdHeading | undefined): MdSection {
  return {
    _type: 'MdSection',
    content,
    heading_raw: heading ? `${heading.content}\n` : '',
    heading_content: heading ? heading.content : '',
    heading_level: heading ? heading.level : 0,
    heading_name: heading ? heading.name : '',
  };
}

// ---------------------------------------------------------------------------
// Section iterator

interface SectionPattern {
  level: number;
  name: string;
}

type Action =
  | { k: 'none' }
  | { k: 'newHeadingAll' }
  | { k: 'newMatching'; idx: number }
  | { k: 'capture' }
  | { k: 'close' };

type LineData = { heading: MdHeading; line?: undefined } | { heading?: undefined; line: string };

function resolvePatterns(headings: string[] | undefined): SectionPattern[] {
  if (!headings) return [];
  return headings.map((ref) => {
    if (ref === '') return { level: 0, name: '' };
    const h = parseHeading(ref);
    if (!h) throw new Error(`read_md_section - ref '${ref}' is not a valid markdown heading`);
    return { level: h.level, name: h.name };
  });
}

class MdSectionIter {
  private pos = 0;
  private passedFirstHeading = false;
  private action: Action = { k: 'none' };
  private lastHeading: MdHeading | undefined;
  /** A heading that closed a filtered section, re-examined by the next call. */
  private replay: string | undefined;

  constructor(
    private readonly lines: string[],
    private readonly filter: SectionPattern[],
  ) {}

  private nextLine(): string | undefined {
    if (this.replay !== undefined) {
      const l = this.replay;
      this.replay = undefined;
      return l;
    }
    return this.pos < this.lines.length ? this.lines[this.pos++] : undefined;
  }

  /** The lines not consumed yet (for split_first), starting with a pending heading. */
  rest(): string[] {
    const out: string[] = [];
    if (this.lastHeading) out.push(this.lastHeading.content);
    this.lastHeading = undefined;
    if (this.replay !== undefined) out.push(this.replay);
    this.replay = undefined;
    out.push(...this.lines.slice(this.pos));
    this.pos = this.lines.length;
    return out;
  }

  next(): MdSection | undefined {
    const all = this.filter.length === 0;
    let captured: string[] | undefined;
    let capturedHeading = this.lastHeading;
    this.lastHeading = undefined;
    let matching: SectionPattern | undefined;
    const fence = new FenceState();
    const close = (addNewLine: boolean): MdSection | undefined => {
      // The original returns nothing for a heading without lines, which also ends the
      // iteration early (`# A\n# B\ntext` gave no section); an empty section is kept instead.
      if (!captured && !capturedHeading) return undefined;
      captured ??= [];
      if (addNewLine) captured.push('');
      return toMdSection(captured.join('\n'), capturedHeading);
    };
    const push = (l: string) => (captured ??= []).push(l);

    for (let line = this.nextLine(); line !== undefined; line = this.nextLine()) {
      const step = fence.step(line);
      const inside = step === 'open' || step === 'in';
      let data: LineData = { line };
      if (!inside) {
        const h = parseHeading(line);
        if (h) {
          this.passedFirstHeading = true;
          data = { heading: h };
        }
      }

      if (data.heading) {
        const h = data.heading;
        if (all) this.action = { k: 'newHeadingAll' };
        else if (matching?.level === 0) this.action = { k: 'close' };
        else if (capturedHeading) this.action = h.level > capturedHeading.level ? { k: 'capture' } : { k: 'close' };
        else {
          const idx = this.filter.findIndex((p) => p.level === h.level && p.name === h.name);
          if (idx >= 0) this.action = { k: 'newMatching', idx };
        }
      } else {
        switch (this.action.k) {
          case 'none': {
            const lvl0 = this.passedFirstHeading ? -1 : this.filter.findIndex((p) => p.level === 0);
            this.action = lvl0 >= 0 ? { k: 'newMatching', idx: lvl0 } : all ? { k: 'capture' } : { k: 'none' };
            break;
          }
          case 'close':
            this.action = { k: 'none' };
            break;
          default:
            this.action = { k: 'capture' };
        }
      }

      const action = this.action;
      switch (action.k) {
        case 'none':
          break;
        case 'capture':
          push(data.heading ? data.heading.content : data.line!);
          break;
        case 'newHeadingAll':
          if (data.heading) {
            if (capturedHeading || captured) {
              this.lastHeading = data.heading;
              return close(true);
            }
            capturedHeading = data.heading;
          } else push(data.line!);
          break;
        case 'newMatching':
          matching = this.filter[action.idx];
          if (data.heading) capturedHeading = data.heading;
          else push(data.line!);
          break;
        case 'close':
          // The original drops the closing heading, so two adjacent requested sections
          // would lose the second; re-examine it on the next call instead.
          if (data.heading) {
            this.replay = data.heading.content;
            this.action = { k: 'none' };
          }
          return close(false);
      }
    }
    return close(true);
  }
}

/**
 * Split markdown into sections. Without `headings`, every heading starts a section and text
 * before the first heading is a heading-less section. With `headings` (e.g. `["# Intro",
 * "## Usage"]`, level and name must match; `""` selects the text before the first heading),
 * only the matching sections are returned, each with its sub-sections.
 * Throws `read_md_section - ref '<h>' is not a valid markdown heading` for a bad pattern.
 */
export function mdSections(content: string, headings?: string[]): MdSection[] {
  const it = new MdSectionIter(rustLines(content), resolvePatterns(headings));
  const out: MdSection[] = [];
  for (let s = it.next(); s; s = it.next()) out.push(s);
  return out;
}

/**
 * The first section (text before the first heading, or the first heading's section when the
 * text starts with one) and everything after it. `before` is always `""` (as in aipack);
 * `heading_raw .. content .. after` rebuilds the text (modulo a final newline).
 */
export function mdSplitFirst(content: string): { before: string; first?: MdSection; after: string } {
  const it = new MdSectionIter(rustLines(content), []);
  const first = it.next();
  const after = it.rest().join('\n');
  return first ? { before: '', first, after } : { before: '', after };
}
