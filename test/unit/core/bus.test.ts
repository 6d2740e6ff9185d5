// Hub (§7.3), CancelTrx/CancelBroadcast (§7.4), file write manager (§7.5), session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Hub, type HubEvent } from '../../../src/runtime/hub';
import { CancelBroadcast, CancelledError, CancelTrx, linkCancellationToken } from '../../../src/runtime/cancel';
import { canonicalKey, FileWriteManager } from '../../../src/runtime/file-write-manager';
import { Session } from '../../../src/runtime/session';
import { sleep, tmpDir } from './helpers';

test('hub: a throwing or rejecting listener is reported and ignored; others still receive the event', async () => {
  const errors: [unknown, string][] = [];
  const hub = new Hub({ onListenerError: (e, ev) => errors.push([e, ev.type]) });
  const got: HubEvent[] = [];
  hub.subscribe(() => {
    throw new Error('sync boom');
  });
  hub.subscribe(async () => {
    throw new Error('async boom');
  });
  hub.subscribe((e) => {
    got.push(e);
  });
  hub.message('hello');
  assert.deepEqual(got, [{ type: 'Message', text: 'hello' }]);
  await sleep(0);
  assert.deepEqual(errors.map(([e, t]) => [(e as Error).message, t]), [['sync boom', 'Message'], ['async boom', 'Message']]);
});

test('hub: a slow async listener is not awaited', async () => {
  const hub = new Hub();
  let finished = false;
  hub.subscribe(async () => {
    await sleep(200);
    finished = true;
  });
  hub.infoShort('x');
  // publish returned before the listener's 200 ms sleep ended: it was not awaited (no clock needed).
  assert.equal(finished, false);
});

test('hub: on(type) filters, unsubscribe stops delivery, a failing error reporter is contained', () => {
  const hub = new Hub({
    onListenerError: () => {
      throw new Error('reporter broken');
    },
  });
  const seen: string[] = [];
  const off = hub.on('InfoShort', (e) => {
    seen.push(e.text);
  });
  hub.subscribe(() => {
    throw new Error('x');
  });
  hub.message('ignored');
  hub.infoShort('one');
  off();
  hub.infoShort('two');
  assert.deepEqual(seen, ['one']);
  assert.equal(hub.listenerCount, 1);
});

test('CancelTrx: signal, isCancelled, onCancel, reason, idempotent cancel, throwIfCancelled', async () => {
  const trx = new CancelTrx();
  const calls: string[] = [];
  const off = trx.onCancel((r) => calls.push(`a:${r}`));
  trx.onCancel((r) => calls.push(`b:${r}`));
  off();
  let aborted = false;
  trx.signal.addEventListener('abort', () => (aborted = true));
  assert.equal(trx.isCancelled(), false);
  trx.throwIfCancelled();
  trx.cancel('user');
  trx.cancel('again');
  assert.equal(trx.isCancelled(), true);
  assert.equal(aborted, true);
  assert.equal(trx.reason, 'user');
  assert.deepEqual(calls, ['b:user']);
  assert.equal(await trx.cancelled, 'user');
  assert.throws(() => trx.throwIfCancelled(), new CancelledError('user'));
  const late: string[] = [];
  trx.onCancel((r) => late.push(r));
  assert.deepEqual(late, ['user']);
});

test('CancelTrx: cancelling a parent reaches children and grandchildren, never the reverse', () => {
  const parent = new CancelTrx();
  const child = parent.child();
  const grandchild = child.child();
  const sibling = parent.child();
  sibling.cancel();
  assert.equal(parent.isCancelled(), false);
  parent.cancel();
  assert.deepEqual([child.isCancelled(), grandchild.isCancelled()], [true, true]);
  assert.equal(parent.child().isCancelled(), true, 'a child of a cancelled trx starts cancelled');
});

