/**
 * Cancel battery (issue 11 item 2): seeded runs cancelled at a random moment of a
 * random phase (before start, Before All, Data, AI in flight, Output, a sub-agent,
 * a runaway Lua loop, a long `aip.cmd.exec`). Each must reach Cancel within 1 s,
 * leave no task Running, never run After All, leave no child process, raise no
 * unhandled rejection; a plain run right after each cancel must end Ok.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { RunBmc } from '../../../src/runtime/model/run';
import { TaskBmc } from '../../../src/runtime/model/task';
import type { Id } from '../../../src/runtime/model/types';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { assertNoTaskRunning, guard, rng, size, sleep, SOAK } from './support';
import { processAlive as alive } from '../../support/process-alive';

const RUNS = size(100);
const SEED = 0x11c4;
const CANCEL_WITHIN_MS = 1000;

const PHASES = ['beforeStart', 'beforeAll', 'data', 'aiInFlight', 'output', 'subAgent', 'runaway', 'cmdExec'] as const;
type Phase = (typeof PHASES)[number];

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);
let sb: Sandbox;
/** Every Lua `print` published on the hub (After All prints a marker with its run uid). */
const prints: string[] = [];
const figures = { cancels: 0, healthyRuns: 0, maxCancelMs: 0, byPhase: {} as Record<string, number> };

/** A Lua loop that keeps the stage busy for about `secs` (the count hook sees the cancel). */
const busy = (secs: number) => `local t0 = os.clock(); while os.clock() - t0 < ${secs} do end`;
const AFTER_ALL = '# After All\n```lua\nprint("AFTER-ALL-RAN " .. CTX.RUN_UID)\nreturn "aa"\n```\n';
const OPTS = (extra = '') => `# Options\n\`\`\`toml\nmodel = "gemini-3.1-flash-lite"\ninput_concurrency = 2\n${extra}\`\`\`\n`;
const lua = (heading: string, code: string) => `# ${heading}\n\`\`\`lua\n${code}\n\`\`\`\n`;
const PROMPT = '# Instruction\ntask {{input}}\n';

function agents(pidDir: string): Record<Phase, string> {
  const nodeArgs = JSON.stringify([
    '-e',
    // Written then renamed: a child killed mid-write must not leave an empty pid file (read as pid 0,
    // which `kill(0, 0)` reports alive: the soak run's one false leak).
    "const fs = require('fs'); fs.writeFileSync(process.argv[1] + '.tmp', String(process.pid)); fs.renameSync(process.argv[1] + '.tmp', process.argv[1]); setTimeout(() => {}, 60000)",
  ]).slice(1, -1);
  return {
    beforeStart: OPTS() + lua('Before All', busy(0.05)) + PROMPT + AFTER_ALL,
    beforeAll: OPTS() + lua('Before All', busy(5)) + PROMPT + AFTER_ALL,
    data: OPTS() + lua('Data', busy(5)) + PROMPT + AFTER_ALL,
    aiInFlight: OPTS() + PROMPT + AFTER_ALL,
    output: OPTS() + PROMPT + lua('Output', busy(5)) + AFTER_ALL,
    subAgent: OPTS() + lua('Data', 'return aip.agent.run("sub.aip", { inputs = { input } })') + PROMPT + AFTER_ALL,
    runaway: OPTS() + lua('Data', 'while true do end') + PROMPT + AFTER_ALL,
    cmdExec:
      OPTS() +
      lua('Data', `local r = aip.cmd.exec("${process.execPath.replace(/\\/g, '/')}", { ${nodeArgs}, "${pidDir}/" .. CTX.TASK_UID .. ".pid" })\nreturn r`) +
      PROMPT +
      AFTER_ALL,
  };
}

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  sb = await sandbox({ pipeline: { retry: { retries: 0 } } });
  sb.rt.hub.on('LuaPrint', (e) => void prints.push(e.text));
  const pidDir = path.join(sb.wks, 'pids');
  fs.mkdirSync(pidDir, { recursive: true });
  for (const [phase, text] of Object.entries(agents(pidDir))) sb.write(`agents/${phase}.aip`, text);
  sb.write('agents/sub.aip', OPTS() + lua('Data', busy(5)) + PROMPT + AFTER_ALL);
  sb.write('agents/healthy.aip', OPTS() + lua('Data', 'return input') + PROMPT + lua('After All', 'return #outputs'));
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  const phases = Object.entries(figures.byPhase).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`# cancel battery${SOAK ? ' (soak)' : ''}: ${figures.cancels} cancels (${phases}), ${figures.healthyRuns} healthy runs after them, slowest cancel ${figures.maxCancelMs.toFixed(0)} ms`);
  await sb.close();
});

