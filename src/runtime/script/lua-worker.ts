/**
 * Entry of a script worker (`worker_threads`): owns one Lua 5.4 wasm module and runs one
 * stage at a time for the runtime thread (lua-pool.ts). Host calls block on a
 * SharedArrayBuffer (`Atomics.wait`) until the runtime thread has answered on the reply port,
 * so they are plain synchronous C calls for Lua (they work inside `table.sort` comparators,
 * `gsub` callbacks and `__tostring`). The runtime thread ends a stage that ignores a cancel by
 * terminating this worker.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CatalogEntry } from './catalog';
import type { ModuleCatalog } from './catalog';
import { codeCatalog } from './aip/code';
import { csvCatalog } from './aip/csv';
import { flowCatalog } from './aip/flow';
import { hashCatalog } from './aip/hash';
import { hbsCatalog } from './aip/hbs';
import { htmlCatalog } from './aip/html';
import { jsonCatalog } from './aip/json';
import { luaCatalog } from './aip/lua';
import { mdCatalog } from './aip/md';
import { rustCatalog } from './aip/rust';
import { semverCatalog } from './aip/semver';
import { shapeCatalog } from './aip/shape';
import { tagCatalog } from './aip/tag';
import { textCatalog } from './aip/text';
import { tomlCatalog } from './aip/toml';
import { uuidCatalog } from './aip/uuid';
import { yamlCatalog } from './aip/yaml';
import { StageRunner, WORKER_MODULES, type StageRequest } from './lua-stage';
import type { Settled } from './lua-state';
import { decodeFromThread, encodeForThread } from './lua-values';
import { loadLuaApi, type WasmModule } from './lua-wasm';
import { errorMessage } from '../errors';

/** Control words shared with the runtime thread. */
export const CTL_REPLY = 0;
export const CTL_CANCEL = 1;

interface WorkerInit {
  wasm?: WasmModule;
  ctl: SharedArrayBuffer;
  replyPort: MessagePort;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const init = workerData as WorkerInit;
  const ctl = new Int32Array(init.ctl);
  const api = await loadLuaApi(init.wasm);
  const local = new Map<string, CatalogEntry>();
  // Only the pure modules (WORKER_MODULES) are loaded here: the worker starts lighter.
  const pure: ModuleCatalog[] = [textCatalog, mdCatalog, jsonCatalog, tomlCatalog, yamlCatalog, codeCatalog, rustCatalog, tagCatalog, csvCatalog, shapeCatalog, hashCatalog, uuidCatalog, semverCatalog, luaCatalog, hbsCatalog, htmlCatalog, flowCatalog];
  for (const cat of pure) {
    if (!WORKER_MODULES.has(cat.module)) continue;
    for (const e of cat.entries) local.set(`${cat.module}.${e.name}`, e);
  }
  const runner = new StageRunner(api, local, {
    hostCall(id, fn, args): Settled {
      Atomics.store(ctl, CTL_REPLY, 0);
      port.postMessage({ type: 'call', id, fn, args: encodeForThread(args) });
      for (;;) {
        Atomics.wait(ctl, CTL_REPLY, 0, 1000);
        const m = receiveMessageOnPort(init.replyPort);
        if (m) return decodeFromThread(m.message) as Settled;
      }
    },
    print(id, text) {
      port.postMessage({ type: 'print', id, text });
    },
    cancelRequested: () => Atomics.load(ctl, CTL_CANCEL) !== 0,
  });
  port.on('message', (msg: { type: 'run'; req: StageRequest }) => {
    if (msg.type !== 'run') return;
    const req = msg.req;
    req.vars = decodeFromThread(req.vars) as Record<string, unknown>;
    req.ctx = decodeFromThread(req.ctx);
    let outcome;
    let recycle = false;
    try {
      outcome = runner.run(req);
      if (outcome.ok) outcome = { ok: true as const, value: encodeForThread(outcome.value) };
    } catch (e) {
      // A JS exception crossed the wasm stack: the Lua module may be inconsistent, so this
      // worker is replaced after answering.
      outcome = { ok: false as const, kind: 'error' as const, message: `script worker: ${errorMessage(e)}` };
      recycle = true;
    }
    port.postMessage({ type: 'done', id: req.id, outcome, heapBytes: api.M.HEAPU8.length, recycle });
    if (recycle) return;
    // Build the next stage's state while the runtime thread works.
    setImmediate(() => {
      try {
        runner.prebuild();
      } catch {
        // Built again (visibly) on the next stage.
      }
    });
  });
  runner.prebuild();
  port.postMessage({ type: 'ready' });
}

main().catch((e) => {
  parentPort?.postMessage({ type: 'fatal', message: errorMessage(e) });
});
