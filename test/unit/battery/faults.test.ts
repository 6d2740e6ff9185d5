/**
 * Provider fault battery (issue 11 item 1): every fault on a 20-task agent at
 * concurrency 4. Each run must end (guarded), every task with the expected end
 * state, retries only for 429 / 5xx / connection-type failures and never more
 * than the policy allows (mock requests counted), err rows naming the cause,
 * cost only on tasks whose call completed, and no task left Running.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrBmc } from '../../../src/runtime/model/err';
import type { MockReplySpec } from '../../support/mock-openai';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { refusedBaseUrl, sseWithoutDone, startRawServer, type RawServer } from './raw-server';
import { assertNoTaskRunning, guard, size, SOAK } from './support';

const TASKS = size(20);
const GUARD_MS = SOAK ? 600_000 : 60_000;
const RETRIES = 2;
const TIMEOUT_MS = 200;
/** Which API answers: gemini-… goes through Chat Completions, gpt-5… through the Responses API. */
const CHAT_MODEL = 'gemini-3.1-flash-lite';
const RESP_MODEL = 'gpt-5.4-mini';

interface Fault {
  name: string;
  spec?: MockReplySpec;
  /** Model that routes to a raw server / a closed port instead of the mock. */
  model?: string;
  stream?: boolean;
  slow?: boolean;
  /** What the raw server answers (model grok-4 routes there). */
  raw?: 'noDone' | 'badChunk';
  /** Requests per task when the fault persists. */
  attempts: number;
  end: 'Ok' | 'Err';
  cause?: RegExp;
  /** A warn log per retry must match this. */
  retryLog?: RegExp;
  /** Ok tasks: the recorded output (null = none). */
  output?: string | null;
}

let sb: Sandbox;
let sbStream: Sandbox;
/** Only this one has the short request timeout: a cold first request (module loads) can take longer. */
let sbSlow: Sandbox;
let raw: RawServer;
const PIPELINE = { retry: { retries: RETRIES, baseDelayMs: 5, maxDelayMs: 2000 }, stream: false };
let rawMode: 'noDone' | 'badChunk' = 'noDone';
const figures = { runs: 0, faults: 0, requests: 0 };

before(async () => {
  raw = await startRawServer((res) => {
    if (rawMode === 'noDone') return sseWithoutDone(res, ['cut ', 'short ']);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end('data: {"id": "c", "choices": [ not json\n\n');
  });
  const secrets = { AIPACK_XAI_BASE_URL: raw.baseUrl };
  const pipeline = PIPELINE;
  sb = await sandbox({ pipeline: { ...pipeline, stream: false }, secrets });
  sbStream = await sandbox({ pipeline: { ...pipeline, stream: true }, secrets });
  sbSlow = await sandbox({ pipeline: { ...pipeline, stream: false, requestTimeoutMs: TIMEOUT_MS }, secrets });
});
after(async () => {
  console.log(`# fault battery${SOAK ? ' (soak)' : ''}: ${figures.runs} runs, ${figures.faults} faults injected, ${figures.requests} provider requests`);
  await sb.close();
  await sbStream.close();
  await sbSlow.close();
  await raw.close();
});

const FAULTS: Fault[] = [
  { name: '429 without Retry-After', spec: { status: 429, error: { message: 'Rate limit reached' } }, attempts: 3, end: 'Err', cause: /HTTP 429 .*Rate limit reached/ },
  { name: '429 with Retry-After', spec: { status: 429, headers: { 'retry-after': '0.3' }, error: { message: 'Slow down' } }, attempts: 3, end: 'Err', cause: /HTTP 429 .*Slow down/, retryLog: /retrying in 0\.3 s/ },
  { name: '500', spec: { status: 500 }, attempts: 3, end: 'Err', cause: /HTTP 500 .*Mock error 500/ },
  { name: '502', spec: { status: 502 }, attempts: 3, end: 'Err', cause: /HTTP 502 .*Mock error 502/ },
  { name: '503', spec: { status: 503 }, attempts: 3, end: 'Err', cause: /HTTP 503 .*Mock error 503/ },
  { name: '401', spec: { status: 401, error: { message: 'Incorrect API key provided' } }, attempts: 1, end: 'Err', cause: /HTTP 401 .*Incorrect API key provided/ },
  { name: '400', spec: { status: 400, error: { message: 'Bad request: max_tokens' } }, attempts: 1, end: 'Err', cause: /HTTP 400 .*Bad request: max_tokens/ },
  { name: 'connection refused', model: 'deepseek-chat', attempts: 3, end: 'Err', cause: /connection to .* failed: .*ECONNREFUSED/ },
  { name: 'connection reset mid-stream', stream: true, spec: { text: 'a b c d', resetAfterChunks: 2 }, attempts: 3, end: 'Err', cause: /connection to .* failed: .*(terminated|reset|socket)/i },
  { name: 'stream without [DONE]', stream: true, model: 'grok-4', attempts: 3, end: 'Err', cause: /connection to Xai .* failed: the stream ended before the answer was complete \(no finish_reason\)/ },
  { name: 'malformed JSON body', spec: { body: '{"choices": [ this is not json', headers: { 'content-type': 'application/json' } }, attempts: 1, end: 'Err', cause: /Gemini sent a malformed response for model 'gemini-3.1-flash-lite': .*JSON/ },
  { name: 'malformed JSON in a stream chunk', stream: true, model: 'grok-4', raw: 'badChunk', attempts: 1, end: 'Err', cause: /Xai sent a malformed response for model 'grok-4': .*JSON/ },
  { name: 'body with no choices', spec: { body: { id: 'x', object: 'chat.completion', created: 1, model: 'm', usage: { prompt_tokens: 3, completion_tokens: 0, total_tokens: 3 } } }, attempts: 1, end: 'Ok', output: null },
  { name: 'empty content', spec: { text: '' }, attempts: 1, end: 'Ok', output: null },
  { name: 'slower than the request timeout', slow: true, spec: { delayMs: TIMEOUT_MS * 4 }, attempts: 3, end: 'Err', cause: /timed out after 0\.2 s/ },
];

