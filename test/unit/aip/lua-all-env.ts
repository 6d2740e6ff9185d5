/**
 * Lua runner with every static `aip.*` module registered against a test workspace
 * (file-env.ts): the helper of the `lua-<module>` tests.
 */
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { STATIC_CATALOGS } from '../../../src/runtime/script/aip/index';
import type { Host } from '../../../src/runtime/host';
import type { TestWorkspace } from './file-env';

/** Run `code` with all static catalogs; `ws` gives the ScriptEnv and the Host (else pure functions only). */
export function luaAll(code: string, ws?: TestWorkspace, opts: { host?: Host; signal?: AbortSignal } = {}): Promise<unknown> {
  const call: { host?: Host; env?: TestWorkspace['env']; signal?: AbortSignal } = {};
  if (ws) {
    call.host = ws.host;
    call.env = ws.env;
  }
  if (opts.host) call.host = opts.host;
  if (opts.signal) call.signal = opts.signal;
  return evalLua(code, { catalogs: [...STATIC_CATALOGS], call: call as never });
}

/** The message of the Lua error `code` raises (fails when it does not raise). */
export async function luaErr(code: string, ws?: TestWorkspace): Promise<string> {
  try {
    await luaAll(code, ws);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected a Lua error from: ${code}`);
}

/** `pcall` the code and return the error text with the chunk position stripped. */
export async function pcallErr(expr: string, ws?: TestWorkspace): Promise<string> {
  const r = (await luaAll(`local ok, err = pcall(function() return ${expr} end) return { ok, tostring(err) }`, ws)) as [boolean, string];
  if (r[0]) throw new Error(`expected an error from: ${expr}`);
  return r[1].replace(/^eval\.lua:\d+: /, '');
}
