// The language server's compile check uses the engine's compiler: 5.4 syntax passes, errors carry the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLuaSyntaxChecker } from '../../../src/runtime/script/lua-syntax';

test('compile-only check with the Lua 5.4 compiler: attributes pass, errors have their line and message', async () => {
  const check = await loadLuaSyntaxChecker();
  assert.equal(check('local a <const> = 1\nlocal f <close> = nil\nreturn a // 2'), undefined);
  assert.deepEqual(check('local x = 1\nlocal y = = 2\n'), { line: 2, message: "unexpected symbol near '='" });
  assert.deepEqual(check('local a <const> = 1\na = 2'), { line: 2, message: "attempt to assign to const variable 'a'" });
  // Nothing runs: an infinite loop compiles and returns at once.
  assert.equal(check('while true do end'), undefined);
});
