import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileCatalog } from '../../../src/runtime/script/aip/file';
import { fnOf, luaIn } from './file-env';
import { withWs } from './helpers';

const SAVE_GUARD = /^.*Save file protection - The path `\.\.\/outside\.txt` does not belong to the workspace dir `.*\/home\/proj` or to the \.aipack-base\.\nCannot save file out of workspace or aipack base at this point/;

test('save: writes (dirs created), returns FileInfo of the full path (~/…), logs the relative path', () =>
  withWs(async (ws) => {
    const info = (await luaIn(ws, 'return aip.file.save("out/deep/a.md", "hello")')) as Record<string, unknown>;
    assert.equal(readFileSync(join(ws.wks, 'out/deep/a.md'), 'utf8'), 'hello');
    assert.equal(info._type, 'FileInfo');
    assert.equal(info.path, '~/proj/out/deep/a.md');
    assert.equal(info.size, 5);
    assert.deepEqual(ws.logs, ['-> Lua aip.file.save called on: out/deep/a.md']);
    // No temp file left behind by the atomic write.
    assert.deepEqual(readdirSync(join(ws.wks, 'out/deep')), ['a.md']);
  }));

test('save: SaveOptions applied in order trim_start, trim_end, single_trailing_newline', () =>
  withWs(async (ws) => {
    const cases: [string, string, string][] = [
      ['   lead\\n', '{trim_start = true}', 'lead\n'],
      ['trail  \\n\\t', '{trim_end = true}', 'trail'],
      ['no newline', '{single_trailing_newline = true}', 'no newline\n'],
      ['many\\n\\n\\n', '{single_trailing_newline = true}', 'many\n'],
      ['', '{single_trailing_newline = true}', '\n'],
      ['  all  \\n\\n', '{trim_start = true, trim_end = true, single_trailing_newline = true}', 'all\n'],
      ['  keep  ', 'nil', '  keep  '],
    ];
    for (const [content, opts, expected] of cases) {
      await luaIn(ws, `aip.file.save("o.txt", "${content}", ${opts})`);
      assert.equal(readFileSync(join(ws.wks, 'o.txt'), 'utf8'), expected, `${content} ${opts}`);
    }
  }));

test('save: write guard refuses outside the workspace (nothing written), allows .aipack-base', () =>
  withWs(async (ws) => {
    await assert.rejects(luaIn(ws, 'return aip.file.save("../outside.txt", "x")'), SAVE_GUARD);
    assert.equal(existsSync(join(ws.home, 'outside.txt')), false);
    const abs = join(ws.baseDir, 'support/x.txt');
    await luaIn(ws, `return aip.file.save("${abs}", "in base")`);
    assert.equal(readFileSync(abs, 'utf8'), 'in base');
    assert.equal(ws.logs.at(-1), `-> Lua aip.file.save called on: ${abs}`);
  }));

test('write functions without a workspace raise the workspace error', () =>
  withWs(
    async (ws) => {
      const abs = join(ws.home, 'x.txt');
      const calls: [string, string][] = [
        ['save', `aip.file.save("${abs}", "x")`],
        ['append', `aip.file.append("${abs}", "x")`],
        ['copy', `aip.file.copy("${abs}", "${abs}.2")`],
        ['move', `aip.file.move("${abs}", "${abs}.2")`],
        ['delete', `aip.file.delete("${abs}")`],
        ['ensure_exists', `aip.file.ensure_exists("${abs}")`],
        ['ensure_dir', `aip.file.ensure_dir("${abs}.d")`],
        ['save_changes', `aip.file.save_changes("${abs}", "x")`],
        ['append_json_line', `aip.file.append_json_line("${abs}", 1)`],
        ['append_json_lines', `aip.file.append_json_lines("${abs}", {1})`],
        ['save_as_csv', `aip.file.save_as_csv("${abs}", {{"a"}})`],
        ['save_records_as_csv', `aip.file.save_records_as_csv("${abs}", {{a = 1}}, {"a"})`],
        ['append_csv_rows', `aip.file.append_csv_rows("${abs}", {{"a"}})`],
        ['append_csv_row', `aip.file.append_csv_row("${abs}", {"a"})`],
      ];
      for (const [fn, code] of calls) {
        await assert.rejects(
          luaIn(ws, code),
          (e: Error) =>
            e.message.includes(
              `aip.file.${fn} requires a aipack workspace setup.\nCause: No Workspace available.\n` +
                "Do a 'aip init' in your project root folder to set the '.aipack/' workspace marker folder",
            ),
          fn,
        );
      }
      assert.equal(existsSync(abs), false);
    },
    { noWorkspace: true },
  ));