test('CancelBroadcast: cancelAll reaches live runs only; a cancel before a run started never affects it', () => {
  const b = new CancelBroadcast();
  b.cancelAll();
  assert.equal(b.generation, 1);
  const run = b.newTrx();
  assert.equal(run.isCancelled(), false);
  const child = b.newTrx(run);
  const released = b.newTrx();
  released.release();
  assert.equal(b.liveCount, 2);
  b.cancelAll();
  assert.deepEqual([run.isCancelled(), child.isCancelled(), released.isCancelled()], [true, true, false]);
  assert.equal(b.newTrx().isCancelled(), false);
});

test('linkCancellationToken maps a VS Code-like token onto a trx', () => {
  let fire: (() => unknown) | undefined;
  let disposed = false;
  const token = {
    isCancellationRequested: false,
    onCancellationRequested(l: () => unknown) {
      fire = l;
      return { dispose: () => (disposed = true) };
    },
  };
  const trx = new CancelTrx();
  const link = linkCancellationToken(token, trx);
  fire!();
  assert.equal(trx.isCancelled(), true);
  assert.equal(trx.reason, 'cancelled by host');
  link.dispose();
  assert.equal(disposed, true);
  const already = new CancelTrx();
  linkCancellationToken({ isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) }, already);
  assert.equal(already.isCancelled(), true);
});

test('file write manager: concurrent appends to one file never interleave; other files do not wait', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'out.txt');
  const fwm = new FileWriteManager();
  const order: string[] = [];
  const append = (tag: string, delay: number) =>
    fwm.withWriteLock(file, async () => {
      order.push(`${tag}-start`);
      fs.appendFileSync(file, `${tag}1\n`);
      await sleep(delay);
      fs.appendFileSync(file, `${tag}2\n`);
      order.push(`${tag}-end`);
      return tag;
    });
  let otherDone = false;
  const other = fwm.withWriteLock(path.join(dir, 'other.txt'), async () => {
    otherDone = true;
  });
  const results = await Promise.all([append('a', 20), append('b', 1), append('c', 5), other]);
  assert.deepEqual(results.slice(0, 3), ['a', 'b', 'c']);
  assert.equal(otherDone, true);
  assert.equal(fs.readFileSync(file, 'utf8'), 'a1\na2\nb1\nb2\nc1\nc2\n');
  assert.deepEqual(order, ['a-start', 'a-end', 'b-start', 'b-end', 'c-start', 'c-end']);
  assert.equal(fwm.lockedPathCount, 0, 'idle entries leave the table');
  assert.equal(fwm.swapIfUsed(), true);
  assert.equal(fwm.swapIfUsed(), false);
});

test('file write manager: a failing writer releases the lock; paths are canonical (same file via ../ and symlink)', async () => {
  const dir = tmpDir();
  fs.mkdirSync(path.join(dir, 'sub'));
  const file = path.join(dir, 'f.txt');
  fs.writeFileSync(file, '');
  fs.symlinkSync(file, path.join(dir, 'link.txt'));
  assert.equal(canonicalKey(path.join(dir, 'sub', '..', 'f.txt')), canonicalKey(path.join(dir, 'link.txt')));
  assert.equal(canonicalKey(path.join(dir, 'missing.txt')), path.join(fs.realpathSync(dir), 'missing.txt'));
  const fwm = new FileWriteManager();
  await assert.rejects(
    fwm.withWriteLock(file, () => {
      throw new Error('write failed');
    }),
    { message: 'write failed' },
  );
  assert.equal(await fwm.withWriteLock(path.join(dir, 'link.txt'), () => 'next'), 'next');
});

test('session: uid v7 and the $tmp dir under .aipack/.session/<uid>/tmp', () => {
  const s = new Session('01890a5d-ac96-774b-bcce-b302099a8057');
  assert.equal(s.tmpDir('/w/.aipack'), path.join('/w/.aipack', '.session', '01890a5d-ac96-774b-bcce-b302099a8057', 'tmp'));
  assert.match(new Session().uid, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
});
