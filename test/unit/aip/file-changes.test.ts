import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyChanges } from '../../../src/runtime/script/aip/file-changes';
import { luaIn } from './file-env';
import { withWs } from './helpers';

const block = (search: string, replace: string) => `<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n`;

test('applyChanges: whole replace without SEARCH markers', () => {
  assert.deepEqual(applyChanges('old', 'new content'), ['new content', { changed_count: 1 }]);
  // A marker that is not alone on its line does not switch to block mode.
  assert.deepEqual(applyChanges('old', ' <<<<<<< SEARCH'), [' <<<<<<< SEARCH', { changed_count: 1 }]);
});

test('applyChanges: sequential blocks, first occurrence, failures reported', () => {
  const original = 'a\nb\nc\nb\n';
  const changes = `\n${block('b', 'B')}\n${block('b', 'B2')}${block('zzz', 'x')}`;
  const [out, info] = applyChanges(original, changes);
  assert.equal(out, 'a\nB\nc\nB2\n');
  assert.deepEqual(info, {
    changed_count: 2,
    failed_changes: [{ search: 'zzz', replace: 'x', reason: 'Search block not found in content' }],
  });
});

test('applyChanges: multi-line search/replace, empty replace removes the line', () => {
  const [out, info] = applyChanges('one\ntwo\nthree\nfour\n', block('two\nthree', 'TWO-THREE') + block('four', ''));
  assert.equal(out, 'one\nTWO-THREE\n');
  assert.deepEqual(info, { changed_count: 2 });
  // Removing the last line without a trailing newline eats the preceding line break.
  assert.equal(applyChanges('x\ny', block('y', ''))[0], 'x');
});

test('applyChanges: CRLF content falls back to LF matching', () => {
  const [out, info] = applyChanges('a\r\nb\r\nc\r\n', block('a\nb', 'A\nB'));
  assert.equal(out, 'A\nB\nc\n');
  assert.equal(info.changed_count, 1);
});

test('applyChanges: malformed blocks are errors', () => {
  assert.throws(
    () => applyChanges('x', 'junk\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n'),
    /Malformed changes: Expected '<<<<<<< SEARCH' or a whitespace line to start a block\. Found text outside of a valid block structure\. Line: 'junk'/,
  );
  assert.throws(
    () => applyChanges('x', '<<<<<<< SEARCH\na\n'),
    /Malformed change block: Ended in search pattern\. Missing separator marker '======='\./,
  );
  assert.throws(
    () => applyChanges('x', '<<<<<<< SEARCH\na\n=======\nb\n'),
    /Malformed change block: Ended in replace pattern\. Missing end marker '>>>>>>> REPLACE'\./,
  );
});

test('save_changes through Lua: two return values, new file written as is, log, guard', () =>
  withWs(async (ws) => {
    ws.write('src/a.ts', 'const a = 1;\nconst b = 2;\n');
    const res = (await luaIn(
      ws,
      `local info, changes = aip.file.save_changes("src/a.ts", ${JSON.stringify(block('const b = 2;', 'const b = 3;') + block('nope', 'x'))})
       return {info.path, changes.changed_count, #changes.failed_changes, changes.failed_changes[1].search}`,
    )) as unknown[];
    assert.deepEqual(res, ['src/a.ts', 1, 1, 'nope']);
    assert.equal(readFileSync(join(ws.wks, 'src/a.ts'), 'utf8'), 'const a = 1;\nconst b = 3;\n');
    assert.equal(ws.logs.at(-1), '-> Lua aip.file.save called on: src/a.ts');
    assert.equal(ws.lockPeak.get(join(ws.wks, 'src/a.ts')), 1);

    const fresh = (await luaIn(ws, `local i, c = aip.file.save_changes("new/b.md", "hello") return {i.path, c.changed_count, c.failed_changes == nil}`)) as unknown[];
    assert.deepEqual(fresh, ['new/b.md', 1, true]);
    assert.equal(readFileSync(join(ws.wks, 'new/b.md'), 'utf8'), 'hello');

    await assert.rejects(luaIn(ws, 'return aip.file.save_changes("../out.md", "x")'), /Save file protection - The path `\.\.\/out\.md`/);
    assert.equal(existsSync(join(ws.home, 'out.md')), false);
    await assert.rejects(
      luaIn(ws, 'return aip.file.save_changes("src/a.ts", "<<<<<<< SEARCH\\nx")'),
      /Malformed change block: Ended in search pattern/,
    );
    assert.equal(readFileSync(join(ws.wks, 'src/a.ts'), 'utf8'), 'const a = 1;\nconst b = 3;\n');
  }));