test('copy: binary copy, overwrite false by default, overwrite true, source anywhere', () =>
  withWs(async (ws) => {
    const src = ws.write(join(ws.home, 'elsewhere/img.bin'), new Uint8Array([0, 1, 2, 255]));
    const info = (await luaIn(ws, `return aip.file.copy("${src}", "assets/img.bin")`)) as Record<string, unknown>;
    assert.deepEqual([...readFileSync(join(ws.wks, 'assets/img.bin'))], [0, 1, 2, 255]);
    assert.equal(info.path, '~/proj/assets/img.bin');
    assert.equal(ws.logs.at(-1), '-> Lua aip.file.copy called to: assets/img.bin');
    await assert.rejects(
      luaIn(ws, `return aip.file.copy("${src}", "assets/img.bin")`),
      /Copy file failed - Destination `assets\/img\.bin` already exists and overwrite is set to false\.\nUse `aip\.file\.copy\(src_path, dst_path,\{overwrite = true\}` to allow overwrite\./,
    );
    ws.write(join(ws.home, 'elsewhere/img.bin'), 'new');
    await luaIn(ws, `return aip.file.copy("${src}", "assets/img.bin", {overwrite = true})`);
    assert.equal(readFileSync(join(ws.wks, 'assets/img.bin'), 'utf8'), 'new');
    await assert.rejects(luaIn(ws, `return aip.file.copy("${src}", "../outside.txt")`), SAVE_GUARD);
    assert.equal(existsSync(join(ws.home, 'outside.txt')), false);
    await assert.rejects(luaIn(ws, 'return aip.file.copy("missing.txt", "m2.txt")'), /Fail to copy from `missing\.txt` to `m2\.txt`/);
  }));

test('move: rename, source delete guard, destination write guard, overwrite', () =>
  withWs(async (ws) => {
    ws.write('a.txt', 'A');
    const info = (await luaIn(ws, 'return aip.file.move("a.txt", "done/a.txt")')) as Record<string, unknown>;
    assert.equal(existsSync(join(ws.wks, 'a.txt')), false);
    assert.equal(readFileSync(join(ws.wks, 'done/a.txt'), 'utf8'), 'A');
    assert.equal(info.path, '~/proj/done/a.txt');
    assert.equal(ws.logs.at(-1), '-> Lua aip.file.move called to: done/a.txt');

    const inBase = ws.write(join(ws.baseDir, 'keep.txt'), 'K');
    await assert.rejects(
      luaIn(ws, `return aip.file.move("${inBase}", "k.txt")`),
      /Delete file protection - Deleting files from the `\.aipack-base` folder is not allowed/,
    );
    assert.equal(existsSync(inBase), true);
    const outside = ws.write(join(ws.home, 'out.txt'), 'O');
    await assert.rejects(
      luaIn(ws, `return aip.file.move("${outside}", "o.txt")`),
      /Delete file protection - The path `\.\.\/out\.txt` does not belong to the workspace dir `.*\/home\/proj`\.\nCannot delete files outside the workspace/,
    );
    assert.equal(existsSync(outside), true);
    await assert.rejects(luaIn(ws, 'return aip.file.move("done/a.txt", "../outside.txt")'), SAVE_GUARD);
    assert.equal(existsSync(join(ws.wks, 'done/a.txt')), true);

    await assert.rejects(luaIn(ws, 'return aip.file.move("nope.txt", "x.txt")'), /Move file failed - Source `nope\.txt` does not exist/);
    ws.write('b.txt', 'B');
    await assert.rejects(
      luaIn(ws, 'return aip.file.move("b.txt", "done/a.txt")'),
      /Move file failed - Destination `done\/a\.txt` already exists and overwrite is set to false\./,
    );
    await luaIn(ws, 'return aip.file.move("b.txt", "done/a.txt", {overwrite = true})');
    assert.equal(readFileSync(join(ws.wks, 'done/a.txt'), 'utf8'), 'B');
  }));

test('append: creates, appends, and concurrent appends hold the per-path lock', () =>
  withWs(async (ws) => {
    const info = (await luaIn(ws, 'return aip.file.append("logs/l.txt", "one\\n")')) as Record<string, unknown>;
    assert.equal(info.path, '~/proj/logs/l.txt');
    await luaIn(ws, 'aip.file.append("logs/l.txt", "two\\n")');
    assert.equal(readFileSync(join(ws.wks, 'logs/l.txt'), 'utf8'), 'one\ntwo\n');
    assert.deepEqual(ws.logs, []);

    const lines = Array.from({ length: 20 }, (_, i) => `task-${i}-${'x'.repeat(2000)}`);
    await Promise.all(lines.map((l) => luaIn(ws, `aip.file.append("logs/c.txt", "${l}\\n") aip.file.append_json_line("logs/c.ndjson", {id = "${l.slice(0, 8)}"})`)));
    const got = readFileSync(join(ws.wks, 'logs/c.txt'), 'utf8').trimEnd().split('\n');
    assert.deepEqual([...got].sort(), [...lines].sort());
    assert.equal(ws.lockPeak.get(join(ws.wks, 'logs/c.txt')), 1);
    assert.equal(readFileSync(join(ws.wks, 'logs/c.ndjson'), 'utf8').split('\n').length, 21);
    await assert.rejects(luaIn(ws, 'return aip.file.append("../outside.txt", "x")'), SAVE_GUARD);
    assert.equal(existsSync(join(ws.home, 'outside.txt')), false);
  }));

