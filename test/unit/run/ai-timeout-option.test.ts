/**
 * The AI request timeout is an option: config `[limits] ai_request_timeout_secs`,
 * env AIPACK_AI_TIMEOUT, a host value (CLI flag / editor setting), and all the
 * attempts of one request together are bounded (attempts × timeout).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { DEFAULT_LIMITS, limitsFromEnv, limitsFromToml, loadRuntimeLimits } from '../../../src/runtime/config/limits';
import { ErrBmc } from '../../../src/runtime/model/err';
import { RetryBudget } from '../../../src/runtime/run/ai-timeout';
import { readSettings } from '../../../src/extension/config';
import { sandbox } from '../../support/run-harness';

const PROMPT = '# Instruction\nhello {{input}}\n';

function errOf(sb: Awaited<ReturnType<typeof sandbox>>, runId: number): string {
  const [task] = sb.tasks(runId);
  assert.ok(task.end_err_id !== null, 'task has an err row');
  return ErrBmc.get(sb.rt.mm, task.end_err_id!).content ?? '';
}

test('config [limits] ai_request_timeout_secs cuts a slow reply (no host value set)', async () => {
  const sb = await sandbox({ pipeline: { retry: { retries: 0 } } });
  try {
    const cfg = path.join(sb.wks, '.aipack/config.toml');
    fs.appendFileSync(cfg, '\n[limits]\nai_request_timeout_secs = 0.2\n');
    sb.write('agents/slow.aip', PROMPT);
    sb.mock.setDefaultReply({ delayMs: 3000 });
    const res = await sb.run('agents/slow.aip', ['x']);
    assert.equal(res.endState, 'Err');
    assert.match(errOf(sb, res.runId!), /timed out after 0\.2 s/);
  } finally {
    await sb.close();
  }
});

test('a host value (CLI flag / setting) wins over config', async () => {
  const sb = await sandbox({ pipeline: { limits: { aiRequestTimeoutMs: 150 }, retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 5000 } } });
  try {
    fs.appendFileSync(path.join(sb.wks, '.aipack/config.toml'), '\n[limits]\nai_request_timeout_secs = 600\n');
    sb.write('agents/slow2.aip', PROMPT);
    sb.mock.setDefaultReply({ delayMs: 5000 });
    const res = await sb.run('agents/slow2.aip', ['x']);
    assert.equal(res.endState, 'Err');
    assert.match(errOf(sb, res.runId!), /timed out after 0\.15 s/);
    assert.equal(sb.mock.modelRequests.length, 2, 'a timeout is retried like a dropped connection');
  } finally {
    await sb.close();
  }
});

test('RetryBudget: all attempts together get attempts × (timeout + 1 s) + retries × max wait; a spent budget aborts its signal', async () => {
  const run = new AbortController();
  const b = new RetryBudget(10_000, { retries: 2, maxDelayMs: 30_000 }, run.signal);
  assert.equal(b.totalMs, 3 * 11_000 + 2 * 30_000);
  assert.ok(b.attemptMs()! <= 10_000 && b.attemptMs()! > 9_000);
  assert.equal(b.signal.aborted, false);
  run.abort();
  assert.equal(b.signal.aborted, true, "the run's cancel reaches the budget signal");
  b.dispose();
  const none = new RetryBudget(0, { retries: 2, maxDelayMs: 1 }, run.signal);
  assert.equal(none.attemptMs(), 0);
  assert.equal(none.totalMs, Infinity);
  assert.equal(none.signal, run.signal);
  // One attempt of 5 ms (+ the 1 s slack): once spent, the signal aborts and a next attempt would get 1 ms.
  const spent = new RetryBudget(5, { retries: 0, maxDelayMs: 1000 }, new AbortController().signal);
  assert.equal(spent.totalMs, 1005);
  await new Promise<void>((r) => spent.signal.addEventListener('abort', () => r(), { once: true }));
  assert.equal(spent.attemptMs(), 1);
  spent.dispose();
});

test('limits: env and config values are checked, naming the key; precedence host > env > config > default', async () => {
  assert.deepEqual(limitsFromEnv({ AIPACK_AI_TIMEOUT: '2.5' }), { aiRequestTimeoutMs: 2500 });
  assert.deepEqual(limitsFromEnv({ AIPACK_AI_TIMEOUT: '' }), {});
  assert.throws(() => limitsFromEnv({ AIPACK_AI_TIMEOUT: 'soon' }), /AIPACK_AI_TIMEOUT: limit 'ai_request_timeout_secs' must be a finite number, got "soon"/);
  assert.throws(() => limitsFromEnv({ AIPACK_AI_TIMEOUT: '-1' }), /must be >= 0, got -1/);
  assert.throws(() => limitsFromToml({ limits: { file_read_max_bytes: 1.5 } }, 'cfg'), /cfg \[limits\]: limit 'file_read_max_bytes' must be an integer/);
  assert.throws(() => limitsFromToml({ limits: { agent_max_depth: 1e300 } }, 'cfg'), /'agent_max_depth' is too large/);
  assert.throws(() => limitsFromToml({ limits: 3 }, 'cfg'), /'limits' must be a table/);

  const sb = await sandbox();
  try {
    const dirCtx = sb.rt.dirContext;
    assert.deepEqual(await loadRuntimeLimits(dirCtx, {}, {}), DEFAULT_LIMITS);
    fs.appendFileSync(path.join(sb.wks, '.aipack/config.toml'), '\n[limits]\nai_request_timeout_secs = 7\nagent_max_depth = 4\n');
    assert.equal((await loadRuntimeLimits(dirCtx, {}, {})).aiRequestTimeoutMs, 7000);
    assert.equal((await loadRuntimeLimits(dirCtx, {}, { AIPACK_AI_TIMEOUT: '9' })).aiRequestTimeoutMs, 9000);
    const l = await loadRuntimeLimits(dirCtx, { aiRequestTimeoutMs: 1 }, { AIPACK_AI_TIMEOUT: '9' });
    assert.equal(l.aiRequestTimeoutMs, 1);
    assert.equal(l.agentMaxDepth, 4);
  } finally {
    await sb.close();
  }
});

test('CLI --ai-timeout and the aipack.aiRequestTimeoutSeconds setting', () => {
  const cmd = parseArgs(['run', 'a.aip', '--ai-timeout', '1.5']);
  assert.equal(cmd.cmd === 'run' && cmd.aiTimeoutSecs, 1.5);
  assert.equal((parseArgs(['run', 'a.aip', '--ai-timeout=0']) as { aiTimeoutSecs?: number }).aiTimeoutSecs, 0);
  assert.throws(() => parseArgs(['run', 'a.aip', '--ai-timeout', 'x']), /--ai-timeout takes a number of seconds >= 0 \(got 'x'\)/);
  assert.throws(() => parseArgs(['run', 'a.aip', '--ai-timeout=-3']), /--ai-timeout takes/);
  const get = (v: unknown) => (k: string) => (k === 'aiRequestTimeoutSeconds' ? v : undefined);
  assert.equal(readSettings(get(90)).settings.aiRequestTimeoutSeconds, 90);
  assert.equal(readSettings(get(null)).settings.aiRequestTimeoutSeconds, undefined);
  const bad = readSettings(get(-1));
  assert.equal(bad.settings.aiRequestTimeoutSeconds, undefined);
  assert.match(bad.problems.join('\n'), /aipack\.aiRequestTimeoutSeconds must be a number of seconds/);
});
