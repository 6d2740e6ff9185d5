/**
 * The LuaCATS definitions: generated from the catalog, valid Lua, one
 * annotated function per catalog entry, and the shipped copy up to date.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_CATALOGS } from '../../../src/runtime/script/aip/index';
import { parseLua } from '../../../src/server/lua-ast';
import { catsType, generateLuaCats } from '../../../src/server/luacats';

const text = generateLuaCats();

test('the definitions are Lua and declare every catalog function', () => {
  assert.equal(parseLua(text).error, undefined);
  for (const cat of ALL_CATALOGS) {
    assert.ok(text.includes(`---@class aip.${cat.module}\n`), cat.module);
    for (const e of cat.entries) assert.match(text, new RegExp(`\\nfunction aip\\.${cat.module}\\.${e.name}\\(`), `${cat.module}.${e.name}`);
  }
  assert.match(text, /---@param path string\n---@param opts\? table\n---@return FileRecord\nfunction aip\.file\.load\(path, opts\) end/);
  assert.match(text, /---@return string parent\n---@return string filename\nfunction aip\.path\.split\(path\) end/);
  assert.match(text, /---@field TASK_UID string/);
});

test('catalog types become LuaCATS types', () => {
  assert.deepEqual(
    ['string|nil', '{base_dir?}', 'FileInfo[]', '[start, end][]', 'base64 string', 'SaveOptions', 'integer|nil', ''].map(catsType),
    ['string|nil', 'table', 'FileInfo[]', 'table[]', 'string', 'table', 'integer|nil', 'any'],
  );
});

test('the shipped media/luacats/aip.lua is the generator output (run scripts/gen-luacats.ts after a catalog change)', () => {
  const shipped = fs.readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'media', 'luacats', 'aip.lua'), 'utf8');
  assert.equal(shipped, text);
});
