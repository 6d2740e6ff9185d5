/**
 * Load battery (issue 11 item 6): concurrent runs of many tasks each in one
 * Runtime against the mock (no delay). Every task must be recorded Ok; peak RSS
 * and the event loop's p99 delay are printed (figures, not assertions: they
 * depend on the machine).
 */
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, test } from 'node:test';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { assertNoTaskRunning, guard, size, SOAK } from './support';

const RUNS = 5;
const TASKS = size(1_000);

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test(`${RUNS} concurrent runs of ${TASKS} tasks each in one Runtime: every task recorded Ok`, async () => {
  sb.write(
    'agents/load.aip',
    [
      '# Options',
      '```toml',
      'model = "gemini-3.1-flash-lite"',
      'input_concurrency = 8',
      '```',
      '# Data',
      '```lua',
      'return { n = input }',
      '```',
      '# Instruction',
      'item {{data.n}}',
      '# After All',
      '```lua',
      'return #outputs',
      '```',
      '',
    ].join('\n'),
  );
  sb.mock.setDefaultReply({ text: 'done', usage: { prompt_tokens: 12, completion_tokens: 3 } });
  // A small run first: the figures are about load, not the first run's module loading and JIT
  // (from TypeScript sources here, ~200 ms of cold start that the bundled extension mostly avoids).
  await sb.run('agents/load.aip', [1, 2, 3]);
  sb.mock.reset();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let peakRss = process.memoryUsage().rss;
  const rssStart = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  try {
    const inputs = Array.from({ length: TASKS }, (_, i) => i);
    const results = await guard(Promise.all(Array.from({ length: RUNS }, () => sb.run('agents/load.aip', inputs))), 60_000, 'load runs', () => sb.mock.modelRequests.length);
    const secs = (performance.now() - t0) / 1000;
    // The figures cover the runs only, not the checks below (they read every row back).
    loop.disable();
    const p99 = loop.percentile(99) / 1e6;
    const maxDelay = loop.max / 1e6;
    for (const res of results) {
      assert.equal(res.endState, 'Ok', res.error?.message);
      assert.equal(res.afterAll, TASKS);
      const tasks = sb.tasks(res.runId!);
      assert.equal(tasks.length, TASKS);
      const notOk = tasks.filter((t) => t.end_state !== 'Ok' || t.output_short !== 'done');
      assert.equal(notOk.length, 0, `${notOk.length} tasks not recorded Ok`);
      assertNoTaskRunning(sb.rt, res.runId!);
      const run = sb.run_(res.runId!);
      assert.equal(run.end_state, 'Ok');
      assert.ok(run.total_cost! > 0);
    }
    assert.equal(sb.mock.modelRequests.length, RUNS * TASKS);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(
      `# load battery${SOAK ? ' (soak)' : ''}: ${RUNS}×${TASKS} tasks in ${secs.toFixed(1)} s (${((RUNS * TASKS) / secs).toFixed(0)} tasks/s), ` +
        `peak RSS ${mb(peakRss)} MB (start ${mb(rssStart)} MB), event loop p99 ${p99.toFixed(1)} ms, max ${maxDelay.toFixed(1)} ms`,
    );
  } finally {
    clearInterval(sampler);
    loop.disable();
  }
});
