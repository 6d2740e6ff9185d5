import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlCatalog } from '../../../src/runtime/script/aip/html';
import { htmlToMarkdown, slimHtml } from '../../../src/runtime/script/aip/html-support';
import { checkCatalogShape, invoke } from '../../fixtures/aip-io/call';

const PAGE = `
<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <meta name="keywords" content="test, html">
    <meta property="og:title" content="Test Title">
    <title>Simple HTML Page</title>
    <style> body{ color: red } </style>
    <link rel="stylesheet" href="style.css">
    <script> console.log("hi"); </script>
</head>
<body class="main-body" aria-label="Page body" data-x="1">
    <svg><path d="M0 0 L 10 10"></path></svg>
    <div>
        <span></span>
        <p> <!-- only a comment --> </p>
        <b>  </b>
    </div>
    <section>Content Inside</section>
    <article>  </article>
    <h1 funky-attribute="removeme">Hello, World!</h1>
    <p>This is a <b>simple</b> page.</p>
    <a href="https://example.org" class="link-style" extra="gone">Link</a>
    <!-- Some Comment -->
</body>
</html>`;

test('catalog shape', () => {
  checkCatalogShape(htmlCatalog, ['slim', 'select', 'to_md', 'prune_to_content']);
});

test('slim: drops scripts, styles, comments, empty wrappers and attributes; indents blocks', async () => {
  const out = await invoke(htmlCatalog, 'slim', [PAGE]);
  assert.equal(
    out,
    [
      '<!DOCTYPE html>',
      '<head>',
      '  <meta content="Test Title" property="og:title">',
      '  <title>Simple HTML Page</title>',
      '</head>',
      '<body aria-label="Page body" class="main-body">',
      '  <section>Content Inside</section>',
      '  <h1>Hello, World!</h1>',
      '  <p>This is a <b>simple</b> page.</p>',
      '  <a class="link-style" href="https://example.org">Link</a>',
      '</body>',
    ].join('\n'),
  );
  assert.equal(await invoke(htmlCatalog, 'prune_to_content', [PAGE]), out);
});

test('slim: a fragment gets a body; an empty head is dropped', () => {
  assert.equal(slimHtml('<div class="content">Hello World</div><!-- c --><script>x</script>'), '<body>\n  <div class="content">Hello World</div>\n</body>');
  assert.equal(
    slimHtml('<html><head><meta charset="utf-8"><link rel="icon" href="f.ico"></head><body><p>Content</p></body></html>'),
    '<body>\n  <p>Content</p>\n</body>',
  );
});

test('select: elements with attrs, trimmed text and inner_html', async () => {
  const html = `
    <div>First div<div>
    <li class="me">Bullet One </li>
    <section>
      <p>Some text</p>
      <DIV class="me other " TITLE = " Some Title" > Div <strong>Two </strong></DIV>
    </section>`;
  const res = await invoke(htmlCatalog, 'select', [html, '.me']);
  assert.deepEqual(res, [
    { tag: 'li', attrs: { class: 'me' }, text: 'Bullet One', inner_html: 'Bullet One' },
    { tag: 'div', attrs: { class: 'me other ', title: ' Some Title' }, text: 'Div Two', inner_html: 'Div <strong>Two </strong>' },
  ]);
});

test('select: list of selectors in document order; empty elements omit text; nil gives {}', async () => {
  const html = '<h1>T</h1><p id="a">one</p><button>  </button><h2>U</h2>';
  const res = await invoke(htmlCatalog, 'select', [html, ['h2', 'h1', 'button']]);
  assert.deepEqual(res, [{ tag: 'h1', text: 'T', inner_html: 'T' }, { tag: 'button' }, { tag: 'h2', text: 'U', inner_html: 'U' }]);
  assert.deepEqual(await invoke(htmlCatalog, 'select', [html, undefined]), []);
  assert.deepEqual(await invoke(htmlCatalog, 'select', [html, []]), []);
  await assert.rejects(invoke(htmlCatalog, 'select', [html, 5]), {
    message: "aip.html.select - expected <string | string[]> for parameter 'selectors' but got number",
  });
});

test('to_md: headings, emphasis, lists, links, code; empty input', async () => {
  const md = await invoke(htmlCatalog, 'to_md', ['<h1>Title</h1><p>Some <strong>bold</strong> text.</p><ul><li>Item 1</li><li>Item 2</li></ul>']);
  assert.equal(md, '# Title\n\nSome **bold** text.\n\n- Item 1\n- Item 2');
  assert.equal(
    htmlToMarkdown('<ol><li>a</li><li>b<ul><li>c</li></ul></li></ol><p><a href="/x">link</a></p><pre><code class="language-js">x = 1</code></pre>'),
    '1. a\n2. b\n   - c\n\n[link](/x)\n\n```js\nx = 1\n```',
  );
  assert.equal(htmlToMarkdown('<div><script>alert(1)</script><style>p{}</style><p>Hi</p></div>'), 'Hi');
  assert.equal(
    htmlToMarkdown('<p>before</p><table><thead><tr><th>Name</th><th>Age</th></tr></thead><tbody><tr><td>Bob | x</td><td><b>3</b></td></tr></tbody></table>'),
    'before\n\n| Name | Age |\n| --- | --- |\n| Bob \\| x | **3** |',
  );
  assert.equal(await invoke(htmlCatalog, 'to_md', ['']), '');
  await assert.rejects(invoke(htmlCatalog, 'to_md', [undefined]), { message: "aip.html.to_md - expected <string> for parameter 'html' but got nil" });
});
