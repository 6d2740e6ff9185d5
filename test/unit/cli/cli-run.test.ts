/**
 * `aip` as a child process: cwd = a temp workspace, HOME = a temp dir, the provider
 * pointed at the mock server through OPENAI_BASE_URL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { requestMessages, startMockOpenAI, type MockOpenAI } from '../../support/mock-openai';
import { processAlive } from '../../support/process-alive';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
// Children run with a temp cwd, so tsx is given by absolute URL.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

let mock: MockOpenAI;
let tmp: string;
before(async () => {
  mock = await startMockOpenAI();
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aip-cli-')));
});
after(async () => {
  await mock.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Out {
  code: number | null;
  stdout: string;
  stderr: string;
}

function workspace(name: string, files: Record<string, string> = {}): { dir: string; home: string } {
  const dir = path.join(tmp, name, 'wks');
  const home = path.join(tmp, name, 'home');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return { dir, home };
}

function aip(args: string[], w: { dir: string; home: string }, opts: { env?: Record<string, string>; onSpawn?: (p: ReturnType<typeof spawn>) => void } = {}): Promise<Out> {
  return new Promise((resolve) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: w.home,
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: mock.baseUrl,
      ...(opts.env ?? {}),
    };
    const p = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: w.dir, env });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    opts.onSpawn?.(p);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('--version and --help', async () => {
  const w = workspace('version');
  const v = await aip(['--version'], w);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^aip \d+\.\d+\.\d+/);
  const h = await aip(['--help'], w);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /aip run <agent-or-pack-ref>/);
});

test('run on a fresh HOME: base dir created, -i and -f mixed, files written, exit 0', async () => {
  const w = workspace('fresh', {
    'docs/a.md': 'alpha',
    'docs/b.md': 'beta',
    'agent.aip': [
      '# Data',
      '```lua',
      'if type(input) == "table" then return aip.file.load(input.path).content end',
      'return input',
      '```',
      '# Instruction',
      'Echo {{data}}',
      '# Output',
      '```lua',
      'aip.file.append("out/log.txt", ai_response.content .. "\\n")',
      'return ai_response.content',
      '```',
      '',
    ].join('\n'),
  });
  mock.setDefaultReply((req) => ({ text: `got:${requestMessages(req)[0].content.trim()}` }));
  const before = mock.modelRequests.length;
  const r = await aip(['run', 'agent.aip', '-i', 'one', '-f', 'docs/*.md'], w);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.ok(fs.existsSync(path.join(w.home, '.aipack-base', 'config-default.toml')));
  assert.ok(fs.existsSync(path.join(w.dir, '.aipack', 'config.toml')));
  const sent = mock.modelRequests.slice(before).map((q) => (q.body as { model: string }).model);
  assert.equal(sent.length, 3);
  const lines = fs.readFileSync(path.join(w.dir, 'out/log.txt'), 'utf8').trim().split('\n').sort();
  assert.deepEqual(lines, ['got:Echo alpha', 'got:Echo beta', 'got:Echo one']);
  assert.match(r.stdout, /✓ Ok · 3\/3 tasks/);
});

test('a failing task exits 1 and names the cause', async () => {
  const w = workspace('fail', { 'bad.aip': '# Data\n```lua\nerror("no way")\n```\n' });
  const r = await aip(['run', 'bad.aip', '-i', 'x'], w);
  assert.equal(r.code, 1);
  assert.match(r.stdout + r.stderr, /no way/);
});

test('a missing key: exit 1, no request sent, the message names the variable', async () => {
  const w = workspace('nokey', { 'a.aip': '# Instruction\nhello\n' });
  const before = mock.modelRequests.length;
  const r = await aip(['run', 'a.aip'], w, { env: { OPENAI_API_KEY: '' } });
  assert.equal(r.code, 1);
  assert.match(r.stdout + r.stderr, /OPENAI_API_KEY/);
  assert.equal(mock.modelRequests.length, before);
});

test('an unknown agent and a glob matching nothing exit 1 with a clear message', async () => {
  const w = workspace('missing', { 'a.aip': '# Instruction\nhello\n' });
  const r1 = await aip(['run', 'nope.aip'], w);
  assert.equal(r1.code, 1);
  assert.match(r1.stdout + r1.stderr, /nope\.aip/);
  const r2 = await aip(['run', 'a.aip', '-f', 'nothing/**/*.zzz'], w);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /no files matched 'nothing\/\*\*\/\*\.zzz'/);
});