async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timeout waiting for: ${what}`);
    await sleep(2);
  }
}

const tasksOf = (runId: Id) => TaskBmc.listForRun(sb.rt.mm, runId);

/** Waits until the run is in `phase`; returns the pids file dir to check (cmdExec). */
async function reach(phase: Phase, runId: Id, requestsBefore: number): Promise<void> {
  const run = () => RunBmc.get(sb.rt.mm, runId);
  switch (phase) {
    case 'beforeStart':
      return;
    case 'beforeAll':
      return until('Before All', () => run().ba_start !== null);
    case 'data':
    case 'runaway':
      return until('Data', () => tasksOf(runId).some((t) => t.data_start !== null));
    case 'aiInFlight':
      return until('AI request', () => sb.mock.modelRequests.length > requestsBefore);
    case 'output':
      return until('Output', () => tasksOf(runId).some((t) => t.output_start !== null));
    case 'subAgent':
      return until('sub-agent Data', () => RunBmc.listChildren(sb.rt.mm, runId).some((c) => tasksOf(c.id).some((t) => t.data_start !== null)));
    case 'cmdExec':
      return until('child process', () => tasksOf(runId).some((t) => fs.existsSync(pidFile(t.uid))));
  }
}

const pidFile = (taskUid: string) => path.join(sb.wks, 'pids', `${taskUid}.pid`);

test('sanity: uncancelled, the battery agents do run After All (so its absence below means something)', async () => {
  sb.mock.setDefaultReply({ text: 'ok' });
  const res = await guard(sb.run('agents/beforeStart.aip', ['x']), 10_000, 'sanity');
  assert.equal(res.endState, 'Ok', res.error?.message);
  const runUid = RunBmc.get(sb.rt.mm, res.runId!).uid;
  assert.ok(prints.includes(`AFTER-ALL-RAN ${runUid}`));
  assert.ok(sb.logs(res.runId!, 'AgentPrint').includes(`AFTER-ALL-RAN ${runUid}`));
  assert.notEqual(RunBmc.get(sb.rt.mm, res.runId!).aa_start, null);
});

test(`${RUNS} seeded runs cancelled at random moments all reach Cancel within ${CANCEL_WITHIN_MS} ms, cleanly`, async () => {
  const r = rng(SEED);
  for (let i = 0; i < RUNS; i++) {
    const phase = PHASES[i % PHASES.length];
    const extraDelay = r.int(0, 40);
    const what = `run ${i} (${phase}, +${extraDelay} ms)`;
    sb.mock.reset();
    sb.mock.setDefaultReply(phase === 'aiInFlight' ? { delayMs: 5000 } : phase === 'output' ? {} : { delayMs: r.int(0, 20) });
    const requestsBefore = sb.mock.modelRequests.length;
    const inputs = Array.from({ length: r.int(1, 6) }, (_, k) => `in${k}`);
    const handle = await sb.rt.runAgent(`agents/${phase}.aip`, inputs);
    const runId = handle.runId!;
    assert.ok(runId !== undefined, what);
    await reach(phase, runId, requestsBefore);
    if (extraDelay > 0 && phase !== 'beforeStart') await sleep(extraDelay);
    const t0 = performance.now();
    handle.cancel();
    const res = await guard(handle.done, 10_000, what);
    const ms = performance.now() - t0;
    figures.cancels++;
    figures.byPhase[phase] = (figures.byPhase[phase] ?? 0) + 1;
    figures.maxCancelMs = Math.max(figures.maxCancelMs, ms);
    assert.equal(res.endState, 'Cancel', `${what}: ${res.error?.message ?? ''}`);
    assert.ok(ms < CANCEL_WITHIN_MS, `${what}: cancel took ${ms.toFixed(0)} ms`);
    assert.equal(RunBmc.get(sb.rt.mm, runId).end_state, 'Cancel', what);
    assertNoTaskRunning(sb.rt, runId, what);
    for (const child of RunBmc.listChildren(sb.rt.mm, runId)) {
      assert.equal(child.end_state, 'Cancel', `${what}: sub-agent run`);
      assertNoTaskRunning(sb.rt, child.id, `${what} sub-agent`);
    }
    if (phase === 'cmdExec') {
      const pids = tasksOf(runId)
        .map((t) => pidFile(t.uid))
        .filter((f) => fs.existsSync(f))
        .map((f) => Number(fs.readFileSync(f, 'utf8')));
      assert.ok(pids.length > 0, what);
      assert.ok(pids.every((p) => Number.isInteger(p) && p > 0), `${what}: pid files ${pids.join(',')}`);
      await until(`${what}: child processes gone`, () => pids.every((p) => !alive(p)), CANCEL_WITHIN_MS);
    }

    // The next run is unaffected.
    sb.mock.setDefaultReply({ text: 'ok' });
    const healthy = await guard(sb.run('agents/healthy.aip', ['a', 'b', 'c']), 10_000, `healthy run after ${what}`);
    figures.healthyRuns++;
    assert.equal(healthy.endState, 'Ok', `after ${what}: ${healthy.error?.message ?? ''}`);
    assert.equal(healthy.afterAll, 3);
    assert.deepEqual(sb.tasks(healthy.runId!).map((t) => t.end_state), ['Ok', 'Ok', 'Ok']);

    // After All of the cancelled run never ran, not even late in the background.
    const runUid = RunBmc.get(sb.rt.mm, runId).uid;
    assert.ok(!prints.includes(`AFTER-ALL-RAN ${runUid}`), `${what}: After All ran`);
    assert.deepEqual(sb.logs(runId, 'AgentPrint'), [], `${what}: After All printed`);
    assert.equal(RunBmc.get(sb.rt.mm, runId).aa_start, null, `${what}: After All started`);
  }
  assert.deepEqual(unhandled, [], 'no unhandled rejection');
});
