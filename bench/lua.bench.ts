// Lua engine figures (Lua 5.4 on wasmoon, stages in script workers): fresh-state cost with a
// full-size catalog, stage and host call round trips, the instruction hook's overhead, JSON ↔
// Lua conversion, a pure-Lua workload against the native interpreter, the host's event loop
// while a runaway pattern runs in a stage, and a pack-shaped agent's non-AI time.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CatalogEntry, ModuleCatalog } from '../src/runtime/script/catalog';
import { luaCatalog } from '../src/runtime/script/aip/lua';
import { STATIC_CATALOGS } from '../src/runtime/script/aip/index';
import { runStageScript, type RunStageOptions } from '../src/runtime/script/lua-engine';
import { pushValue, readValue } from '../src/runtime/script/lua-codec';
import { StateFactory } from '../src/runtime/script/lua-state';
import { loadLuaApi } from '../src/runtime/script/lua-wasm';
import { heavyAgentMs } from './lua-heavy';
import { median, timeRuns, type Figure } from './harness';

const host = { getSecret: async () => undefined, openFile: async () => undefined, trash: async () => undefined, nowMicros: () => 0 };
const call = { host, signal: new AbortController().signal };

/** 30 modules, 186 functions (the size of the real `aip` API, §8.4). */
function fullSizeCatalogs(): ModuleCatalog[] {
  const cats: ModuleCatalog[] = [luaCatalog];
  let count = 3;
  for (let m = 1; m < 30; m++) {
    const entries: CatalogEntry[] = [];
    for (let f = 0; f < 7 && count < 186; f++, count++) {
      entries.push({ name: `fn${f}`, signature: `aip.m${m}.fn${f}()`, doc: '', impl: (_c, v) => v });
    }
    cats.push({ module: `m${m}`, doc: '', entries, constants: m === 1 ? { A: 'a', B: 'b' } : undefined });
  }
  cats.push({
    module: 'bench',
    doc: '',
    entries: [
      { name: 'sync', signature: '', doc: '', impl: (_c, v) => v },
      { name: 'async', signature: '', doc: '', impl: async (_c, v) => v },
    ],
  });
  return cats;
}

function ctx20(): Record<string, unknown> {
  const ctx: Record<string, unknown> = { RUN_NUM: 1, TASK_NUM: 1, RUN_FLOW_REDO_COUNT: 0 };
  for (let i = 0; ctx && Object.keys(ctx).length < 20; i++) ctx[`KEY_${i}`] = `/some/absolute/path/${i}`;
  return ctx;
}

function stage(code: string, extra: Partial<RunStageOptions> = {}): Promise<unknown> {
  return runStageScript({
    script: { code, lineMap: [] },
    chunkName: 'bench.aip',
    stage: 'Data',
    globals: { CTX: ctx20(), input: { path: 'a.md' }, options: { model: 'm' } },
    catalogs: extra.catalogs ?? fullSizeCatalogs(),
    call,
    requireRoots: ['/tmp/agent'],
    onPrint: () => {},
    ...extra,
  });
}