test('usage errors exit 2', async () => {
  const w = workspace('usage');
  const r = await aip(['run'], w);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--help/);
});

test('Ctrl-C during a run of 20 delayed tasks: exits 130 within a second, After All never runs', async () => {
  const w = workspace('cancel', {
    'slow.aip': [
      '# Options',
      '```toml',
      'input_concurrency = 4',
      '```',
      '# Instruction',
      'hi {{input}}',
      '# After All',
      '```lua',
      'aip.file.save("out/after-all.txt", "ran")',
      '```',
      '',
    ].join('\n'),
  });
  mock.setDefaultReply({ text: 'slow', delayMs: 5000 });
  const inputs = Array.from({ length: 20 }, (_, i) => ['-i', `n${i}`]).flat();
  let sentAt = 0;
  const before = mock.modelRequests.length;
  const r = await aip(['run', 'slow.aip', ...inputs], w, {
    onSpawn: (p) => {
      const timer = setInterval(() => {
        if (mock.modelRequests.length > before) {
          clearInterval(timer);
          sentAt = Date.now();
          p.kill('SIGINT');
        }
      }, 20);
    },
  });
  const tookMs = Date.now() - sentAt;
  mock.setDefaultReply({ text: 'ok' });
  assert.equal(r.code, 130, r.stderr + r.stdout);
  // The replies take 5 s: an exit that waited for them would take longer than this bound on any machine.
  assert.ok(tookMs < 4000, `exit took ${tookMs} ms after SIGINT`);
  assert.match(r.stdout, /⊘ Cancel/);
  // What became of the 20 tasks: the 4 in flight were cancelled, the rest never started (not "20/20 ended").
  assert.match(r.stdout, /⊘ Cancel · (\d+ cancelled, )?\d+ not started of 20 tasks/);
  assert.equal(fs.existsSync(path.join(w.dir, 'out/after-all.txt')), false);
});

test('-w reruns the agent when its file changes, until Ctrl-C (exit 130)', async () => {
  const w = workspace('watch', { 'w.aip': '# Before All\n```lua\nprint("version one")\n```\n' });
  let out = '';
  const r = await aip(['run', 'w.aip', '-w'], w, {
    onSpawn: (p) => {
      let stage = 0;
      // Never hang the suite: stop the watcher after 20 s whatever happened.
      setTimeout(() => p.kill('SIGKILL'), 20_000).unref();
      p.stdout!.on('data', (d) => {
        out += d;
        if (stage === 0 && out.includes('Watching')) {
          stage = 1;
          fs.writeFileSync(path.join(w.dir, 'w.aip'), '# Before All\n```lua\nprint("version two")\n```\n');
        } else if (stage === 1 && out.includes('version two') && /✓ Ok[\s\S]*✓ Ok/.test(out)) {
          stage = 2;
          p.kill('SIGINT');
        }
      });
    },
  });
  assert.equal(r.code, 130, r.stderr + r.stdout);
  assert.match(r.stdout, /version one[\s\S]*Watching[\s\S]*version two/);
  assert.equal((r.stdout.match(/✓ Ok/g) ?? []).length, 2, 'one run, then one rerun after the change');
});

