import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RunBmc } from '../../../src/runtime/model/run';
import { type RunNode, type RunsNode, RunsTreeModel, type TaskNode } from '../../../src/views/model/runs-model';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { FakeTimers } from './fake-timers';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
  sb.write('agents/hello.aip', '# Options\n```toml\nmodel = "gpt-5.4-mini"\n```\n\n# Instruction\nSay hello to {{input}}.\n');
  sb.write(
    'agents/fails.aip',
    ['# Data', '```lua', 'print("data for " .. input)', 'if input == "bad" then', '  error("boom")', 'end', 'return {}', '```', ''].join('\n'),
  );
  sb.write('agents/child.aip', '# Output\n```lua\nreturn "child " .. input\n```\n');
  sb.write(
    'agents/parent.aip',
    '# Data\n```lua\nlocal r = aip.agent.run("child.aip", { inputs = { "c1", "c2" } })\naip.task.set_label("called child")\naip.task.pin("n", { label = "Outputs:", content = tostring(#r.outputs) })\nreturn {}\n```\n',
  );
});
after(async () => {
  await sb.close();
});

function model(): RunsTreeModel {
  const m = new RunsTreeModel({ timers: new FakeTimers() });
  m.setSources([{ key: 'file:///wks', name: 'wks', runtime: sb.rt }]);
  return m;
}

/** A model on fake timers (1 s tick) past its first batch, recording its change notices. */
function tickingModel() {
  const timers = new FakeTimers();
  const m = new RunsTreeModel({ timers, tickMs: 1000 });
  m.setSources([{ key: 'file:///wks', name: 'wks', runtime: sb.rt }]);
  timers.advance(250);
  const notices: (RunsNode[] | undefined)[] = [];
  m.onDidChange((n) => notices.push(n));
  return { timers, m, notices };
}

const topRun = (m: RunsTreeModel, runId: number) => m.roots().find((n) => n.kind === 'run' && n.runId === runId) as RunNode;

