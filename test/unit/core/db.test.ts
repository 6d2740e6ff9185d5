// The run database: schema of §6.2 (tables, columns, types, STRICT), indexes of
// §6.1, uid v7 and µs ctime/mtime on every row, generic list/get/update rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate as uuidValidate, version as uuidVersion } from 'uuid';
import { TABLES } from '../../../src/runtime/model/schema';
import { ErrBmc, LogBmc, ModelError, PromptBmc, RunBmc, TaskBmc, WorkBmc } from '../../../src/runtime/model';
import { locateSqlWasm } from '../../../src/runtime/model/db';
import { makeMm } from './helpers';

const EXPECTED: Record<string, string> = {
  loop: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,first_run_id INTEGER,last_run_id INTEGER,pending INTEGER,total_cost REAL',
  run:
    'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,label TEXT,parent_id INTEGER,loop_id INTEGER,has_prompt_parts INTEGER,has_task_stages INTEGER,' +
    'start INTEGER,ba_start INTEGER,ba_end INTEGER,tasks_start INTEGER,tasks_end INTEGER,aa_start INTEGER,aa_end INTEGER,end INTEGER,' +
    'end_state TEXT,end_err_id INTEGER,end_skip_reason TEXT,agent_name TEXT,agent_path TEXT,model TEXT,concurrency INTEGER,' +
    'total_cost REAL,total_task_ms INTEGER,flow_redo_count INTEGER',
  task:
    'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,run_id INTEGER,idx INTEGER,start INTEGER,data_start INTEGER,data_end INTEGER,' +
    'ai_start INTEGER,ai_gen_start INTEGER,ai_gen_end INTEGER,ai_end INTEGER,output_start INTEGER,output_end INTEGER,end INTEGER,' +
    'end_state TEXT,end_err_id INTEGER,end_skip_reason TEXT,prompt_size INTEGER,model_ov TEXT,model_upstream TEXT,' +
    'pricing_model TEXT,pricing_input REAL,pricing_input_cached REAL,pricing_output REAL,usage BLOB,' +
    'tk_prompt_total INTEGER,tk_prompt_cached INTEGER,tk_prompt_cache_creation INTEGER,tk_completion_total INTEGER,tk_completion_reasoning INTEGER,' +
    'cost REAL,cost_cache_write REAL,cost_cache_saving REAL,label TEXT,input_uid BLOB,input_short TEXT,input_has_display INTEGER,' +
    'output_uid BLOB,output_short TEXT,output_has_display INTEGER',
  err: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,run_id INTEGER,stage TEXT,task_id INTEGER,typ TEXT,content TEXT',
  log: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,run_id INTEGER,task_id INTEGER,kind TEXT,stage TEXT,step TEXT,message TEXT',
  prompt: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,kind TEXT,run_id INTEGER,task_id INTEGER,title TEXT,message TEXT,fields TEXT,actions TEXT',
  pin: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,run_id INTEGER,task_id INTEGER,iden TEXT,priority REAL,ucontent_id INTEGER',
  ucontent: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,hash TEXT,is_json INTEGER,content TEXT',
  work: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,kind TEXT,start INTEGER,end INTEGER,end_state TEXT,end_err_id INTEGER,data TEXT,message TEXT',
  inout: 'id INTEGER,uid BLOB,ctime INTEGER,mtime INTEGER,task_uid BLOB,kind TEXT,typ TEXT,content TEXT,display TEXT',
};

test('every table of §6.2 exists with its columns and types, STRICT', async () => {
  const mm = await makeMm();
  assert.deepEqual(Object.keys(TABLES).sort(), Object.keys(EXPECTED).sort());
  for (const [table, cols] of Object.entries(EXPECTED)) {
    const info = mm.db.all(`PRAGMA table_info("${table}")`).map((r) => `${r.name} ${r.type}`);
    assert.equal(info.join(','), cols, table);
    const sql = String(mm.db.scalar('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?', ['table', table]));
    assert.match(sql, /\) STRICT$/, `${table} is STRICT`);
  }
  const notNull = mm.db.all('PRAGMA table_info("pin")').filter((r) => r.notnull === 1).map((r) => r.name);
  assert.deepEqual(notNull, ['uid', 'ctime', 'mtime', 'run_id', 'iden']);
});

