import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LuaFloat } from '../../../src/runtime/script/catalog';
import { mdCatalog } from '../../../src/runtime/script/aip/md';
import { caller, checkCatalogShape, throwsMessage } from '../../fixtures/aip-text/call';

const call = caller(mdCatalog);
const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/aip-text', name), 'utf8');
const F = '```';

test('aip.md catalog: 4 functions, multi-return flags', () => {
  checkCatalogShape(
    mdCatalog,
    ['extract_blocks', 'extract_meta', 'outer_block_content_or_raw', 'extract_refs'],
    ['extract_blocks', 'extract_meta'],
  );
});

test('aip.md.extract_blocks: all blocks, 3 and 4 backtick fences, bare fence lang ""', () => {
  const [blocks] = call('extract_blocks', fixture('blocks.md')) as [unknown[]];
  assert.deepEqual(blocks, [
    { _type: 'MdBlock', lang: 'lua', content: '--some lua\n' },
    { _type: 'MdBlock', lang: 'rust', content: '//! some rust block\n' },
    { _type: 'MdBlock', lang: 'md', content: `${F}lua\ninner (not a block of its own)\n${F}\n` },
    { _type: 'MdBlock', lang: '', content: 'bare fence\n' },
  ]);
});

test('aip.md.extract_blocks: lang filter (string or table), "" selects bare fences', () => {
  const md = fixture('blocks.md');
  assert.deepEqual(call('extract_blocks', md, 'lua'), [[{ _type: 'MdBlock', lang: 'lua', content: '--some lua\n' }]]);
  assert.deepEqual(call('extract_blocks', md, { lang: 'rust' }), [[{ _type: 'MdBlock', lang: 'rust', content: '//! some rust block\n' }]]);
  assert.deepEqual(call('extract_blocks', md, ''), [[{ _type: 'MdBlock', lang: '', content: 'bare fence\n' }]]);
  assert.deepEqual(call('extract_blocks', md, 'python'), [[]]);
});

test('aip.md.extract_blocks: extrude = "content" returns the text outside the selected blocks', () => {
  const md = `This is some content\n\n${F}lua\n--some lua\n${F}\nand other block\n\n${F}rust\n//! rust\n${F}\nThe end`;
  const [blocks, rest] = call('extract_blocks', md, { lang: 'lua', extrude: 'content' }) as [unknown[], string];
  assert.equal(blocks.length, 1);
  assert.equal(rest, `This is some content\n\nand other block\n\n${F}rust\n//! rust\n${F}\nThe end\n`);
  const [all, restAll] = call('extract_blocks', md, { extrude: 'content' }) as [unknown[], string];
  assert.equal(all.length, 2);
  assert.equal(restAll, 'This is some content\n\nand other block\n\nThe end\n');
});

test('aip.md.extract_blocks: an unclosed block is dropped; errors', () => {
  assert.deepEqual(call('extract_blocks', `a\n${F}lua\nopen`), [[]]);
  throwsMessage(() => call('extract_blocks', 'x', { extrude: 'all' }), "aip.md.extract_blocks - extrude must be = to 'content' for now");
  throwsMessage(() => call('extract_blocks', 'x', { lang: true }), 'aip.md.extract_blocks - lang option must be of type string, but was boolean');
  throwsMessage(() => call('extract_blocks', undefined), "aip.md.extract_blocks - expected <string> for parameter 'md' but got nil");
});

test('aip.md.extract_meta: #!meta blocks parsed, merged and removed', () => {
  const [meta, rest] = call('extract_meta', fixture('meta.md')) as [Record<string, unknown>, string];
  assert.deepEqual(meta, {
    model: 'override',
    files: ['src/**/*rs'],
    temperature: new LuaFloat(1),
    model_aliases: { flash: 'gemini-2.5-flash' },
    json_param: 'Some Json Val',
  });
  assert.equal(
    rest,
    [
      'Hey some content over here.', '', '', 'This is pretty cool', '', '', '', 'And some more2', '',
      `${F}toml`, 'some = "stuff"', F, '', `${F}python`, '#!meta', 'def some()', F,
    ].join('\n'),
  );
});

test('aip.md.extract_meta: none → {} and the text; nil → nil, nil; parse errors', () => {
  assert.deepEqual(call('extract_meta', 'just text\n'), [{}, 'just text']);
  assert.deepEqual(call('extract_meta', undefined), [undefined, undefined]);
  throwsMessage(() => call('extract_meta', 3), 'aip.md.extract_meta - accepted argument types are String or Nil, but was number');
  assert.throws(() => call('extract_meta', `${F}json\n#!meta\n{ bad\n${F}`), /^Error: Cannot parse json content\./);
  assert.throws(() => call('extract_meta', `${F}toml\n#!meta\n= nope\n${F}`), /^Error: Cannot parse toml meta block\./);
});

test('aip.md.outer_block_content_or_raw', () => {
  assert.equal(call('outer_block_content_or_raw', `${F}\nfn main() {}\n${F}\n\nText after.`), 'fn main() {}\n');
  assert.equal(call('outer_block_content_or_raw', `${F}python\ndef a():\n  pass\n${F}`), 'def a():\n  pass\n');
  // Inner fences are kept: only the first and last fence lines are removed.
  assert.equal(call('outer_block_content_or_raw', `${F}js\na\n${F}\nmid\n${F}rust\nb\n${F}`), `a\n${F}\nmid\n${F}rust\nb\n`);
  assert.equal(call('outer_block_content_or_raw', 'plain text'), 'plain text');
  assert.equal(call('outer_block_content_or_raw', `Text before.\n\n${F}\ncode\n${F}\n`), `Text before.\n\n${F}\ncode\n${F}\n`);
  assert.equal(call('outer_block_content_or_raw', `${F}\n${F}\nText.`), '\n');
  assert.equal(call('outer_block_content_or_raw', `  ${F}\nonly open  `), `${F}\nonly open`);
  throwsMessage(() => call('outer_block_content_or_raw', undefined), "aip.md.outer_block_content_or_raw - expected <string> for parameter 'md' but got nil");
});

test('aip.md.extract_refs: links, images, kinds; skips code', () => {
  const md = [
    'Check out [this link](https://example.com) and [docs](docs/page.md).',
    'Also see ![image](assets/photo.jpg) and [go](#my-section) [](//cdn.x/y) [p](http://a)',
    'This is `[not a link](https://fake.com)` inline code.',
    F, '[in fence](x.md)', F,
    '````', '[in 4 fence](y.md)', '````',
  ].join('\n');
  assert.deepEqual(call('extract_refs', md), [
    { _type: 'MdRef', target: 'https://example.com', text: 'this link', inline: false, kind: 'Url' },
    { _type: 'MdRef', target: 'docs/page.md', text: 'docs', inline: false, kind: 'File' },
    { _type: 'MdRef', target: 'assets/photo.jpg', text: 'image', inline: true, kind: 'File' },
    { _type: 'MdRef', target: '#my-section', text: 'go', inline: false, kind: 'Anchor' },
    { _type: 'MdRef', target: '//cdn.x/y', inline: false, kind: 'Url' },
    { _type: 'MdRef', target: 'http://a', text: 'p', inline: false, kind: 'Url' },
  ]);
  assert.deepEqual(call('extract_refs', undefined), []);
  assert.deepEqual(call('extract_refs', 'no refs'), []);
  throwsMessage(() => call('extract_refs', {}), 'aip.md.extract_refs - accepted argument types are String or Nil, but was table');
});