test('init, init-base, list and check-keys', async () => {
  const w = workspace('misc');
  const missing = await aip(['init', 'proj'], w);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Cannot initialize workspace: directory '.*proj' does not exist/);
  fs.mkdirSync(path.join(w.dir, 'proj'));
  const init = await aip(['init', 'proj'], w);
  assert.equal(init.code, 0, init.stderr);
  assert.ok(fs.existsSync(path.join(w.dir, 'proj', '.aipack', 'config.toml')));
  assert.ok(fs.existsSync(path.join(w.home, '.aipack-base', 'config-default.toml')));
  assert.match(init.stdout, /Workspace initialised: .*proj\/\.aipack/);

  const base = await aip(['init-base'], w);
  assert.equal(base.code, 0, base.stderr);
  assert.match(base.stdout, /Base dir refreshed: .*\.aipack-base/);

  const list = await aip(['list', 'demo@'], w);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^demo@proof\s+~\/\.aipack-base\/pack\/installed\/demo\/proof\/main\.aip\s+\(BaseInstalled\)$/m);
  const none = await aip(['list', 'nosuch@'], w);
  assert.equal(none.code, 0);
  assert.match(none.stdout, /No packs match 'nosuch@'\./);

  const keys = await aip(['check-keys'], w, { env: { OPENAI_API_KEY: 'set', ANTHROPIC_API_KEY: '' } });
  assert.equal(keys.code, 0);
  assert.match(keys.stdout, /✓ OPENAI_API_KEY\s+set/);
  assert.match(keys.stdout, /✗ ANTHROPIC_API_KEY\s+not set/);
  assert.doesNotMatch(keys.stdout, /\bset\b.*test-key/, 'values are never printed');
});

for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  test(`${signal} cancels like Ctrl-C: run recorded as Cancel, exit ${code}, the command's grandchild ended`, async () => {
    const w = workspace(`sig-${signal}`, {
      'hold.aip': [
        '# Before All',
        '```lua',
        // A command whose shell starts a background grandchild, then waits on it.
        'aip.cmd.exec("sh", {"-c", "sleep 1000 & echo $! > pid.tmp; mv pid.tmp pid; wait"})',
        '```',
        '',
      ].join('\n'),
    });
    const pidFile = path.join(w.dir, 'pid');
    const r = await aip(['run', 'hold.aip'], w, {
      onSpawn: (p) => {
        setTimeout(() => p.kill('SIGKILL'), 60_000).unref(); // never hang the suite
        const timer = setInterval(() => {
          if (fs.existsSync(pidFile)) {
            clearInterval(timer);
            p.kill(signal);
          }
        }, 20);
      },
    });
    assert.equal(r.code, code, r.stderr + r.stdout);
    assert.match(r.stdout, /⊘ Cancel/);
    const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(grandchild > 0);
    for (let i = 0; i < 200 && processAlive(grandchild); i++) await new Promise((res) => setTimeout(res, 25));
    assert.equal(processAlive(grandchild), false, 'the sleep started by the command still runs');
  });
}

test('allow_run_on_task_fail: each failed task is printed with its stage, the summary counts them, exit 3', async () => {
  const w = workspace('partial', {
    'part.aip': [
      '# Options',
      '```toml',
      'allow_run_on_task_fail = true',
      '```',
      '# Data',
      '```lua',
      'if input % 2 == 0 then error("even input " .. input) end',
      'return aip.flow.data_response({ data = input })',
      '```',
      '# Output',
      '```lua',
      'return "done"',
      '```',
      '',
    ].join('\n'),
  });
  const inputs = Array.from({ length: 10 }, (_, i) => ['-i', String(i + 1)]).flat();
  const r = await aip(['run', 'part.aip', ...inputs, '--dry', 'req'], w);
  assert.equal(r.code, 3, r.stderr + r.stdout);
  assert.match(r.stderr, /5 tasks failed:/);
  for (const n of [2, 4, 6, 8, 10]) assert.match(r.stderr, new RegExp(`task #${n - 1} \\(input "${n}"\\) · Data: .*even input ${n}`));
  assert.match(r.stdout, /⚠ Ok · 5 ok, 5 failed of 10 tasks/);
});

test('model text and names reach the terminal without their control sequences', async () => {
  const w = workspace('ctl', {
    'ctl.aip': ['# Before All', '```lua', 'print("clip\\27]52;c;aGk=\\7 clear\\27[2J bell\\7 cr\\rX 8bit\\u{9b}31m")', '```', ''].join('\n'),
  });
  const r = await aip(['run', 'ctl.aip'], w);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /clip\\x1b\]52;c;aGk=\\x07 clear\\x1b\[2J bell\\x07 cr\\x0dX 8bit\\x9b31m/);
  // eslint-disable-next-line no-control-regex -- asserting no raw control characters remain
  assert.doesNotMatch(r.stdout + r.stderr, /[\x1b\x07\x9b]|\r(?!\n)/);
});
