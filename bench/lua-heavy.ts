// heavy_agent_ms: a pack-shaped agent of our own, non-AI time per run. Before All requires five
// modules (~1,500 lines in all), Data builds a ~100 KB prompt from 20 source files, Output
// parses a multi-file change reply and applies ten patches. Stages only (no AI, no DB), so the
// same file measures any engine behind runStageScript.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runStageScript } from '../src/runtime/script/lua-engine';
import { median, timeRuns } from './harness';

const host = { getSecret: async () => undefined, openFile: async () => undefined, trash: async () => undefined, nowMicros: () => 0 };

/** One module of ~300 lines: small string and table helpers, as pack libraries are. */
function moduleSource(m: number): string {
  const lines: string[] = [`local M = {}`, ''];
  for (let f = 0; lines.length < 295; f++) {
    lines.push(
      `function M.f${f}(s, n)`,
      `  local out = {}`,
      `  for w in tostring(s):gmatch("%S+") do`,
      `    if #w > (n or ${f % 5}) then out[#out + 1] = w:lower() .. "_${m}" end`,
      `  end`,
      `  return table.concat(out, " ")`,
      `end`,
      '',
    );
  }
  lines.push(`function M.escape(s) return (s:gsub("[%%\`]", "\\\\%0")) end`, `return M`);
  return lines.join('\n');
}

function sourceFile(i: number): string {
  const parts: string[] = [];
  for (let l = 0; parts.join('\n').length < 5000; l++) parts.push(`fn item_${i}_${l}(x: u32) -> u32 { x + ${l} } // marker_${i}_${l}`);
  return parts.join('\n');
}

const BEFORE_ALL = `
local mods = {}
for i = 1, 5 do mods[i] = require("heavy_mod_" .. i) end
local n = 0
for i = 1, 5 do n = n + #mods[i].f1("alpha beta gamma delta", 2) end
return { modules = 5, n = n }`;

const DATA = `
local m1 = require("heavy_mod_1")
local parts = {}
for i, f in ipairs(input.files) do
  parts[#parts + 1] = "## " .. f.path .. "\\n\\n\`\`\`rust\\n" .. m1.escape(f.content) .. "\\n\`\`\`\\n"
end
local prompt = table.concat(parts, "\\n")
return { prompt = prompt, size = #prompt }`;

const OUTPUT = `
local files = {}
for _, f in ipairs(input.files) do files[f.path] = f.content end
local changed = 0
for path, body in ai_response:gmatch("FILE: ([^\\n]+)\\n\`\`\`%w*\\n(.-)\\n\`\`\`") do
  local search, replace = body:match("<<<<<<< SEARCH\\n(.-)\\n=======\\n(.-)\\n>>>>>>> REPLACE")
  local content = files[path]
  if content and search then
    local s, e = content:find(search, 1, true)
    if s then
      files[path] = content:sub(1, s - 1) .. replace .. content:sub(e + 1)
      changed = changed + 1
    end
  end
end
return { changed = changed }`;

export async function heavyAgentMs(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-heavy-'));
  try {
    fs.mkdirSync(path.join(dir, 'lua'));
    for (let m = 1; m <= 5; m++) fs.writeFileSync(path.join(dir, 'lua', `heavy_mod_${m}.lua`), moduleSource(m));
    const files = Array.from({ length: 20 }, (_, i) => ({ path: `src/file_${i}.rs`, content: sourceFile(i) }));
    const reply = files
      .slice(0, 10)
      .map((f, i) => `FILE: ${f.path}\n\`\`\`diff\n<<<<<<< SEARCH\nfn item_${i}_3(x: u32) -> u32 { x + 3 } // marker_${i}_3\n=======\nfn item_${i}_3(x: u64) -> u64 { x + 3 }\n>>>>>>> REPLACE\n\`\`\``)
      .join('\n\n');
    const base = { chunkName: 'heavy.aip', catalogs: [], requireRoots: [dir], onPrint: () => {} };
    const one = async () => {
      const call = { host, signal: new AbortController().signal };
      await runStageScript({ ...base, call, stage: 'BeforeAll', script: { code: BEFORE_ALL, lineMap: [] }, globals: { inputs: [] } });
      const data = (await runStageScript({ ...base, call, stage: 'Data', script: { code: DATA, lineMap: [] }, globals: { input: { files } } })) as { size: number };
      if (data.size < 90_000) throw new Error(`heavy agent prompt too small: ${data.size}`);
      const out = (await runStageScript({ ...base, call, stage: 'Output', script: { code: OUTPUT, lineMap: [] }, globals: { input: { files }, ai_response: reply } })) as { changed: number };
      if (out.changed !== 10) throw new Error(`heavy agent applied ${out.changed} patches, expected 10`);
    };
    await one();
    return median(await timeRuns(7, one, 1));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
