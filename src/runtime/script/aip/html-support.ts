/**
 * HTML helpers shared by `aip.html` and the `aip.file.save_html_*` functions (§8.12):
 * `slimHtml` keeps only content-bearing markup, `htmlToMarkdown` converts to Markdown,
 * `selectHtml` runs CSS selectors. Parsing uses node-html-parser; Markdown uses turndown.
 */
import type { HTMLElement, Node, TextNode } from 'node-html-parser';
import type TurndownService from 'turndown';

const PARSE_OPTIONS = {
  comment: false,
  lowerCaseTagName: true,
  blockTextElements: { script: true, style: true, pre: true, noscript: true },
};

// DOM node types (numeric values of node-html-parser's NodeType).
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;

// The parser (and its CSS-select stack) is required on first use, not when catalogs load.
function parseHtml(html: string): HTMLElement {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('node-html-parser') as typeof import('node-html-parser');
  return parse(html, PARSE_OPTIONS);
}

// ---------------------------------------------------------------------------
// slim

// Dropped wherever they are (never content).
const ALWAYS_DROPPED = new Set(['script', 'style', 'link', 'base', 'svg', 'noscript', 'template', 'iframe']);
// Dropped when nothing is left inside them after slimming.
const REMOVABLE_WHEN_EMPTY = new Set([
  'div', 'span', 'p', 'i', 'b', 'em', 'strong', 'section', 'article', 'header', 'footer', 'nav', 'aside',
]);
const META_PROPERTY_KEYWORDS = ['title', 'url', 'image', 'description'];
const BODY_ATTRS = new Set(['class', 'aria-label', 'href', 'title', 'id']);
const META_ATTRS = new Set(['property', 'content']);
// Tags that start on their own indented line.
const BLOCK_TAGS = new Set(
  ('html head body a div p section article header footer nav aside ul ol li table tr td th h1 h2 h3 h4 h5 h6 ' +
    'pre blockquote main form fieldset details summary figure figcaption dl dt dd br hr img input meta title').split(' '),
);
const VOID_TAGS = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
// Elements a browser would move into <head> when the document has no explicit one.
const HEAD_TAGS = new Set(['title', 'meta']);

const INDENT = 2;

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function keepMeta(el: HTMLElement): boolean {
  const prop = el.getAttribute('property');
  if (prop === undefined) return false;
  const lower = prop.toLowerCase();
  return META_PROPERTY_KEYWORDS.some((k) => lower.includes(k));
}