function oneMegabyteDoc(): unknown {
  const items: unknown[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) {
    const item = { id: i, name: `item number ${i}`, score: i + 0.5, tags: ['a', 'b', null], nested: { ok: i % 2 === 0, path: `/x/${i}.md` } };
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return { items };
}

export async function run(): Promise<Figure[]> {
  const catalogs = fullSizeCatalogs();
  const ctx = ctx20();
  const api = await loadLuaApi();
  const factory = new StateFactory(api);

  // Fresh state with every global and the full-size catalog (in-thread: what a worker does per stage).
  const modules = catalogs.map((c) => ({ module: c.module, functions: c.entries.map((e, i) => ({ fullName: `aip.${c.module}.${e.name}`, hostIndex: i })) }));
  const services = { modules, requireRoots: ['/tmp/agent'], hostCall: () => ({ ok: true as const, value: undefined }), print: () => {}, onCancelled: () => {} };
  const createMs = await timeRuns(300, () => {
    const { L, ud } = factory.newBaseState();
    factory.setupStage(L, services, ctx);
    factory.endStage();
    factory.close(L, ud);
  }, 100);
  const tinyStageMs = await timeRuns(200, () => stage('return input.path', { catalogs }), 10);

  // Host call round trips (runtime-thread functions) and a pure function run in the worker.
  const N = 20_000;
  const syncMs = median(await timeRuns(5, () => stage(`local f = aip.bench.sync for i = 1, ${N} do f(i) end`, { catalogs }), 1));
  const asyncMs = median(await timeRuns(5, () => stage(`local f = aip.bench.async for i = 1, ${N} do f(i) end`, { catalogs }), 1));
  const pureMs = median(await timeRuns(5, () => stage(`local f = aip.text.trim for i = 1, ${N} do f(" x ") end`, { catalogs: [...STATIC_CATALOGS] }), 1));
  const emptyMs = median(await timeRuns(5, () => stage(`for i = 1, ${N} do end`, { catalogs }), 1));

  // Hook overhead on a 10M-iteration arithmetic loop (a hook every 2^30 instructions ≈ none).
  const loop = 'local x = 0 for i = 1, 10000000 do x = x + i % 7 end return x';
  const off: number[] = [];
  const on: number[] = [];
  await stage(loop, { catalogs, hookCount: 2 ** 30 });
  await stage(loop, { catalogs });
  for (let i = 0; i < 4; i++) {
    off.push(...(await timeRuns(1, () => stage(loop, { catalogs, hookCount: 2 ** 30 }), 0)));
    on.push(...(await timeRuns(1, () => stage(loop, { catalogs }), 0)));
  }
  const noHook = median(off);
  const withHook = median(on);

  // JSON ↔ Lua conversion of a 1 MB document (the codec, in-thread).
  const doc = oneMegabyteDoc();
  const bytes = JSON.stringify(doc).length;
  const { L, ud } = factory.newBaseState();
  const convMs = median(
    await timeRuns(5, () => {
      pushValue(api, L, doc);
      readValue(api, L, -1, 'stage');
      api.M._lua_settop(L, 0);
    }, 1),
  );
  factory.close(L, ud);

  const figures: Figure[] = [
    { name: 'lua_state_ms', value: median(createMs), unit: 'ms', target: '< 2' },
    { name: 'lua.tiny_stage_ms', value: median(tinyStageMs), unit: 'ms', target: '< 3' },
    { name: 'lua.host_call_sync_us', value: ((syncMs - emptyMs) * 1000) / N, unit: 'µs', target: '< 50 (runtime-thread round trip)' },
    { name: 'lua.host_call_async_us', value: ((asyncMs - emptyMs) * 1000) / N, unit: 'µs', target: '< 80' },
    { name: 'lua.pure_call_us', value: ((pureMs - emptyMs) * 1000) / N, unit: 'µs', target: '< 5 (in the worker)' },
    { name: 'lua_hook_overhead', value: (withHook - noHook) / noHook, unit: 'ratio', target: '< 0.35' },
    { name: 'lua.loop_10m_ms', value: withHook, unit: 'ms', target: 'info' },
    { name: 'lua.json_lua_roundtrip_mb_s', value: bytes / 1e6 / (convMs / 1000), unit: 'MB/s', target: '> 2' },
  ];
  const native = await luaNativeRatio();
  if (native !== undefined) figures.push({ name: 'lua_native_ratio', value: native, unit: 'x', target: '<= 3' });
  figures.push({ name: 'host_loop_p99_ms', value: await hostLoopP99(), unit: 'ms', target: '< 50' });
  figures.push({ name: 'heavy_agent_ms', value: await heavyAgentMs(), unit: 'ms', target: 'a third of the fengari figure' });
  return figures;
}

const WORKLOAD = path.join(__dirname, 'fixtures', 'lua-workload.lua');

/** The pure-Lua workload in a stage ÷ the Debian `lua5.4` interpreter (undefined when not installed). */
async function luaNativeRatio(): Promise<number | undefined> {
  const probe = spawnSync('lua5.4', ['-v']);
  if (probe.status !== 0) return undefined;
  const fs = await import('node:fs');
  const code = fs.readFileSync(WORKLOAD, 'utf8');
  const nativeTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync('lua5.4', [WORKLOAD]);
    if (r.status !== 0) return undefined;
    nativeTimes.push(performance.now() - t0);
  }
  // Process start is not Lua work: measure it alone and take it out.
  const startTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync('lua5.4', ['-e', '']);
    startTimes.push(performance.now() - t0);
  }
  const nativeMs = Math.max(0.1, median(nativeTimes) - median(startTimes));
  await stage(code, { catalogs: [] });
  const stageMs = median(await timeRuns(5, () => stage(code, { catalogs: [] }), 1));
  return stageMs / nativeMs;
}

/** p99 of the host's timer lag (5 ms interval) while a stage is stuck in a runaway C pattern, then cancelled. */
async function hostLoopP99(): Promise<number> {
  const ac = new AbortController();
  const lags: number[] = [];
  let last = performance.now();
  const iv = setInterval(() => {
    const now = performance.now();
    lags.push(Math.max(0, now - last - 5));
    last = now;
  }, 5);
  setTimeout(() => ac.abort(), 1000);
  await stage('return string.find(("a"):rep(3000), ".-.-.-.-.-b")', { catalogs: [], call: { host: call.host, signal: ac.signal } }).catch(() => undefined);
  clearInterval(iv);
  lags.sort((a, b) => a - b);
  return lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))] ?? 0;
}