test('indexes of §6.1 exist', async () => {
  const mm = await makeMm();
  const names = new Set(mm.db.all("SELECT name FROM sqlite_master WHERE type = 'index'").map((r) => r.name));
  for (const t of Object.keys(EXPECTED)) assert.ok(names.has(`idx_${t}_uid`), `idx_${t}_uid`);
  for (const n of ['idx_ucontent_hash', 'idx_run_loop_id', 'idx_run_loop_id_id', 'idx_loop_first_run_id', 'idx_loop_last_run_id']) {
    assert.ok(names.has(n), n);
  }
});

test('rows get a UUID v7 uid (16-byte blob) and µs ctime/mtime; update refreshes mtime only', async () => {
  const mm = await makeMm();
  const id = RunBmc.create(mm, { agent_name: 'a' });
  const run = RunBmc.get(mm, id);
  assert.ok(uuidValidate(run.uid) && uuidVersion(run.uid) === 7);
  assert.equal(Number(mm.db.scalar('SELECT length(uid) FROM run WHERE id = ?', [id])), 16);
  assert.equal(run.ctime, run.mtime);
  assert.ok(run.ctime > 1e15, 'epoch microseconds');
  RunBmc.update(mm, id, { label: 'x' });
  const after = RunBmc.get(mm, id);
  assert.equal(after.ctime, run.ctime);
  assert.ok(after.mtime > run.mtime);
  assert.equal(after.label, 'x');
  assert.equal(RunBmc.idForUid(mm, run.uid), id);
});

test('enums are stored as variant names and booleans as 0/1', async () => {
  const mm = await makeMm();
  const id = RunBmc.create(mm, { has_task_stages: true, has_prompt_parts: false });
  RunBmc.update(mm, id, { end_state: 'Cancel' });
  const raw = mm.db.get('SELECT end_state, has_task_stages, has_prompt_parts FROM run WHERE id = ?', [id]);
  assert.deepEqual({ ...raw }, { end_state: 'Cancel', has_task_stages: 1, has_prompt_parts: 0 });
  assert.equal(RunBmc.get(mm, id).has_task_stages, true);
  assert.equal(RunBmc.get(mm, id).has_prompt_parts, false);
});

test('list: default order id, filters, limit capped at 12,000, order by validated', async () => {
  const mm = await makeMm();
  const r1 = RunBmc.create(mm, {});
  const r2 = RunBmc.create(mm, { parent_id: r1 });
  const r3 = RunBmc.create(mm, { parent_id: r1 });
  assert.deepEqual(RunBmc.list(mm).map((r) => r.id), [r1, r2, r3]);
  assert.deepEqual(RunBmc.list(mm, { parent_id: null }).map((r) => r.id), [r1]);
  assert.deepEqual(RunBmc.listChildren(mm, r1).map((r) => r.id), [r2, r3]);
  assert.deepEqual(RunBmc.listForDisplay(mm, 2).map((r) => r.id), [r3, r2]);
  assert.deepEqual(RunBmc.list(mm, {}, { orderBy: 'end DESC, id' }).map((r) => r.id), [r1, r2, r3]);
  assert.throws(() => RunBmc.list(mm, {}, { orderBy: 'id; DROP TABLE run' }), { message: "Invalid order by 'id; DROP TABLE run'" });
  assert.throws(() => RunBmc.list(mm, {}, { orderBy: 'nope' }), { message: "Unknown column 'nope' for table 'run'" });
  mm.db.exec(
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 12001) INSERT INTO log (uid, ctime, mtime, run_id) SELECT randomblob(16), 1, 1, ? FROM c',
    [r1],
  );
  assert.equal(LogBmc.list(mm, {}, { limit: 20_000 }).length, 12_000);
  assert.equal(LogBmc.list(mm, {}, { limit: 3, offset: 12_000 }).length, 1);
});