function writeAttrs(el: HTMLElement, inHead: boolean): string {
  const tag = el.rawTagName.toLowerCase();
  const allowed = inHead ? (tag === 'meta' ? META_ATTRS : new Set<string>()) : BODY_ATTRS;
  // Sorted by name so the output is stable whatever the source order.
  const attrs = Object.entries(el.attributes)
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .filter(([k]) => allowed.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
}

function slimNode(node: Node, inHead: boolean, depth: number): string {
  if (node.nodeType === COMMENT_NODE) return '';
  if (node.nodeType === TEXT_NODE) {
    const text = (node as TextNode).text;
    return text.trim() === '' ? '' : text;
  }
  if (node.nodeType !== ELEMENT_NODE) return '';
  const el = node as HTMLElement;
  const tag = (el.rawTagName ?? '').toLowerCase();
  if (!tag) return el.childNodes.map((c) => slimNode(c, inHead, depth)).join('');
  if (tag === 'html') return el.childNodes.map((c) => slimNode(c, inHead, depth)).join('');
  if (ALWAYS_DROPPED.has(tag)) return '';
  if (inHead && !(tag === 'title' || (tag === 'meta' && keepMeta(el)))) return '';

  const isHead = tag === 'head';
  const childInHead = inHead || isHead;
  const block = BLOCK_TAGS.has(tag);
  const childDepth = block ? depth + 1 : depth;
  const inner = el.childNodes.map((c) => slimNode(c, childInHead, childDepth)).join('');

  const empty = inner.trim() === '';
  if (empty && (isHead || (!childInHead && REMOVABLE_WHEN_EMPTY.has(tag)))) return '';

  const pad = ' '.repeat(depth * INDENT);
  let out = block ? `\n${pad}` : '';
  out += `<${tag}${writeAttrs(el, childInHead)}>`;
  if (VOID_TAGS.has(tag)) return out;
  out += inner;
  if (block && inner.includes('\n')) out += `\n${pad}`;
  out += `</${tag}>`;
  return out;
}

/** The doctype line if the source starts with one (node-html-parser keeps it as text). */
function doctypeOf(html: string): string | undefined {
  const m = /^\s*<!doctype\s+([^\s>]+)[^>]*>/i.exec(html);
  return m ? `<!DOCTYPE ${m[1].toLowerCase()}>` : undefined;
}

/**
 * Give a fragment the head/body shape a browser would: explicit `<head>`/`<body>` are
 * kept; loose `<title>`/`<meta>` go to the head and the rest to the body.
 */
function documentParts(root: HTMLElement): { head: Node[]; body: Node[]; bodyEl?: HTMLElement } {
  const top: Node[] = [];
  for (const n of root.childNodes) {
    if (n.nodeType === ELEMENT_NODE && (n as HTMLElement).rawTagName?.toLowerCase() === 'html') top.push(...n.childNodes);
    else top.push(n);
  }
  const head: Node[] = [];
  const body: Node[] = [];
  let bodyEl: HTMLElement | undefined;
  for (const n of top) {
    if (n.nodeType === TEXT_NODE && /^\s*<!doctype/i.test((n as TextNode).rawText)) continue;
    if (n.nodeType === ELEMENT_NODE) {
      const el = n as HTMLElement;
      const tag = el.rawTagName?.toLowerCase();
      if (tag === 'head') {
        head.push(...n.childNodes);
        continue;
      }
      if (tag === 'body') {
        bodyEl = el;
        body.push(...n.childNodes);
        continue;
      }
      if (!bodyEl && body.every((b) => b.nodeType !== ELEMENT_NODE) && HEAD_TAGS.has(tag ?? '')) {
        head.push(n);
        continue;
      }
    }
    body.push(n);
  }
  return { head, body, bodyEl };
}

/**
 * Remove scripts, styles, links, svg, comments, empty wrappers and most attributes
 * (keeps `class`, `aria-label`, `href`, `title`, `id`; in the head only `<title>` and
 * Open Graph style `<meta property>`), then indent block elements by two spaces and
 * drop empty lines.
 */
export function slimHtml(html: string): string {
  const root = parseHtml(html);
  const { head, body, bodyEl } = documentParts(root);
  let out = '';
  const doctype = doctypeOf(html);
  if (doctype) out += `${doctype}\n`;

  const headInner = head.map((n) => slimNode(n, true, 1)).join('');
  if (headInner.trim() !== '') out += `\n<head>${headInner}\n</head>`;

  const bodyInner = body.map((n) => slimNode(n, false, 1)).join('');
  const bodyAttrs = bodyEl ? writeAttrs(bodyEl, false) : '';
  out += `\n<body${bodyAttrs}>${bodyInner}`;
  if (bodyInner.includes('\n')) out += '\n';
  out += '</body>';

  return out
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .join('\n');
}

// ---------------------------------------------------------------------------
// to markdown

let turndown: TurndownService | undefined;

function converter(): TurndownService {
  if (turndown) return turndown;
  // turndown (with its DOM) takes ~90 ms to load: required on first conversion only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Turndown = require('turndown') as typeof TurndownService;
  const td = new Turndown({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '_',
    strongDelimiter: '**',
  });
  td.remove(['script', 'style', 'title', 'noscript', 'template', 'head']);
  // One space after the list marker (turndown's default is three).
  td.addRule('listItemTight', {
    filter: 'li',
    replacement(content, node, options) {
      const el = node as unknown as { parentNode: { nodeName: string; getAttribute(n: string): string | null; children: ArrayLike<unknown> } | null; nextSibling: unknown };
      const parent = el.parentNode;
      let prefix = `${options.bulletListMarker} `;
      if (parent && parent.nodeName === 'OL') {
        const start = parent.getAttribute('start');
        const index = Array.prototype.indexOf.call(parent.children, node);
        prefix = `${(start ? Number(start) : 1) + index}. `;
      }
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
      const next = el.nextSibling && !/\n$/.test(body) ? '\n' : '';
      return prefix + body + next;
    },
  });
  addTableRules(td);
  turndown = td;
  return td;
}

interface DomLike {
  nodeName: string;
  childNodes: ArrayLike<DomLike>;
  parentNode: DomLike | null;
}

function rowsOf(table: DomLike): DomLike[] {
  const rows: DomLike[] = [];
  const walk = (n: DomLike) => {
    for (const c of Array.from(n.childNodes)) {
      if (c.nodeName === 'TR') rows.push(c);
      else if (c.nodeName === 'THEAD' || c.nodeName === 'TBODY' || c.nodeName === 'TFOOT') walk(c);
    }
  };
  walk(table);
  return rows;
}

/**
 * GFM pipe tables (turndown's core has none): the first row is the header; cell text is
 * kept on one line with `|` escaped. Cells are converted before their table, so the table
 * rule only assembles the rows.
 */
function addTableRules(td: TurndownService): void {
  td.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content) => ` ${content.replace(/\n+/g, ' ').replace(/\|/g, '\\|').trim()} |`,
  });
  td.addRule('tableRow', {
    filter: 'tr',
    replacement: (content) => `|${content}\n`,
  });
  td.addRule('tableSection', {
    filter: ['thead', 'tbody', 'tfoot'],
    replacement: (content) => content,
  });
  td.addRule('table', {
    filter: 'table',
    replacement: (content, node) => {
      const lines = content.split('\n').filter((l) => l.trim() !== '');
      if (lines.length === 0) return '';
      const cols = Math.max(...rowsOf(node as unknown as DomLike).map((r) => Array.from(r.childNodes).filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH').length), 1);
      const sep = `|${' --- |'.repeat(cols)}`;
      return `\n\n${[lines[0], sep, ...lines.slice(1)].join('\n')}\n\n`;
    },
  });
}

/** Convert HTML to Markdown (ATX headings, `-` bullets, fenced code, pipe tables). Empty input gives "". */
export function htmlToMarkdown(html: string): string {
  if (html.trim() === '') return '';
  return converter().turndown(html);
}

// ---------------------------------------------------------------------------
// select

/** One element found by `selectHtml` (§8.12 `Elem`). */
export interface HtmlElem {
  tag: string;
  attrs?: Record<string, string>;
  text?: string;
  inner_html?: string;
}

/**
 * Every element matching any of `selectors` (joined as one selector group), in document order.
 * `text` and `inner_html` are trimmed and omitted when blank; `attrs` omitted when none.
 */
export function selectHtml(html: string, selectors: string[]): HtmlElem[] {
  const joined = selectors.map((s) => s.trim()).filter((s) => s !== '').join(',');
  if (joined === '') return [];
  const root = parseHtml(html);
  let found: HTMLElement[];
  try {
    found = root.querySelectorAll(joined);
  } catch (err) {
    throw new Error(`Cannot apply selector '${joined}'.\nCause: ${err instanceof Error ? err.message : String(err)}`);
  }
  return found.map((el) => {
    const elem: HtmlElem = { tag: el.rawTagName.toLowerCase() };
    const attrs = Object.entries(el.attributes);
    if (attrs.length > 0) elem.attrs = Object.fromEntries(attrs.map(([k, v]) => [k.toLowerCase(), v]));
    const text = el.text.trim();
    if (text !== '') elem.text = text;
    const inner = el.innerHTML.trim();
    if (inner !== '') elem.inner_html = inner;
    return elem;
  });
}
