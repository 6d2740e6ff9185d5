/** A non-UTF-8 `.aip` is a clear load error with the byte offset, not mangled text in the prompt (issue 22). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { decodeAgentText, InvalidUtf8Error } from '../../../src/runtime/agent/utf8';
import { sandbox, type Sandbox } from '../../support/run-harness';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function err(b: Uint8Array): InvalidUtf8Error {
  try {
    decodeAgentText(b, '/x/a.aip');
  } catch (e) {
    assert.ok(e instanceof InvalidUtf8Error);
    return e;
  }
  assert.fail('expected an InvalidUtf8Error');
}

test('the offset, line and column of the first invalid byte', () => {
  // Latin-1 "café": 0xE9 starts a 3-byte sequence that "\n" cannot continue.
  const e1 = err(bytes('# Instruction\ncaf', [0xe9], '\n'));
  assert.equal(e1.offset, 17);
  assert.equal(e1.line, 2);
  assert.equal(e1.column, 4);
  assert.match(e1.message, /^Agent file '\/x\/a\.aip' is not valid UTF-8: invalid byte 0xE9 at byte offset 17 \(line 2, column 4\)/);
  // Multi-byte characters before it count as bytes in the offset and as one column each.
  const e2 = err(bytes('é€x', [0xff]));
  assert.deepEqual([e2.offset, e2.line, e2.column], [6, 1, 4]);
  assert.match(e2.message, /invalid byte 0xFF at byte offset 6/);
  // A lone continuation byte at the very start.
  assert.equal(err(bytes([0x80], 'abc')).offset, 0);
  // A lead byte followed by ASCII: the sequence starts at the lead byte.
  assert.equal(err(bytes('ab', [0xe2, 0x41])).offset, 2);
});

test('a character cut by the end of the file; valid text (BOM kept) decodes unchanged', () => {
  const e = err(bytes('ok\n', [0xe2, 0x82]));
  assert.deepEqual([e.offset, e.line, e.column], [3, 2, 1]);
  assert.match(e.message, /a truncated character at the end of the file at byte offset 3/);
  assert.equal(decodeAgentText(bytes([0xef, 0xbb, 0xbf], '# Instruction\né€😀\n'), 'p'), '\uFEFF# Instruction\né€😀\n');
});

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test('running a Latin-1 agent fails at load with the offset; no AI request is sent', async () => {
  const abs = path.join(sb.wks, 'agents/latin1.aip');
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, bytes('# Instruction\nR', [0xe9], 'sume {{input}}\n'));
  const n = sb.mock.modelRequests.length;
  const res = await sb.run('agents/latin1.aip', ['x']);
  assert.equal(res.endState, 'Err');
  assert.match(res.error?.message ?? '', /latin1\.aip' is not valid UTF-8: invalid byte 0xE9 at byte offset 15 \(line 2, column 2\)/);
  assert.equal(sb.mock.modelRequests.length, n);
});