function agentText(model: string, allowFail: boolean): string {
  return [
    '# Options',
    '```toml',
    `model = "${model}"`,
    'input_concurrency = 4',
    allowFail ? 'allow_run_on_task_fail = true' : '',
    '```',
    '# Instruction',
    'task {{input}}',
    '',
  ].join('\n');
}

const inputs = Array.from({ length: TASKS }, (_, i) => `t${i}`);

for (const f of FAULTS) {
  test(`fault: ${f.name} → every task ${f.end}, ${f.attempts} request(s) each`, async () => {
    // A freed port can be taken by another process later on: refuse with a port freed just now.
    const refusedSb = f.model === 'deepseek-chat' ? await sandbox({ pipeline: PIPELINE, secrets: { AIPACK_DEEPSEEK_BASE_URL: await refusedBaseUrl() } }) : undefined;
    const s = refusedSb ?? (f.slow ? sbSlow : f.stream ? sbStream : sb);
    const model = f.model ?? CHAT_MODEL;
    const file = `agents/fault-${f.name.replace(/\W+/g, '-')}.aip`;
    s.write(file, agentText(model, true));
    s.mock.reset();
    if (f.spec) s.mock.setDefaultReply(f.spec);
    const rawBefore = raw.requests;
    rawMode = f.raw ?? 'noDone';
    try {
      const res = await guard(s.run(file, inputs), GUARD_MS, f.name);
      figures.runs++;
      figures.faults += TASKS;
      const runId = res.runId!;
      assertNoTaskRunning(s.rt, runId, f.name);
      const tasks = s.tasks(runId);
      assert.equal(tasks.length, TASKS);
      const warns = s.logs(runId, 'SysWarn');
      // Requests: from the mock, the raw server, or (refused) the retry warnings + 1 per task.
      const sent = f.model === 'deepseek-chat' ? warns.length + TASKS : f.model === 'grok-4' ? raw.requests - rawBefore : s.mock.modelRequests.length;
      figures.requests += sent;
      assert.equal(sent, TASKS * f.attempts, `${f.name}: requests sent`);
      assert.equal(warns.length, TASKS * (f.attempts - 1), `${f.name}: one warning per retry`);
      if (f.retryLog) for (const w of warns) assert.match(w, f.retryLog);
      for (const t of tasks) {
        assert.equal(t.end_state, f.end, `${f.name}: task #${t.idx}`);
        if (f.end === 'Err') {
          const err = ErrBmc.get(s.rt.mm, t.end_err_id!);
          assert.equal(err.stage, 'Ai');
          assert.match(err.content!, f.cause!);
          assert.equal(t.cost, null, `${f.name}: no cost on a failed call`);
        } else {
          assert.equal(t.output_short, f.output ?? null);
          assert.equal(t.end_err_id, null);
        }
      }
      // allow_run_on_task_fail: the run itself completes.
      assert.equal(res.endState, 'Ok', res.error?.message);
    } finally {
      s.mock.setDefaultReply({});
      await refusedSb?.close();
    }
  });
}

