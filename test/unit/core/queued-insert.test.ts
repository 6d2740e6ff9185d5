// Queued inserts (Db.queueInsert: log and output inout rows reach the table in multi-row
// INSERTs) must be invisible to readers, keep ids unique next to ordinary inserts, survive
// the batch commit, and fail early on values SQLite would refuse. And the row uid generator
// (model/uid.ts) must give valid, ordered UUID v7 values across pool refills.
import assert from 'node:assert/strict';
import test from 'node:test';
import { validate as uuidValidate, version as uuidVersion } from 'uuid';
import { bytesToUid, newUid } from '../../../src/runtime/model/base';
import { InoutBmc } from '../../../src/runtime/model/inout';
import { LogBmc } from '../../../src/runtime/model/log';
import { ModelManager } from '../../../src/runtime/model/model-manager';
import { RunBmc } from '../../../src/runtime/model/run';
import { TaskBmc } from '../../../src/runtime/model/task';
import { ModelError } from '../../../src/runtime/model/types';
import { resetUidPoolForTest, uidV7Bytes } from '../../../src/runtime/model/uid';

const row = (runId: number, message: string) => ({ run_id: runId, task_id: null, kind: 'SysInfo' as const, stage: null, step: null, message });

test('queued log rows: ids in order, visible to every reader at once, in SQL and through LogBmc', async () => {
  const mm = await ModelManager.create();
  const runId = RunBmc.create(mm, {});
  const ids = Array.from({ length: 70 }, (_, i) => LogBmc.insert(mm, row(runId, `m${i}`)).id);
  assert.deepEqual(ids, Array.from({ length: 70 }, (_, i) => ids[0] + i));
  // 64 went out in one chunk; the last 6 are still queued, yet a raw read sees them all.
  assert.equal(Number(mm.db.scalar('SELECT COUNT(*) FROM log WHERE run_id = ?', [runId])), 70);
  assert.equal(LogBmc.get(mm, ids[69]).message, 'm69');
  assert.deepEqual(
    LogBmc.listForRun(mm, runId).map((l) => l.message),
    ids.map((_, i) => `m${i}`),
  );
  mm.close();
});

test('queued and ordinary inserts into the same table never share an id (also after raw SQL inserts and deletes)', async () => {
  const mm = await ModelManager.create();
  const runId = RunBmc.create(mm, {});
  const a = LogBmc.insert(mm, row(runId, 'queued a')).id;
  const b = LogBmc.create(mm, { run_id: runId, message: 'created b' });
  const c = LogBmc.insert(mm, row(runId, 'queued c')).id;
  mm.db.exec("INSERT INTO log (uid, ctime, mtime, run_id, message) VALUES (randomblob(16), 1, 1, ?, 'raw d')", [runId]);
  const d = Number(mm.db.scalar("SELECT id FROM log WHERE message = 'raw d'"));
  // AUTOINCREMENT: a deleted last id is never handed out again.
  const e = LogBmc.insert(mm, row(runId, 'queued e')).id;
  mm.db.exec('DELETE FROM log WHERE id = ?', [e]);
  const f = LogBmc.insert(mm, row(runId, 'queued f')).id;
  assert.deepEqual([a, b, c, d, e, f], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(
    LogBmc.listForRun(mm, runId).map((l) => l.message),
    ['queued a', 'created b', 'queued c', 'raw d', 'queued f'],
  );
  mm.close();
});

test('queued rows stay readable across turns and batches, and are written by sizeBytes and close', async () => {
  const mm = await ModelManager.create();
  const runId = RunBmc.create(mm, {});
  const id = LogBmc.insert(mm, row(runId, 'later')).id;
  await new Promise((r) => setTimeout(r, 150));
  // The batch committed (it stays open 100 ms): a new batch sees the row without any queue left.
  assert.equal(LogBmc.get(mm, id).message, 'later');
  LogBmc.insert(mm, row(runId, 'at close'));
  const bytes = mm.db.sizeBytes();
  assert.ok(bytes > 0);
  assert.equal(Number(mm.db.scalar("SELECT COUNT(*) FROM log WHERE message = 'at close'")), 1);
  mm.close();
  assert.throws(() => LogBmc.insert(mm, row(runId, 'closed')), { message: 'The run database is closed' });
});

test('a queued row with values SQLite would refuse throws at once, and queues nothing', async () => {
  const mm = await ModelManager.create();
  const runId = RunBmc.create(mm, {});
  assert.throws(() => LogBmc.insert(mm, { ...row(runId, 'x'), run_id: 'nope' as never }), ModelError);
  assert.throws(() => LogBmc.insert(mm, { ...row(runId, 'x'), task_id: 1.5 }), ModelError);
  assert.throws(() => InoutBmc.queue(mm, { uid: 'not-a-uid', task_uid: newUid(), content: 'c' }), { message: "Invalid uid 'not-a-uid'" });
  assert.equal(Number(mm.db.scalar('SELECT COUNT(*) FROM log')), 0);
  assert.equal(Number(mm.db.scalar('SELECT COUNT(*) FROM inout')), 0);
  mm.close();
});

test('a long task output reaches inout through the queue and reads back in full', async () => {
  const mm = await ModelManager.create();
  const runId = RunBmc.create(mm, {});
  const [taskId] = TaskBmc.createBatch(mm, runId, [{ idx: 0 }]);
  const long = 'é'.repeat(100);
  assert.equal(TaskBmc.updateOutput(mm, taskId, long), true);
  const task = TaskBmc.get(mm, taskId);
  assert.equal(task.output_short, 'é'.repeat(64));
  assert.equal(TaskBmc.outputForDisplay(mm, task), long);
  assert.equal(InoutBmc.getByUid(mm, task.output_uid as string).task_uid, task.uid);
  mm.close();
});

test('row uids are UUID v7, unique and in creation order, across pool refills', () => {
  resetUidPoolForTest();
  const uids = Array.from({ length: 2000 }, () => bytesToUid(uidV7Bytes()));
  for (const u of uids.slice(0, 5).concat(uids.slice(-5))) assert.ok(uuidValidate(u) && uuidVersion(u) === 7, u);
  assert.equal(new Set(uids).size, uids.length);
  assert.deepEqual([...uids].sort(), uids);
  // The first 48 bits are the clock.
  const ms = parseInt(uids[0].replace(/-/g, '').slice(0, 12), 16);
  assert.ok(Math.abs(ms - Date.now()) < 5000);
});

test('rows queued before a transaction survive its rollback, and are written once when it commits', async () => {
  const mm = await ModelManager.create();
  const runId = RunBmc.create(mm, {});
  const id = LogBmc.insert(mm, row(runId, 'before')).id;
  assert.throws(
    () =>
      mm.db.tx(() => {
        mm.db.exec("INSERT INTO log (uid, ctime, mtime, run_id, message) VALUES (randomblob(16), 1, 1, ?, 'inside')", [runId]);
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.equal(LogBmc.get(mm, id).message, 'before');
  assert.equal(Number(mm.db.scalar("SELECT COUNT(*) FROM log WHERE message = 'inside'")), 0);
  // A transaction that commits writes them once.
  LogBmc.insert(mm, row(runId, 'before 2'));
  mm.db.tx(() => mm.db.exec("INSERT INTO log (uid, ctime, mtime, run_id, message) VALUES (randomblob(16), 1, 1, ?, 'inside 2')", [runId]));
  assert.deepEqual(
    LogBmc.listForRun(mm, runId).map((l) => l.message),
    ['before', 'before 2', 'inside 2'],
  );
  mm.close();
});
