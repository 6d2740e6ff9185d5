// Small fake catalogs and a runner for the Lua engine tests.
import type { ModuleCatalog } from '../../../src/runtime/script/catalog';
import { argString, luaFloat } from '../../../src/runtime/script/catalog';
import { luaCatalog } from '../../../src/runtime/script/aip/lua';
import { evalLua, type EvalLuaOptions } from '../../../src/runtime/script/lua-engine';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Records every call so tests can check what crossed the boundary. */
export const calls: unknown[][] = [];

export const testCatalog: ModuleCatalog = {
  module: 'test',
  doc: 'fake module for engine tests',
  constants: { VERSION: '1.2', LIMIT: 3 },
  entries: [
    { name: 'echo', signature: 'aip.test.echo(v)', doc: '', impl: (_c, v) => v },
    { name: 'args', signature: 'aip.test.args(...)', doc: '', impl: (_c, ...a) => { calls.push(a); return a.length; } },
    { name: 'add', signature: 'aip.test.add(a, b)', doc: '', impl: (_c, a, b) => (a as number) + (b as number) },
    { name: 'float', signature: 'aip.test.float(n)', doc: '', impl: (_c, n) => luaFloat(n as number) },
    { name: 'later', signature: 'aip.test.later(v, ms?)', doc: '', impl: async (_c, v, ms) => { await sleep((ms as number) ?? 2); return v; } },
    { name: 'reject', signature: 'aip.test.reject(msg)', doc: '', impl: async (_c, m) => { await sleep(1); throw new Error(String(m)); } },
    { name: 'throw', signature: 'aip.test.throw(msg)', doc: '', impl: (_c, m) => { throw new Error(String(m)); } },
    { name: 'load', signature: 'aip.test.load(path: string)', doc: '', impl: (c, p) => `loaded ${argString(c, p, 'path')}` },
    { name: 'pair', signature: 'aip.test.pair() -> a, b', doc: '', multi: true, impl: () => ['a', 2] },
    { name: 'name', signature: 'aip.test.name()', doc: '', impl: (c) => c.fnName },
    { name: 'cyclic', signature: 'aip.test.cyclic()', doc: '', impl: () => { const o: Record<string, unknown> = {}; o.self = o; return o; } },
  ],
};

export function run(code: string, opts: EvalLuaOptions = {}): Promise<unknown> {
  return evalLua(code, { catalogs: [luaCatalog, testCatalog], ...opts });
}

/** Run and return the thrown error (fails the test when nothing is thrown). */
export async function runErr(code: string, opts: EvalLuaOptions = {}): Promise<Error & Record<string, unknown>> {
  try {
    await run(code, opts);
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error(`expected an error from: ${code}`);
}
