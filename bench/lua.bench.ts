// Lua engine figures: fresh-state cost with a full-size catalog, host call round trips,
// the instruction hook's overhead, and JSON ↔ Lua conversion throughput.
import { lauxlib, lua } from 'fengari';
import type { CatalogEntry, ModuleCatalog } from '../src/runtime/script/catalog';
import { luaCatalog } from '../src/runtime/script/aip/lua';
import { runStageScript, type RunStageOptions } from '../src/runtime/script/lua-engine';
import { createLuaState } from '../src/runtime/script/lua-state';
import { pushValue, readValue } from '../src/runtime/script/lua-values';
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

  // Fresh state with every global and the full-size catalog.
  const createMs = await timeRuns(300, () => {
    createLuaState({ catalogs, requireRoots: ['/tmp/agent'], onPrint: () => {}, ctx }, { call });
  }, 100);
  const tinyStageMs = await timeRuns(200, () => stage('return input.path', { catalogs }), 10);

  // Host call round trips.
  const N = 20_000;
  const syncMs = median(await timeRuns(5, () => stage(`local f = aip.bench.sync for i = 1, ${N} do f(i) end`, { catalogs }), 1));
  const asyncMs = median(await timeRuns(5, () => stage(`local f = aip.bench.async for i = 1, ${N} do f(i) end`, { catalogs }), 1));
  const emptyMs = median(await timeRuns(5, () => stage(`for i = 1, ${N} do end`, { catalogs }), 1));

  // Hook overhead on a 10M-iteration arithmetic loop.
  const loop = 'local x = 0 for i = 1, 10000000 do x = x + i % 7 end return x';
  // Interleaved so JIT warm-up and machine noise hit both sides alike.
  const off: number[] = [];
  const on: number[] = [];
  await stage(loop, { catalogs, instructionHook: false });
  await stage(loop, { catalogs });
  for (let i = 0; i < 4; i++) {
    off.push(...(await timeRuns(1, () => stage(loop, { catalogs, instructionHook: false }), 0)));
    on.push(...(await timeRuns(1, () => stage(loop, { catalogs }), 0)));
  }
  const noHook = median(off);
  const withHook = median(on);

  // JSON ↔ Lua conversion of a 1 MB document.
  const doc = oneMegabyteDoc();
  const bytes = JSON.stringify(doc).length;
  const L = lauxlib.luaL_newstate();
  const convMs = median(
    await timeRuns(5, () => {
      pushValue(L, doc);
      readValue(L, -1, 'stage');
      lua.lua_settop(L, 0);
    }, 1),
  );

  return [
    { name: 'lua_state_ms', value: median(createMs), unit: 'ms', target: '< 2' },
    { name: 'lua.tiny_stage_ms', value: median(tinyStageMs), unit: 'ms', target: '< 3' },
    { name: 'lua.host_call_sync_us', value: ((syncMs - emptyMs) * 1000) / N, unit: 'µs', target: '< 5' },
    { name: 'lua.host_call_async_us', value: ((asyncMs - emptyMs) * 1000) / N, unit: 'µs', target: '< 50' },
    { name: 'lua_hook_overhead', value: (withHook - noHook) / noHook, unit: 'ratio', target: '< 0.35' },
    { name: 'lua.loop_10m_ms', value: withHook, unit: 'ms', target: 'info' },
    { name: 'lua.json_lua_roundtrip_mb_s', value: bytes / 1e6 / (convMs / 1000), unit: 'MB/s', target: '> 2' },
  ];
}
