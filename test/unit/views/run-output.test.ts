import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TaskBmc } from '../../../src/runtime/model/task';
import { InputsMemo, rerunPlan, taskInputValue } from '../../../src/views/model/rerun-inputs';
import { type OutLine, RunOutputModel } from '../../../src/views/model/run-output';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
  sb.write(
    'agents/out.aip',
    [
      '# Data',
      '```lua',
      'print("hello " .. input)',
      'if input == "skip" then return aip.flow.data_response({ skip = true }) end',
      'if input == "skip2" then return aip.flow.skip("not needed") end',
      'return {}',
      '```',
      '# Output',
      '```lua',
      'if input == "bad" then error("kaput") end',
      'return "out:" .. input .. "\\nline2"',
      '```',
      '',
    ].join('\n'),
  );
});
after(async () => {
  await sb.close();
});

async function runCollect(inputs: unknown[], cap: number, prefix?: string): Promise<{ lines: OutLine[]; runId: number; model: RunOutputModel }> {
  const model = new RunOutputModel(sb.rt.mm, { maxLinesPerRun: cap, prefix });
  const lines: OutLine[] = [];
  const off = sb.rt.hub.subscribe((e) => {
    lines.push(...model.handle(e));
  });
  const res = await sb.run('agents/out.aip', inputs);
  off();
  return { lines, runId: res.runId!, model };
}

test('each line is prefixed with run/task and carries a level: start, prints, skips, string outputs, end', async () => {
  const { lines, runId } = await runCollect(['a', 'skip2'], 1000);
  const texts = lines.map((l) => `${l.level} ${l.text}`);
  const r = `run ${runId}`;
  const shown = texts.filter((t) => !/Model:|Running agent command|from:|default model:/.test(t));
  // Tasks run concurrently (the default config runs 2 at once): their lines interleave in any
  // order, but each task's own lines keep theirs, between the run's start and end lines.
  assert.equal(shown[0], `info [${r}] ▶ agents/out.aip`);
  assert.equal(shown.at(-1), `info [${r}] ■ Ok · 2 tasks · 0ms`);
  assert.equal(shown.length, 7);
  assert.deepEqual(
    shown.filter((t) => t.includes(`${r} · task 0]`)),
    [`info [${r} · task 0] Data · print: hello a`, `info [${r} · task 0] output: out:a`, `info [${r} · task 0] line2`],
  );
  assert.deepEqual(
    shown.filter((t) => t.includes(`${r} · task 1]`)),
    [`info [${r} · task 1] Data · print: hello skip2`, `info [${r} · task 1] Data · skip: not needed`],
  );
  assert.ok(texts.some((t) => t.startsWith(`info [${r}] Model: `)), 'RtLog SysInfo lines are included');
  assert.ok(lines.every((l) => l.runId === runId));
});

test('a failing task: an error-level line with its stage and message, and the run ends Err', async () => {
  const { lines, runId } = await runCollect(['bad'], 1000, 'wks');
  const errors = lines.filter((l) => l.level === 'error').map((l) => l.text);
  assert.deepEqual(errors, [`[wks: run ${runId} · task 0] Output: out.aip:10: kaput`, `[wks: run ${runId}] ■ Err · 1 task · 0ms`], 'the run error is not repeated');
  const model = new RunOutputModel(sb.rt.mm, { maxLinesPerRun: 100 });
  assert.deepEqual(model.handle({ type: 'RunEnded', runId, endState: 'Err' }).map((l) => l.text), [`[run ${runId}] Output: out.aip:10: kaput`, `[run ${runId}] ■ Err · 1 task · 0ms`], 'a run error no task printed shows at the end');
});

test('the cap keeps a run to N lines, says so once, and still prints the end line', async () => {
  const inputs = Array.from({ length: 20 }, (_, i) => `i${i}`);
  const { lines, runId, model } = await runCollect(inputs, 10);
  const r = `[run ${runId}]`;
  assert.equal(lines.filter((l) => l.text.includes('output capped')).length, 1);
  assert.equal(lines.find((l) => l.text.includes('output capped'))?.text, `${r} … output capped at 10 lines for this run (see the run document)`);
  assert.equal(lines.length, 12, '10 lines, the notice and the end line');
  assert.match(lines.at(-1)!.text, /■ Ok · 20 tasks/);
  assert.ok(model.retained(runId).length <= 10, 'retained lines are capped too');
  assert.deepEqual(model.handle({ type: 'Error', message: 'Failed to find agent x' }), [{ level: 'error', text: '[aipack] Failed to find agent x' }]);
});

test('rerun inputs: remembered ones win; otherwise rebuilt from the tasks (JSON values parsed back)', async () => {
  const long = { path: 'src/a.md', name: 'a.md', note: 'y'.repeat(80) };
  const res = await sb.run('agents/out.aip', ['t1', long, { k: 1 }, 5]);
  const tasks = TaskBmc.listForRun(sb.rt.mm, res.runId!);
  assert.deepEqual(tasks.map((t) => taskInputValue(sb.rt.mm, t)), ['t1', long, { k: 1 }, '5']);
  const plan = rerunPlan(sb.rt.mm, sb.rt, res.runId!);
  assert.equal(plan.agentRef, 'agents/out.aip');
  assert.equal(plan.source, 'tasks');
  assert.equal(plan.inputs?.length, 4);
  const memo = new InputsMemo();
  memo.remember(sb.rt, res.runId!, ['orig']);
  assert.deepEqual(rerunPlan(sb.rt.mm, sb.rt, res.runId!, memo), { agentRef: 'agents/out.aip', inputs: ['orig'], source: 'remembered' });
  const none = await sb.run('agents/out.aip');
  assert.deepEqual(rerunPlan(sb.rt.mm, sb.rt, none.runId!).inputs, undefined, 'a run without inputs reruns without inputs');
  assert.throws(() => rerunPlan(sb.rt.mm, sb.rt, 98765), /run.*98765/i);
});

test('the output channel gets model text and prints as text: control sequences shown escaped', async () => {
  const { lines, runId } = await runCollect(['esc\u001b]52;c;aGk=\u0007 clear\u001b[2J\rX'], 1000);
  const prints = lines.filter((l) => l.text.includes('print: hello esc')).map((l) => l.text);
  assert.deepEqual(prints, [`[run ${runId} · task 0] Data · print: hello esc\\x1b]52;c;aGk=\\x07 clear\\x1b[2J\\x0dX`]);
  // eslint-disable-next-line no-control-regex -- asserting no raw control characters remain
  assert.ok(lines.every((l) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(l.text)));
});