test('a 3-input run: a run node with 3 task children in Ok, tokens and cost in the descriptions', async () => {
  for (const name of ['Ann', 'Bob', 'Cy']) sb.mock.reply({ text: `Hello ${name}`, usage: { prompt_tokens: 2000, completion_tokens: 400 } });
  const res = await sb.run('agents/hello.aip', ['Ann', 'Bob', 'Cy']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  const m = model();
  const run = topRun(m, res.runId!);
  const rv = m.view(run);
  assert.equal(rv.label, 'hello.aip');
  assert.equal(rv.state, 'ok');
  assert.deepEqual(rv.icon, { id: 'pass', color: 'testing.iconPassed' });
  assert.equal(rv.contextValue, 'run.done');
  assert.equal(rv.collapsible, 'collapsed');
  assert.equal(rv.description, '0ms · 7.2k tok · $0.0099');
  assert.match(rv.tooltip, /Model: `gpt-5\.4-mini` → openai_resp/);
  assert.match(rv.tooltip, /Concurrency: 2/);
  assert.match(rv.tooltip, /Tokens: 6,000 prompt · 1,200 completion/);
  const kids = m.children(run) as TaskNode[];
  assert.equal(kids.length, 3);
  const views = kids.map((k) => m.view(k));
  assert.deepEqual(
    views.map((v) => [v.label, v.state, v.description, v.contextValue]),
    [
      ['Ann', 'ok', '0ms · 2.4k tok · $0.0033', 'task.done'],
      ['Bob', 'ok', '0ms · 2.4k tok · $0.0033', 'task.done'],
      ['Cy', 'ok', '0ms · 2.4k tok · $0.0033', 'task.done'],
    ],
  );
  assert.match(views[0].tooltip, /Output: `Hello Ann`/);
  assert.strictEqual(m.children(run)[0], kids[0], 'nodes are stable objects across refreshes');
  m.dispose();
});

test('a failing task: an error node with its message; the run fails with it', async () => {
  const res = await sb.run('agents/fails.aip', ['ok', 'bad']);
  assert.equal(res.endState, 'Err');
  const m = model();
  const run = topRun(m, res.runId!);
  const rv = m.view(run);
  assert.equal(rv.state, 'failed');
  assert.deepEqual(rv.icon, { id: 'error', color: 'testing.iconFailed' });
  assert.equal(rv.description, 'fails.aip:5: boom · 0ms');
  const bad = (m.children(run) as TaskNode[]).map((k) => m.view(k)).find((v) => v.label === 'bad')!;
  assert.equal(bad.state, 'failed');
  assert.equal(bad.description, 'fails.aip:5: boom · 0ms');
  assert.match(bad.tooltip, /\*\*Error\*\* \(stage Data · \.aip line 5\):\n\n```text\nfails\.aip:5: boom\n```/);
  m.dispose();
});

test('sub-agent runs nest under the run that called them; task labels and pins show', async () => {
  const res = await sb.run('agents/parent.aip', ['p']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  const m = model();
  const run = topRun(m, res.runId!);
  assert.ok(run, 'the parent is a root');
  assert.ok(!m.roots().some((n) => n.kind === 'run' && RunBmc.get(sb.rt.mm, n.runId).parent_id !== null), 'no sub-run at the top');
  const kids = m.children(run);
  assert.deepEqual(kids.map((k) => k.kind), ['task', 'run']);
  const task = m.view(kids[0]);
  assert.equal(task.label, 'called child');
  assert.match(task.description, /📌 1/);
  assert.match(task.tooltip, /- \*\*n\*\*: Outputs: 2/);
  const sub = kids[1] as RunNode;
  assert.equal(m.view(sub).label, 'child.aip');
  assert.match(m.view(sub).tooltip, /\(sub-agent run\)/);
  assert.deepEqual(m.children(sub).map((k) => m.view(k).label), ['c1', 'c2']);
  assert.strictEqual(m.parent(sub), run);
  assert.strictEqual(m.parent(kids[0]), run);
  m.dispose();
});

test('runs are listed newest first; Clear Finished hides ended runs; several folders get a top level each', async () => {
  const m = model();
  const ids = m.roots().map((n) => (n as RunNode).runId);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.ok(ids.length >= 3);
  const changes: (RunsNode[] | undefined)[] = [];
  m.onDidChange((n) => changes.push(n));
  assert.equal(m.clearFinished(), ids.length);
  assert.deepEqual(m.roots(), []);
  assert.deepEqual(changes, [undefined], 'one full refresh');

  const m2 = new RunsTreeModel({ timers: new FakeTimers() });
  m2.setSources([
    { key: 'file:///a', name: 'a', runtime: sb.rt },
    { key: 'file:///b', name: 'b', runtime: sb.rt },
  ]);
  const roots = m2.roots();
  assert.deepEqual(roots.map((r) => [r.kind, m2.view(r).label, m2.view(r).contextValue]), [
    ['folder', 'a', 'folder'],
    ['folder', 'b', 'folder'],
  ]);
  assert.equal(m2.children(roots[0]).length, ids.length);
  m.dispose();
  m2.dispose();
});

test('a running run: spinner, live duration, progress, running contextValues; 1,000 tasks refresh at most 4 times a second', () => {
  const timers = new FakeTimers();
  const m = new RunsTreeModel({ timers, tickMs: 1000 });
  const source = { key: 'file:///wks', name: 'wks', runtime: sb.rt };
  m.setSources([source]);
  const notices: (RunsNode[] | undefined)[] = [];
  m.onDidChange((n) => notices.push(n));
  timers.advance(250);
  notices.length = 0;

  const rt = sb.rt;
  const runId = rt.rtModel.createRun({ name: 'big', filePath: `${sb.wks}/agents/big.aip`, hasTaskStages: true, hasPromptParts: true });
  rt.rtStep.runStart(runId);
  const taskIds = rt.rtModel.createTasksBatch(runId, Array.from({ length: 1000 }, (_, i) => `in-${i}`));
  const root = topRun(m, runId);
  for (let i = 0; i < taskIds.length; i++) {
    rt.rtStep.taskStart(runId, taskIds[i]);
    rt.rtStep.taskDataStart(runId, taskIds[i]);
    rt.rtStep.taskDataEnd(runId, taskIds[i]);
    if (i < 998) rt.rtStep.taskEndOk(runId, taskIds[i]);
    timers.advance(1);
  }
  assert.ok(notices.length <= 4, `${notices.length} change notices for ~5,000 events in 1 s`);
  assert.ok(notices.length >= 3);
  assert.ok(notices.every((n) => n === undefined || n.every((x) => x === root)), 'only the run node (or a full refresh) is announced');

  const v = m.view(root);
  assert.equal(v.state, 'running');
  assert.deepEqual(v.icon, { id: 'loading~spin' });
  assert.equal(v.contextValue, 'run.running');
  assert.equal(v.collapsible, 'expanded');
  assert.match(v.description, /^998\/1000/);
  const kids = m.children(root) as TaskNode[];
  assert.equal(kids.length, 1000);
  const last = m.view(kids[999]);
  assert.equal(last.state, 'running');
  assert.equal(last.contextValue, 'task.running');
  rt.rtStep.taskEndOk(runId, taskIds[998]);
  rt.rtStep.taskEndOk(runId, taskIds[999]);
  rt.rtStep.runEndOk(runId);
  timers.advance(250);
  assert.equal(m.view(root).state, 'ok');
  assert.equal(m.view(root).contextValue, 'run.done');
  m.dispose();
});

test('while a run is active its node is re-announced every tick (live duration), and the ticker stops after', async () => {
  const { timers, m, notices } = tickingModel();
  sb.mock.reply({ text: 'slow', delayMs: 400, usage: { prompt_tokens: 1, completion_tokens: 1 } });
  const handle = await sb.rt.runAgent('agents/hello.aip', ['slow']);
  await new Promise((r) => setTimeout(r, 100)); // the task is now waiting on the mock
  timers.advance(250);
  const node = topRun(m, handle.runId!);
  assert.equal(m.view(node).state, 'running');
  notices.length = 0;
  timers.advance(1250); // one tick + one batch interval, no DB change meanwhile
  assert.deepEqual(notices, [[node]], 'the tick re-announced the running run');
  await handle.done;
  timers.advance(5000);
  assert.equal(m.view(node).state, 'ok');
  notices.length = 0;
  timers.advance(5000);
  assert.deepEqual(notices, [], 'no ticks once nothing runs');
  m.dispose();
});

test('in an active big run a changed task refreshes its own row only; the run row (and so the listing of its tasks) waits for the tick', async () => {
  const { timers, m, notices } = tickingModel();
  sb.mock.reply({ text: 'first', delayMs: 150, usage: { prompt_tokens: 1, completion_tokens: 1 } });
  sb.mock.setDefaultReply({ text: 'later', delayMs: 5000, usage: { prompt_tokens: 1, completion_tokens: 1 } });
  const inputs = Array.from({ length: 120 }, (_, i) => `in-${i}`);
  const handle = await sb.rt.runAgent('agents/hello.aip', inputs);
  try {
    await new Promise((r) => setTimeout(r, 50));
    timers.advance(250); // fake 500; the ticker was armed at the run's start (fake 250)
    const node = topRun(m, handle.runId!);
    const kids = m.children(node) as TaskNode[]; // the view lists the tasks: their rows exist
    assert.equal(kids.length, 120);
    notices.length = 0;
    const firstTask = kids[0].taskId;
    for (let i = 0; i < 100 && sb.tasks(handle.runId!).find((t) => t.id === firstTask)?.end === null; i++) await new Promise((r) => setTimeout(r, 20));
    timers.advance(250); // fake 750: a batch, no tick
    assert.ok(notices.length >= 1, 'the first task ending was announced');
    assert.ok(notices.every((n) => n !== undefined && n.every((x) => x.kind === 'task')), 'only task rows were announced');
    assert.ok(notices.some((n) => n!.includes(kids[0])));
    notices.length = 0;
    timers.advance(750); // the tick (fake 1250) + its batch
    assert.ok(notices.some((n) => (n as RunsNode[] | undefined)?.includes(node)), 'the tick announced the run row');
  } finally {
    handle.cancel();
    await handle.done;
    sb.mock.setDefaultReply({ text: 'ok', usage: { prompt_tokens: 1, completion_tokens: 1 } });
  }
  notices.length = 0;
  timers.advance(250);
  assert.ok(notices.some((n) => n === undefined || (n as RunsNode[]).some((x) => x.kind === 'run')), 'the run end is announced');
  m.dispose();
});

test('a small active run keeps whole-run refreshes (a changed task announces the run row)', async () => {
  const { timers, m, notices } = tickingModel();
  sb.mock.reply({ text: 'one', delayMs: 100, usage: { prompt_tokens: 1, completion_tokens: 1 } });
  sb.mock.reply({ text: 'two', delayMs: 1500, usage: { prompt_tokens: 1, completion_tokens: 1 } });
  const handle = await sb.rt.runAgent('agents/hello.aip', ['one', 'two']);
  await new Promise((r) => setTimeout(r, 50));
  timers.advance(250);
  const node = topRun(m, handle.runId!);
  const kids = m.children(node) as TaskNode[];
  notices.length = 0;
  for (let i = 0; i < 100 && sb.tasks(handle.runId!).find((t) => t.id === kids[0].taskId)?.end === null; i++) await new Promise((r) => setTimeout(r, 20));
  timers.advance(250);
  assert.ok(notices.some((n) => (n as RunsNode[] | undefined)?.includes(node)), 'the run row was announced');
  await handle.done;
  m.dispose();
});

test('a run skipped in Before All says so with its reason; a run that tolerates task failures counts them', async () => {
  sb.write('agents/skipall.aip', '# Before All\n```lua\nreturn aip.flow.skip("nothing to do")\n```\n# Output\n```lua\nreturn input\n```\n');
  sb.write(
    'agents/tolerant.aip',
    '# Options\n```toml\nallow_run_on_task_fail = true\n```\n# Data\n```lua\nif input == "bad" then error("no") end\nreturn {}\n```\n# Output\n```lua\nreturn input\n```\n',
  );
  const m = model();
  const skipped = await sb.run('agents/skipall.aip', ['x']);
  const sv = m.view(topRun(m, skipped.runId!));
  assert.equal(sv.state, 'skipped', `${skipped.endState} ${skipped.error?.message ?? ''}`);
  assert.equal(sv.description, 'skipped: nothing to do · 0ms');
  assert.match(sv.tooltip, /Skip reason: nothing to do/);
  const tolerant = await sb.run('agents/tolerant.aip', ['ok', 'bad']);
  const tv = m.view(topRun(m, tolerant.runId!));
  assert.equal(tv.state, 'ok', `${tolerant.endState} ${tolerant.error?.message ?? ''}`);
  assert.equal(tv.description, '1 failed · 0ms');
  m.dispose();
});
