/**
 * Parsing of the file-changes envelope (udiffx): the first `[[[UDIFFX_FILE_CHANGES]]]` block
 * (udiffx ≥ 0.3, bracket tags) or `<FILE_CHANGES>` block (udiffx 0.2, XML tags), and the
 * `FILE_NEW/PATCH/APPEND/COPY/RENAME/DELETE` directives inside it.
 */

interface Fence {
  open: string;
  /** Accepted closing delimiters of a tag, longest first. */
  closes: string[];
}

const FENCE_BRACKETS: Fence = { open: '[[[', closes: [']]]', ']]'] };
const FENCE_XML: Fence = { open: '<', closes: ['>'] };

export interface TagElem {
  tag: string;
  attrs: Record<string, string>;
  content: string;
  start: number;
  /** Index just past the element. */
  end: number;
}

/** `key="v" key='v' key=v key` → map (markex's lenient attribute parser). */
export function parseAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let cur = raw.trim();
  while (cur !== '') {
    cur = cur.trimStart();
    if (cur === '') break;
    const m = /[\s=]/.exec(cur);
    const keyEnd = m ? m.index : cur.length;
    const key = cur.slice(0, keyEnd);
    cur = cur.slice(keyEnd).trimStart();
    let value = '';
    if (cur.startsWith('=')) {
      cur = cur.slice(1).trimStart();
      if (cur !== '') {
        const q = cur[0];
        if (q === '"' || q === "'") {
          cur = cur.slice(1);
          const close = cur.indexOf(q);
          if (close >= 0) {
            value = cur.slice(0, close);
            cur = cur.slice(close + 1);
          } else {
            value = cur;
            cur = '';
          }
        } else {
          const ws = /\s/.exec(cur);
          const vEnd = ws ? ws.index : cur.length;
          value = cur.slice(0, vEnd);
          cur = cur.slice(vEnd);
        }
      }
    }
    if (key !== '') attrs[key] = value;
  }
  return attrs;
}

/** Earliest match among `patterns` from `from` (longest wins on a tie). */
function findFirst(input: string, patterns: string[], from: number): [number, number] | undefined {
  let best: [number, number] | undefined;
  for (const p of patterns) {
    const i = input.indexOf(p, from);
    if (i < 0) continue;
    if (!best || i < best[0] || (i === best[0] && p.length > best[1])) best = [i, p.length];
  }
  return best;
}

/**
 * Tag scanner modelled on markex's: finds `<open>NAME…<close>` elements of the given names,
 * self-closing when the opening body ends with `/`. With `autoClose`, an element without
 * its closing tag ends where the next known tag opens (or at the end of input).
 */
export function scanTags(input: string, names: string[], fence: Fence, autoClose: boolean): TagElem[] {
  const prefixes = names.map((n) => ({ name: n, prefix: fence.open + n, ends: fence.closes.map((c) => `${fence.open}/${n}${c}`) }));
  const validAfter = (idx: number) => {
    const rest = input.slice(idx, idx + 4);
    return fence.closes.some((c) => rest.startsWith(c)) || rest.startsWith('/') || /^[ \n\t\r]/.test(rest);
  };
  const nextOpening = (from: number): [number, (typeof prefixes)[number]] | undefined => {
    let pos = from;
    while (pos < input.length) {
      let sel: [number, (typeof prefixes)[number]] | undefined;
      for (const p of prefixes) {
        const i = input.indexOf(p.prefix, pos);
        if (i >= 0 && (!sel || i < sel[0] || (i === sel[0] && p.name.length > sel[1].name.length))) sel = [i, p];
      }
      if (!sel) return undefined;
      if (validAfter(sel[0] + sel[1].prefix.length)) return sel;
      pos = sel[0] + 1;
    }
    return undefined;
  };

  const out: TagElem[] = [];
  let pos = 0;
  while (pos < input.length) {
    const found = nextOpening(pos);
    if (!found) break;
    const [start, p] = found;
    const afterPrefix = start + p.prefix.length;
    const close = findFirst(input, fence.closes, start);
    if (!close) break;
    const body = input.slice(afterPrefix, close[0]);
    const openEnd = close[0] + close[1];
    const selfClosing = body.endsWith('/');
    const attrs = parseAttrs(selfClosing ? body.slice(0, -1).trimEnd() : body);
    if (selfClosing) {
      out.push({ tag: p.name, attrs, content: '', start, end: openEnd });
      pos = openEnd;
      continue;
    }
    if (openEnd >= input.length && !autoClose) break;
    const endTag = findFirst(input, p.ends, openEnd);
    if (autoClose) {
      const next = nextOpening(openEnd);
      if (next && (!endTag || next[0] < endTag[0])) {
        out.push({ tag: p.name, attrs, content: input.slice(openEnd, next[0]), start, end: next[0] });
        pos = next[0];
        continue;
      }
      if (!endTag) {
        out.push({ tag: p.name, attrs, content: input.slice(openEnd), start, end: input.length });
        break;
      }
    }
    if (!endTag) break;
    out.push({ tag: p.name, attrs, content: input.slice(openEnd, endTag[0]), start, end: endTag[0] + endTag[1] });
    pos = endTag[0] + endTag[1];
  }
  return out;
}

