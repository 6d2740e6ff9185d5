/**
 * Markdown fenced blocks and references (§8.8): `aip.md.extract_blocks`,
 * `outer_block_content_or_raw` and `extract_refs`. Fences follow §1.2 through the
 * `FenceState` shared with the `.aip` parser.
 */
import { FenceState } from '../../agent/fence';
import { rustLines, trim } from './md-support';

export interface MdBlock {
  _type: 'MdBlock';
  /** Info string after the opening fence, trimmed (`""` for a bare fence). */
  lang: string;
  /** Lines between the fences, each ending with `\n`. */
  content: string;
}

export type MdRefKind = 'Anchor' | 'File' | 'Url';

export interface MdRef {
  _type: 'MdRef';
  target: string;
  /** Link text / image alt; absent when empty. */
  text?: string;
  /** True for images `![alt](src)`. */
  inline: boolean;
  kind: MdRefKind;
}

/**
 * Fenced blocks, optionally only those whose info string equals `lang` (`""` = bare fences).
 * `rest` is every line outside the returned blocks (fences of skipped blocks included),
 * each followed by `\n`. An unclosed last block is dropped, as in aipack.
 */
export function extractMdBlocks(content: string, lang?: string): { blocks: MdBlock[]; rest: string } {
  const fence = new FenceState();
  const blocks: MdBlock[] = [];
  const rest: string[] = [];
  let blockLang = '';
  let captured: string[] | undefined;
  for (const line of rustLines(content)) {
    const step = fence.step(line);
    if (step === 'open') {
      blockLang = fence.info ?? '';
      captured = lang === undefined || lang === blockLang ? [] : undefined;
      if (!captured) rest.push(line, '\n');
    } else if (step === 'close') {
      if (captured) blocks.push({ _type: 'MdBlock', lang: blockLang, content: captured.join('') });
      else rest.push(line, '\n');
      captured = undefined;
    } else if (step === 'in' && captured) {
      captured.push(line, '\n');
    } else {
      rest.push(line, '\n');
    }
  }
  return { blocks, rest: rest.join('') };
}

/**
 * When the trimmed text starts with a fence: the lines between the first and the last fence
 * lines, plus `\n`. Otherwise the text unchanged (or trimmed, when only one fence line is found).
 */
export function outerBlockContentOrRaw(orig: string): string {
  const content = trim(orig);
  if (!content.startsWith('```')) return orig;
  const lines = rustLines(content);
  const start = lines.findIndex((l) => l.startsWith('```'));
  let end = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].startsWith('```')) {
      end = i;
      break;
    }
  }
  if (start >= 0 && start < end) return `${lines.slice(start + 1, end).join('\n')}\n`;
  return content;
}

export function refKind(target: string): MdRefKind {
  if (target.startsWith('#')) return 'Anchor';
  if (target.startsWith('http://') || target.startsWith('https://') || target.startsWith('//')) return 'Url';
  return 'File';
}

const REF_RE = /(!?\[)([^\]]*)\]\(([^)]+)\)/;

/** `[text](target)` and `![alt](target)` outside fenced blocks and inline code spans. */
export function extractMdRefs(content: string): MdRef[] {
  const fence = new FenceState();
  const refs: MdRef[] = [];
  for (const line of rustLines(content)) {
    if (fence.step(line) !== 'out') continue;
    let pos = 0;
    for (;;) {
      const m = REF_RE.exec(line.slice(pos));
      if (!m) break;
      const start = pos + m.index;
      pos = start + m[0].length;
      // An odd number of backticks before the match means it sits in an inline code span.
      let ticks = 0;
      for (let i = 0; i < start; i++) if (line.charCodeAt(i) === 96) ticks++;
      if (ticks % 2 === 1) continue;
      const ref: MdRef = { _type: 'MdRef', target: m[3], inline: m[1] === '![', kind: refKind(m[3]) };
      if (m[2] !== '') ref.text = m[2];
      refs.push(ref);
    }
  }
  return refs;
}