test('save takes the lock of its path (concurrent saves serialize)', () =>
  withWs(async (ws) => {
    const save = fnOf(fileCatalog, 'save', ws);
    await Promise.all(Array.from({ length: 8 }, (_, i) => save('same.txt', `v${i}`)));
    assert.equal(ws.lockPeak.get(join(ws.wks, 'same.txt')), 1);
    assert.match(readFileSync(join(ws.wks, 'same.txt'), 'utf8'), /^v\d$/);
  }));

test('delete: moves to the trash via the Host, false when missing, guards', () =>
  withWs(async (ws) => {
    const abs = ws.write('tmp/old.md', 'old');
    assert.equal(await luaIn(ws, 'return aip.file.delete("tmp/old.md")'), true);
    assert.equal(existsSync(abs), false);
    assert.deepEqual(ws.trashed, [abs]);
    assert.deepEqual(readdirSync(ws.trashDir), ['1-old.md']);
    assert.equal(ws.logs.at(-1), '-> Lua aip.file.delete called on: tmp/old.md');
    assert.equal(await luaIn(ws, 'return aip.file.delete("tmp/old.md")'), false);

    const inBase = ws.write(join(ws.baseDir, 'pack/installed/a/b/main.aip'), 'x');
    await assert.rejects(
      luaIn(ws, `return aip.file.delete("${inBase}")`),
      /Delete file protection - Deleting files from the `\.aipack-base` folder is not allowed/,
    );
    const outside = ws.write(join(ws.home, 'keep.md'), 'k');
    await assert.rejects(luaIn(ws, 'return aip.file.delete("../keep.md")'), /Delete file protection - The path `\.\.\/keep\.md` does not belong/);
    assert.equal(existsSync(inBase) && existsSync(outside), true);
    assert.equal(ws.trashed.length, 1);
  }));

test('ensure_exists: create with content, keep existing, content_when_empty', () =>
  withWs(async (ws) => {
    const info = (await luaIn(ws, 'return aip.file.ensure_exists("n/notes.md", "# Notes\\n")')) as Record<string, unknown>;
    assert.equal(info.path, 'n/notes.md');
    assert.equal(readFileSync(join(ws.wks, 'n/notes.md'), 'utf8'), '# Notes\n');
    await luaIn(ws, 'aip.file.ensure_exists("n/notes.md", "other")');
    assert.equal(readFileSync(join(ws.wks, 'n/notes.md'), 'utf8'), '# Notes\n');
    await luaIn(ws, 'aip.file.ensure_exists("n/empty.md")');
    assert.equal(readFileSync(join(ws.wks, 'n/empty.md'), 'utf8'), '');
    ws.write('n/blank.md', '  \n\t\n');
    await luaIn(ws, 'aip.file.ensure_exists("n/blank.md", "filled")');
    assert.equal(readFileSync(join(ws.wks, 'n/blank.md'), 'utf8'), '  \n\t\n');
    await luaIn(ws, 'aip.file.ensure_exists("n/blank.md", "filled", {content_when_empty = true})');
    assert.equal(readFileSync(join(ws.wks, 'n/blank.md'), 'utf8'), 'filled');
    await luaIn(ws, 'aip.file.ensure_exists("n/blank.md", "again", {content_when_empty = true})');
    assert.equal(readFileSync(join(ws.wks, 'n/blank.md'), 'utf8'), 'filled');
    await assert.rejects(luaIn(ws, 'return aip.file.ensure_exists("../outside.txt")'), SAVE_GUARD);
    assert.equal(existsSync(join(ws.home, 'outside.txt')), false);
  }));

test('ensure_dir: true when created, false when present, error on a file or outside', () =>
  withWs(async (ws) => {
    assert.equal(await luaIn(ws, 'return aip.file.ensure_dir("gen/a/b")'), true);
    assert.equal(statSync(join(ws.wks, 'gen/a/b')).isDirectory(), true);
    assert.equal(await luaIn(ws, 'return aip.file.ensure_dir("gen/a/b")'), false);
    ws.write('f.txt', 'x');
    await assert.rejects(
      luaIn(ws, 'return aip.file.ensure_dir("f.txt")'),
      /Ensure dir failed - Path `f\.txt` already exists and is not a directory/,
    );
    await assert.rejects(
      luaIn(ws, 'return aip.file.ensure_dir("../outside.txt")'),
      SAVE_GUARD,
    );
    assert.equal(existsSync(join(ws.home, 'outside.txt')), false);
  }));