// ---------------------------------------------------------------------------

export type FileDirective =
  | { kind: 'New' | 'Patch' | 'Append'; file_path: string; content: string }
  | { kind: 'Copy' | 'Rename'; from_path: string; to_path: string }
  | { kind: 'Delete'; file_path: string }
  | { kind: 'Fail'; tag: string; file_path?: string; error_msg: string };

/**
 * Directive content: one leading newline dropped; a content wrapped in a Markdown code fence
 * (the model's habit) is unwrapped.
 */
export function contentFromRaw(raw: string): string {
  let s = raw.startsWith('\n') ? raw.slice(1) : raw;
  const ts = s.trimStart();
  if (ts.startsWith('```')) {
    const nl = ts.indexOf('\n');
    if (nl >= 0) {
      const remaining = ts.slice(nl + 1);
      const te = remaining.trimEnd();
      if (te.endsWith('```')) {
        const lastNl = te.lastIndexOf('\n');
        if (lastNl >= 0 && te.slice(lastNl + 1).trimStart().startsWith('```')) {
          let content = remaining.slice(0, lastNl + 1);
          if (content.startsWith('\n')) content = content.slice(1);
          return content;
        }
        if (te.trimStart().startsWith('```')) return '';
      }
    }
  }
  return s;
}

const DIRECTIVE_TAGS = ['FILE_NEW', 'FILE_PATCH', 'FILE_APPEND', 'FILE_COPY', 'FILE_RENAME', 'FILE_DELETE'];

function toDirective(el: TagElem): FileDirective {
  const a = el.attrs;
  const need = (attr: string): string => {
    const v = a[attr];
    if (v === undefined) throw new Error(`Missing attribute '${attr}' for tag '${el.tag}'`);
    return v;
  };
  try {
    switch (el.tag) {
      case 'FILE_NEW':
        return { kind: 'New', file_path: need('file_path'), content: contentFromRaw(el.content) };
      case 'FILE_PATCH':
        return { kind: 'Patch', file_path: need('file_path'), content: contentFromRaw(el.content) };
      case 'FILE_APPEND':
        return { kind: 'Append', file_path: need('file_path'), content: contentFromRaw(el.content) };
      case 'FILE_COPY':
        return { kind: 'Copy', from_path: need('from_path'), to_path: need('to_path') };
      case 'FILE_RENAME':
        return { kind: 'Rename', from_path: need('from_path'), to_path: need('to_path') };
      case 'FILE_DELETE':
        return { kind: 'Delete', file_path: need('file_path') };
      default:
        throw new Error(`Unknown directive tag '${el.tag}'`);
    }
  } catch (err) {
    return { kind: 'Fail', tag: el.tag, file_path: a.file_path ?? a.to_path ?? a.from_path, error_msg: (err as Error).message };
  }
}

export interface ExtractedChanges {
  directives: FileDirective[];
  /** The input without the envelope blocks (when asked). */
  extruded?: string;
}

/**
 * Parse the first envelope of `input`. Whichever envelope style appears first wins; the
 * directives inside use the same style. With `extrude`, the text outside every envelope
 * block of that style is returned too.
 */
export function extractFileChanges(input: string, extrude: boolean): ExtractedChanges {
  const bracket = scanTags(input, ['UDIFFX_FILE_CHANGES'], FENCE_BRACKETS, false);
  const xml = scanTags(input, ['FILE_CHANGES'], FENCE_XML, false);
  const useXml = xml.length > 0 && (bracket.length === 0 || xml[0].start < bracket[0].start);
  const blocks = useXml ? xml : bracket;
  const fence = useXml ? FENCE_XML : FENCE_BRACKETS;

  let extruded: string | undefined;
  if (extrude) {
    let text = '';
    let last = 0;
    for (const b of blocks) {
      text += input.slice(last, b.start);
      last = b.end;
    }
    extruded = text + input.slice(last);
  }
  if (blocks.length === 0) return { directives: [], extruded };

  // Bracket directives may omit their closing tag (auto-close); XML ones are strict, as in udiffx 0.2.
  const children = scanTags(blocks[0].content, DIRECTIVE_TAGS, fence, !useXml);
  return { directives: children.map(toDirective), extruded };
}
