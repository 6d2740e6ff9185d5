// aip.cmd.exec: a cancel ends the command's whole process group — grandchildren too, also one that ignores
// SIGTERM (it gets SIGKILL after the grace period). Before, only the direct child was killed and a
// `sh -c "sleep … &"` grandchild kept running after Ctrl-C.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../src/runtime/script/aip/cmd';
import { processAlive } from '../../support/process-alive';

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(cond(), `never: ${what}`);
}

const pidsIn = (file: string) => readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);

for (const ignoreTerm of [false, true]) {
  test(`cancel ends the grandchildren of aip.cmd.exec${ignoreTerm ? ' (one ignores SIGTERM)' : ''}`, { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aip-cmd-group-'));
    try {
      const pids = join(dir, 'pids');
      const trap = ignoreTerm ? "trap '' TERM; " : '';
      // The shell starts two background grandchildren, writes their pids atomically, then waits.
      const script = `${trap}sleep 1000 & a=$!; sh -c "${trap}sleep 1000" & b=$!; echo "$a $b" > "${pids}.tmp"; mv "${pids}.tmp" "${pids}"; wait`;
      const ac = new AbortController();
      const run = runProcess('sh', ['-c', script], dir, ac.signal);
      await waitFor(() => existsSync(pids), 'the command started its grandchildren');
      const [a, b] = pidsIn(pids);
      assert.ok(a > 0 && b > 0 && processAlive(a) && processAlive(b));
      ac.abort();
      await assert.rejects(run, /Command cancelled: sh -c/);
      await waitFor(() => !processAlive(a) && !processAlive(b), 'grandchildren ended');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a command that ends by itself is not signalled and keeps its output', async () => {
  const r = await runProcess('sh', ['-c', 'echo out; echo err >&2; exit 3'], undefined, new AbortController().signal);
  assert.deepEqual(r, { stdout: 'out\n', stderr: 'err\n', exit: 3 });
});
