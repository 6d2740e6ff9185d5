// Profiling aid (not a figure): one runtime run of N inputs against the mock, for
// `node --import tsx bench/profile-run.ts [inputs] [concurrency] [delayMs]`: the measured
// run (after a 50-input warm-up) is profiled alone into `run.cpuprofile` (open it in DevTools).
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import { startMock } from './mock-endpoint';
import { benchWorkspace } from './workspace';


async function main() {
  const [inputs = 1000, conc = 8, delayMs = 0] = process.argv.slice(2).map(Number);
  const mock = await startMock(delayMs);
  const ws = await benchWorkspace(mock.baseUrl);
  const agent = ws.writeAgent(conc);
  const rt = await ws.runtime();
  if (process.env.NO_PROFILE) {
    for (const n of [50, inputs]) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await (await rt.runAgent(agent, Array.from({ length: n }, (_, i) => i))).done;
      const cpu = process.cpuUsage(cpu0);
      console.log(`${n} inputs: ${(performance.now() - t0).toFixed(0)} ms, CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms/task`);
    }
    rt.dispose();
    await mock.close();
    return;
  }
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  for (const n of [50, inputs]) {
    if (n === inputs) {
      await post('Profiler.enable');
      await post('Profiler.start');
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    // RUNS=5: that many runs at once (the load battery's shape).
    const runs = n === inputs ? Number(process.env.RUNS ?? 1) : 1;
    const handles = await Promise.all(Array.from({ length: runs }, () => rt.runAgent(agent, Array.from({ length: n }, (_, i) => i))));
    const res = (await Promise.all(handles.map((h) => h.done)))[0];
    const cpu = process.cpuUsage(cpu0);
    console.log(`${runs}×${n} inputs: ${(performance.now() - t0).toFixed(0)} ms, ${res.endState}, CPU ${((cpu.user + cpu.system) / 1000 / n / runs).toFixed(2)} ms/task`);
  }
  const { profile } = (await post('Profiler.stop')) as { profile: object };
  // Mean time per task phase of the measured run, from the task rows (µs → ms).
  const rows = rt.mm.db.all(
    `SELECT AVG(data_start - start) a, AVG(data_end - data_start) b, AVG(ai_start - data_end) c, AVG(ai_gen_start - ai_start) d,
            AVG(ai_gen_end - ai_gen_start) e, AVG(ai_end - ai_gen_end) f, AVG(output_start - ai_end) g, AVG(output_end - output_start) h,
            AVG("end" - output_end) i FROM task WHERE run_id = (SELECT MAX(id) FROM run)`,
  )[0];
  const names = ['start→data', 'data', 'data→ai', 'ai→gen', 'gen (HTTP)', 'gen→ai_end', 'ai→output', 'output', 'output→end'];
  console.log(Object.values(rows).map((v, i) => `${names[i]} ${(Number(v) / 1000).toFixed(2)}`).join(' | '));
  fs.writeFileSync(process.env.PROFILE_OUT ?? 'run.cpuprofile', JSON.stringify(profile));
  rt.dispose();
  await mock.close();
  ws.remove();
}
main();