test('unknown ids and unknown columns are clear errors and write nothing', async () => {
  const mm = await makeMm();
  assert.throws(() => RunBmc.get(mm, 42), new ModelError("Cannot get entity 'run' (id 42): not found"));
  assert.throws(() => RunBmc.update(mm, 42, { label: 'x' }), { message: "Cannot get entity 'run' (id 42): not found" });
  assert.throws(() => TaskBmc.get(mm, 7), { message: "Cannot get entity 'task' (id 7): not found" });
  assert.throws(() => RunBmc.idForUid(mm, '01890a5d-ac96-774b-bcce-b302099a8057'), {
    message: "Cannot get entity 'run' (uid 01890a5d-ac96-774b-bcce-b302099a8057): not found",
  });
  assert.throws(() => RunBmc.idForUid(mm, 'not-a-uid'), { message: "Invalid uid 'not-a-uid'" });
  const id = RunBmc.create(mm, {});
  assert.throws(() => RunBmc.update(mm, id, { bogus: 1 } as never), { message: "Unknown column 'bogus' for table 'run'" });
  assert.equal(RunBmc.get(mm, id).mtime, RunBmc.get(mm, id).ctime);
});

test('err, log, prompt and work modules create/update/get/list', async () => {
  const mm = await makeMm();
  const runId = RunBmc.create(mm, {});
  const errId = ErrBmc.create(mm, { content: 'system failure', typ: 'Text' });
  assert.equal(ErrBmc.get(mm, errId).run_id, null);
  assert.deepEqual(ErrBmc.list(mm, { run_id: null }).map((e) => e.content), ['system failure']);
  const logId = LogBmc.create(mm, { run_id: runId, kind: 'SysInfo', message: 'hello' });
  assert.equal(LogBmc.get(mm, logId).message, 'hello');
  assert.equal(LogBmc.listForRun(mm, runId).length, 1);
  const pId = PromptBmc.create(mm, { kind: 'Sys', title: 't', fields: '[]' });
  PromptBmc.update(mm, pId, { message: 'm' });
  assert.equal(PromptBmc.get(mm, pId).message, 'm');
  assert.equal(PromptBmc.list(mm).length, 1);
  const wId = WorkBmc.create(mm, { kind: 'Install', data: { pack_ref: 'ns@name', needs_user_confirm: true } });
  WorkBmc.update(mm, wId, { start: 5 });
  const w = WorkBmc.get(mm, wId);
  assert.deepEqual(WorkBmc.data(w), { pack_ref: 'ns@name', needs_user_confirm: true });
  assert.deepEqual(WorkBmc.runningState(w), { kind: 'Running' });
  WorkBmc.update(mm, wId, { end: 9, end_state: 'Ok', message: 'ns@name v1.0.0' });
  assert.deepEqual(WorkBmc.runningState(WorkBmc.get(mm, wId)), { kind: 'Ended', endState: 'Ok' });
  assert.equal(WorkBmc.list(mm, { kind: 'Install' }).length, 1);
});

test('sql-wasm.wasm is found from sources (node_modules) when no bundled copy sits next to the module', () => {
  assert.match(locateSqlWasm('sql-wasm.wasm'), /node_modules[\\/]sql\.js[\\/]dist[\\/]sql-wasm\.wasm$/);
});

test('a transaction rolls back every write when it throws', async () => {
  const mm = await makeMm();
  assert.throws(
    () =>
      mm.db.tx(() => {
        RunBmc.create(mm, { agent_name: 'gone' });
        throw new Error('boom');
      }),
    { message: 'boom' },
  );
  assert.equal(RunBmc.list(mm).length, 0);
});
