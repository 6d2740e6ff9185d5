/**
 * Shared setup of the `aip.<module>` unit tests: calling catalog impls directly,
 * running a snippet through Lua with chosen catalogs, and a test workspace scope.
 */
import assert from 'node:assert/strict';
import type { Host } from '../../../src/runtime/host';
import type { CallContext, ModuleCatalog } from '../../../src/runtime/script/catalog';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { memHost } from '../../support/mem-host';
import { makeWorkspace, type TestWorkspace } from './file-env';

export type CatalogFns = Record<string, (...args: unknown[]) => unknown>;

/**
 * Every entry of `cat` as a plain function, each with its own CallContext named
 * `aip.<module>.<name>`; `host` makes that context's Host (a fresh memHost by default).
 */
export function catalogFns(cat: ModuleCatalog, opts: { host?: () => Host } = {}): CatalogFns {
  const out: CatalogFns = {};
  for (const e of cat.entries) {
    const call: CallContext = { fnName: `aip.${cat.module}.${e.name}`, host: opts.host ? opts.host() : memHost(), signal: new AbortController().signal };
    out[e.name] = (...args) => e.impl(call, ...args);
  }
  return out;
}

export type LuaRun = (code: string) => Promise<unknown>;

/** A runner of Lua snippets with only `catalogs` registered. */
export function luaWith(...catalogs: ModuleCatalog[]): LuaRun {
  return (code) => evalLua(code, { catalogs });
}

/** The message of the Lua error `code` raises (fails the test when it does not raise). */
export async function luaError(lua: LuaRun, code: string): Promise<string> {
  try {
    await lua(code);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('expected a Lua error');
}

/** Run `fn` in a fresh test workspace (file-env.ts), removed afterwards even when `fn` fails. */
export async function withWs(fn: (ws: TestWorkspace) => Promise<void>, opts?: { noWorkspace?: boolean }): Promise<void> {
  const ws = makeWorkspace(opts);
  try {
    await fn(ws);
  } finally {
    ws.cleanup();
  }
}

/** aip.hash.* of "hello world", from the original's tests. */
export const HELLO_WORLD_HASHES: Readonly<Record<string, string>> = {
  sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
  sha256_b58: 'DULfJyE3WQqNxy3ymuhAChyNR3yufT88pmqvAazKFMG4',
  sha256_b64: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
  sha256_b64u: 'uU0nuZNNPgilLlLX2n2r-sSE7-N6U4DukIj3rOLvzek',
  sha512: '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
  sha512_b58: 'yP4cqy7jmaRDzC2bmcGNZkuQb3VdftMk6YH7ynQ2Qw4zktKsyA9fk52xghNQNAdkpF9iFmFkKh2bNVG4kDWhsok',
  sha512_b64: 'MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==',
  sha512_b64u: 'MJ7MSJwS1utMxA9QyQLytNDtd-5RGnx6m808qG1M2G-YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw',
  blake3: 'd74981efa70a0c880b8d8c1985d075dbcbf679b99a5f9914e5aaf96b831a9e24',
  blake3_b58: 'FVPfbg9bK7mj7jnaSRXhuVcVakkXcjMPgSwxmauUofYf',
  blake3_b64: '10mB76cKDIgLjYwZhdB128v2ebmaX5kU5ar5a4ManiQ=',
  blake3_b64u: '10mB76cKDIgLjYwZhdB128v2ebmaX5kU5ar5a4ManiQ',
};