test('fault without allow_run_on_task_fail: the first failure ends the run Err, the rest Cancel, none Running', async () => {
  sb.write('agents/fault-strict.aip', agentText(CHAT_MODEL, false));
  sb.mock.reset();
  sb.mock.setDefaultReply({ status: 401, error: { message: 'nope' } });
  try {
    const res = await guard(sb.run('agents/fault-strict.aip', inputs), GUARD_MS, 'strict');
    figures.runs++;
    assert.equal(res.endState, 'Err');
    assert.match(res.error!.message, /HTTP 401 .*nope/);
    assertNoTaskRunning(sb.rt, res.runId!);
    const states = sb.tasks(res.runId!).map((t) => t.end_state);
    assert.ok(states.includes('Err'));
    assert.ok(states.every((st) => st === 'Err' || st === 'Cancel'), states.join(','));
    // The pool stops scheduling: at most the in-flight window was sent.
    assert.ok(sb.mock.modelRequests.length <= 4, `${sb.mock.modelRequests.length} requests`);
  } finally {
    sb.mock.setDefaultReply({});
  }
});

test('Responses API slower than the request timeout: retried as a connection failure, then Err naming the timeout', async () => {
  sbSlow.write('agents/fault-resp-slow.aip', agentText(RESP_MODEL, true));
  sbSlow.mock.reset();
  sbSlow.mock.setDefaultReply({ delayMs: TIMEOUT_MS * 4 });
  try {
    const res = await guard(sbSlow.run('agents/fault-resp-slow.aip', inputs.slice(0, 8)), GUARD_MS, 'responses slow');
    figures.runs++;
    figures.faults += 8;
    assert.equal(sbSlow.mock.responsesRequests.length, 8 * 3);
    assertNoTaskRunning(sbSlow.rt, res.runId!);
    for (const t of sbSlow.tasks(res.runId!)) {
      assert.equal(t.end_state, 'Err');
      assert.equal(
        ErrBmc.get(sbSlow.rt.mm, t.end_err_id!).content,
        "AI request timed out after 0.2 s (OpenAIResp, model 'gpt-5.4-mini'): no complete answer within the request timeout.",
      );
    }
  } finally {
    sbSlow.mock.setDefaultReply({});
  }
});

test('transient faults: one failure per task then success → all Ok, cost on every task, exactly 2 requests each', async () => {
  sb.write('agents/fault-transient.aip', agentText(CHAT_MODEL, false));
  for (const status of [429, 500, 502, 503]) {
    sb.mock.reset();
    const seen = new Set<string>();
    sb.mock.setDefaultReply((req) => {
      const key = JSON.stringify(req.body?.messages);
      if (seen.has(key)) return { text: 'fine', usage: { prompt_tokens: 100, completion_tokens: 10 } };
      seen.add(key);
      return { status };
    });
    try {
      const res = await guard(sb.run('agents/fault-transient.aip', inputs), GUARD_MS, `transient ${status}`);
      figures.runs++;
      figures.faults += TASKS;
      assert.equal(res.endState, 'Ok', res.error?.message);
      assert.equal(sb.mock.modelRequests.length, TASKS * 2);
      for (const t of sb.tasks(res.runId!)) {
        assert.equal(t.end_state, 'Ok');
        assert.equal(t.output_short, 'fine');
        assert.ok(t.cost !== null && t.cost > 0, `task #${t.idx} cost`);
      }
      assertNoTaskRunning(sb.rt, res.runId!);
    } finally {
      sb.mock.setDefaultReply({});
    }
  }
});

test('Responses API faults: 503 retried, 401 not, empty output Ok', async () => {
  const cases: [MockReplySpec, number, 'Ok' | 'Err', RegExp | null][] = [
    [{ status: 503 }, 3, 'Err', /HTTP 503/],
    [{ status: 401, error: { message: 'bad key' } }, 1, 'Err', /HTTP 401 .*bad key/],
    [{ text: '' }, 1, 'Ok', null],
  ];
  sb.write('agents/fault-resp.aip', agentText(RESP_MODEL, true));
  for (const [spec, attempts, end, cause] of cases) {
    sb.mock.reset();
    sb.mock.setDefaultReply(spec);
    try {
      const res = await guard(sb.run('agents/fault-resp.aip', inputs), GUARD_MS, 'responses');
      figures.runs++;
      figures.faults += TASKS;
      assert.equal(sb.mock.responsesRequests.length, TASKS * attempts);
      assertNoTaskRunning(sb.rt, res.runId!);
      for (const t of sb.tasks(res.runId!)) {
        assert.equal(t.end_state, end);
        if (cause) assert.match(ErrBmc.get(sb.rt.mm, t.end_err_id!).content!, cause);
        else assert.ok(t.cost !== null && t.cost > 0);
      }
    } finally {
      sb.mock.setDefaultReply({});
    }
  }
});
