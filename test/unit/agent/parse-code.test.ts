// §1.2/§1.3 Code sections: which fence is captured, how, and what the parser reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AipError } from '../../../src/runtime/errors';
import { parseAgentDoc, scanAgentDoc } from '../../../src/runtime/agent/parse';
import { aip, fixturePath, readFixture } from './helpers';

const F = 'main.aip';

test('only a ```lua fence is captured in a Lua section, prose around it ignored', () => {
  const doc = parseAgentDoc(aip('# Data', 'Some prose.', '```lua', 'local a = 1', '', 'return a', '```', 'More prose.'), F);
  assert.deepEqual(doc.data, { code: 'local a = 1\n\nreturn a\n', lineMap: [4, 5, 6] });
});

test('the info string is a prefix test: ```lua something opens', () => {
  const doc = parseAgentDoc(aip('# Data', '```lua title="x"', 'return 1', '```', '# Output', '```luau', 'return 2', '```'), F);
  assert.equal(doc.data?.code, 'return 1\n');
  assert.equal(doc.output?.code, 'return 2\n', 'a prefix test, so luau opens too (as in the original)');
});

test('``` lua (space) and ```Lua (case) do not open a Lua block; the warning says why', () => {
  const doc = scanAgentDoc(aip('# Data', '``` lua', 'return 1', '```', '```Lua', 'return 2', '```'));
  assert.equal(doc.data, undefined);
  assert.deepEqual(doc.problems, [
    {
      severity: 'warning',
      line: 1,
      message:
        '# Data has no ```lua code block, so it does nothing (the fence at line 2, ``` lua, does not count: `lua` must follow the backticks directly, in lower case)',
    },
  ]);
});

test('other-language fences are skipped and scanning goes on to the first lua fence', () => {
  const doc = scanAgentDoc(aip('# Output', '```js', 'no()', '```', '```', 'plain()', '```', '```lua', 'yes()', '```'));
  assert.deepEqual(doc.output, { code: 'yes()\n', lineMap: [9] });
  assert.deepEqual(doc.problems, []);
});

test('a ```lua line inside another fence does not open capture', () => {
  const doc = parseAgentDoc(aip('# Data', '````md', '```lua', 'no()', '```', '````', '```lua', 'yes()', '```'), F);
  assert.deepEqual(doc.data, { code: 'yes()\n', lineMap: [8] });
});

test('only the first lua block of a section is captured; later ones get a warning', () => {
  const doc = scanAgentDoc(aip('# Data', '```lua', 'first()', '```', '```lua', 'second()', '```'));
  assert.equal(doc.data?.code, 'first()\n');
  assert.deepEqual(doc.problems, [
    { severity: 'warning', line: 5, message: 'only the first ```lua block of # Data is used; this one is ignored' },
  ]);
});

test('a repeated section heading appends its first block, with lineMap following each line', () => {
  const doc = parseAgentDoc(
    aip('# Output', '```lua', 'local x = 1', '```', '# System', 'hi', '# OUTPUT', 'prose', '```lua', 'return x', '```', '```lua', 'ignored()', '```'),
    F,
  );
  assert.deepEqual(doc.output, { code: 'local x = 1\nreturn x\n', lineMap: [3, 10] });
});

test('four-backtick lua blocks hold three-backtick lines and close on four', () => {
  const doc = parseAgentDoc(aip('# Before All', '````lua', 'local s = [[', '```md', '# not a heading', '```', ']]', '````', '# Data', '```lua', 'd()', '```'), F);
  assert.deepEqual(doc.beforeAll, { code: 'local s = [[\n```md\n# not a heading\n```\n]]\n', lineMap: [3, 4, 5, 6, 7] });
  assert.equal(doc.data?.code, 'd()\n');
});

test('five-backtick lua blocks hold four-backtick lines', () => {
  const doc = parseAgentDoc(aip('# After All', '`````lua', '-- ````', 'x()', '````', '`````', '# Data', '```lua', 'd()', '```'), F);
  assert.deepEqual(doc.afterAll, { code: '-- ````\nx()\n````\n', lineMap: [3, 4, 5] });
  assert.equal(doc.data?.code, 'd()\n');
});

test('# Options captures the first ```toml block only, never lua', () => {
  const doc = parseAgentDoc(aip('# Options', '```lua', 'model = "no"', '```', '````toml', 'model = "yes"', '````', '```toml', 'x = 1', '```'), F);
  assert.deepEqual(doc.options, { code: 'model = "yes"\n', lineMap: [6] });
});

test('a ```toml block under a Lua section is skipped', () => {
  const doc = scanAgentDoc(aip('# Data', '```toml', 'a = 1', '```'));
  assert.equal(doc.data, undefined);
  assert.equal(doc.problems?.[0].message, '# Data has no ```lua code block, so it does nothing');
});

test('empty section -> stage absent: no block, or a block with no lines', () => {
  const doc = scanAgentDoc(aip('# Before All', 'just prose', '# Data', '```lua', '```', '# Output', '```lua', '', '```'));
  assert.equal(doc.beforeAll, undefined);
  assert.equal(doc.data, undefined, 'a block with nothing between its fences');
  assert.deepEqual(doc.output, { code: '\n', lineMap: [8] }, 'a blank line is a line: the stage is present');
  assert.deepEqual(doc.problems, [{ severity: 'warning', line: 1, message: '# Before All has no ```lua code block, so it does nothing' }]);
});

test('captured text is each line followed by \\n, even without a final newline in the file', () => {
  const doc = parseAgentDoc('# Data\n```lua\na\nb\n```', F);
  assert.equal(doc.data?.code, 'a\nb\n');
});

test('an unclosed fence throws an AipError naming the file and the opening line', () => {
  const file = fixturePath('unclosed-fence.aip');
  assert.throws(
    () => parseAgentDoc(readFixture('unclosed-fence.aip'), file),
    (err: unknown) => {
      assert.ok(err instanceof AipError);
      assert.equal(err.message, `${file}:8: code fence opened here is never closed`);
      assert.deepEqual(err.location, { file, line: 8 });
      assert.equal(err.stage, undefined);
      return true;
    },
  );
});

test('an unclosed lua fence at the end of a short file', () => {
  assert.throws(() => parseAgentDoc(aip('# Data', '```lua', 'return 1'), F), {
    name: 'AipError',
    message: 'main.aip:2: code fence opened here is never closed',
  });
  assert.throws(() => parseAgentDoc(aip('# Data', '```lua', 'return 1', '````'), F), /main\.aip:2: code fence opened/, 'four backticks do not close three');
});

test('scanAgentDoc keeps what it found before an unclosed fence and lists the error', () => {
  const doc = scanAgentDoc(readFixture('unclosed-fence.aip'));
  assert.equal(doc.data?.code, 'return { a = 1 }\n');
  assert.equal(doc.output, undefined, 'the heading inside the open fence is not a heading');
  assert.deepEqual(doc.problems, [{ severity: 'error', line: 8, message: 'code fence opened here is never closed' }]);
  assert.deepEqual(doc.sections.map((s) => [s.kind, s.line, s.endLine]), [
    ['Data', 1, 5],
    ['Instruction', 6, 16],
  ]);
});

test('warnings do not make parseAgentDoc throw; they stay in problems', () => {
  const doc = parseAgentDoc(aip('# Data', 'no block here'), F);
  assert.equal(doc.problems?.length, 1);
  assert.equal(doc.problems?.[0].severity, 'warning');
});
