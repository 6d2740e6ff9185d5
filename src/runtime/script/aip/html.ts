/** `aip.html` (§8.12): slim, select and convert HTML. */
import type { CallContext, ModuleCatalog } from '../catalog';
import { argString, argStringOrList } from '../catalog';
import { htmlToMarkdown, selectHtml, slimHtml } from './html-support';

const SLIM_DOC = [
  'Strip non-content from HTML: `<script>`, `<link>`, `<style>`, `<svg>`, comments, empty wrappers and empty lines,',
  'and every attribute except `class`, `aria-label`, `href`, `title` and `id` (in `<head>` only `<title>` and',
  '`<meta property=og:…>` survive). The result is indented by two spaces.',
  '',
  'Errors: `Failed to prune HTML content: …` if the HTML cannot be processed.',
].join('\n');

function slimImpl(call: CallContext, html: unknown): string {
  const s = argString(call, html, 'html');
  try {
    return slimHtml(s);
  } catch (err) {
    throw new Error(`Failed to prune HTML content: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export const htmlCatalog: ModuleCatalog = {
  module: 'html',
  doc: 'HTML helpers: slim a page down to its content, select elements with CSS selectors, convert to Markdown.',
  entries: [
    {
      name: 'slim',
      signature: 'aip.html.slim(html: string) -> string',
      doc: `${SLIM_DOC}\n\nExample: \`local clean = aip.html.slim(res.content)\``,
      impl: slimImpl,
    },
    {
      name: 'select',
      signature: 'aip.html.select(html: string, selectors: string|string[]) -> Elem[]',
      doc: [
        'Find elements with CSS selectors (one string or a list, matched as one selector group, in document order).',
        '',
        'Returns a list of `{tag, attrs?, text?, inner_html?}`: `attrs` is omitted when the element has none; `text`',
        '(all descendant text) and `inner_html` are trimmed and omitted when blank. `nil` selectors give `{}`.',
        '',
        'Errors: `Cannot apply selector \'<sel>\'.` for an invalid selector.',
        '',
        'Example: `for _, a in ipairs(aip.html.select(html, "a.nav")) do print(a.attrs.href, a.text) end`',
      ].join('\n'),
      impl: (call: CallContext, html: unknown, selectors: unknown) => {
        const s = argString(call, html, 'html');
        if (selectors === undefined || selectors === null) return [];
        return selectHtml(s, argStringOrList(call, selectors, 'selectors'));
      },
    },
    {
      name: 'to_md',
      signature: 'aip.html.to_md(html: string) -> string',
      doc: [
        'Convert HTML to Markdown (ATX `#` headings, `-` bullets, fenced code blocks; scripts and styles dropped).',
        '',
        'Errors: `Failed to convert HTML to Markdown: …`.',
        '',
        'Example: `aip.html.to_md("<h1>Hello</h1><p>World</p>")  -- "# Hello\\n\\nWorld"`',
      ].join('\n'),
      impl: (call: CallContext, html: unknown) => {
        const s = argString(call, html, 'html');
        try {
          return htmlToMarkdown(s);
        } catch (err) {
          throw new Error(`Failed to convert HTML to Markdown: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    },
    {
      name: 'prune_to_content',
      signature: 'aip.html.prune_to_content(html: string) -> string',
      doc: `**Deprecated**: use \`aip.html.slim\`.\n\n${SLIM_DOC}\n\nExample: \`local clean = aip.html.prune_to_content(html)\``,
      impl: slimImpl,
    },
  ],
};
