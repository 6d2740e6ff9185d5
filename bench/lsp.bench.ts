// Language-server latency. On a 2,000-line agent: full diagnostics as on opening the file (parse and model
// caches cleared each time), completion after `aip.file.` and of locals as on a keystroke (the edited text is
// analysed again before completing). On a 5,000-line agent: one Lua line edited, then every diagnostic
// computed again (what the server does after its 150 ms debounce), p90 over the edits.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeAip } from '../src/server/aip-doc';
import { agentEnvFor } from '../src/server/agent-env';
import { complete } from '../src/server/completion';
import { computeDiagnostics } from '../src/server/diagnostics';
import { clearLuaAstCache } from '../src/server/lua-ast';
import { clearLuaModelCache } from '../src/server/lua-model';
import { clearLuaScanCache } from '../src/server/lua-scan';
import { clearLuaRulesCache } from '../src/server/lua-rules';
import { type Figure, median, timeRuns } from './harness';
import { generateAgent } from './parser.bench';

/** Debounce between the last keystroke and the diagnostics run (server default). */
const DEBOUNCE_MS = 150;

function p90(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)];
}

/**
 * The generated agent repeats each stage heading, so each stage is one long block; its `return` in the
 * middle would make the block invalid Lua and leave most checks idle. A local instead keeps it valid.
 */
function parsable(text: string): string {
  return text.replaceAll('return { ok = true }', 'local ok = { ok = true }');
}

export async function run(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-bench-'));
  try {
    fs.mkdirSync(path.join(dir, 'lua'));
    fs.writeFileSync(path.join(dir, 'lua', 'helper.lua'), 'local M = {}\nfunction M.go(x) return x end\nreturn M\n');
    const base = parsable(generateAgent(2000));
    // A require, a sub-agent call and a misspelt function: the disk-backed checks are part of the figure, and the
    // block stays valid Lua once the generated Data blocks are appended to it.
    const text = base.replace('# Data\n', '# Data\n```lua\nlocal h = require("helper")\nlocal r = aip.agent.run("sub")\nlocal bad = aip.file.laod("x")\n```\n');
    fs.writeFileSync(path.join(dir, 'sub.aip'), '# Data\n');
    const env = agentEnvFor(path.join(dir, 'bench.aip'), { baseDir: path.join(dir, 'base'), homeDir: dir });

    const diagTimes = await timeRuns(30, async () => {
      clearLuaAstCache();
      clearLuaModelCache();
      clearLuaScanCache();
      clearLuaRulesCache();
      const ds = await computeDiagnostics(text, env);
      if (ds.length === 0) throw new Error('expected diagnostics in the bench agent');
    });

    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('local v_0 = '));
    lines[at] = 'local f = aip.file.';
    const edited = lines.join('\n');
    const pos = { line: at, character: lines[at].length };
    const complTimes = await timeRuns(100, () => {
      const items = complete(analyzeAip(edited), pos);
      if (!items.some((i) => i.label === 'load')) throw new Error('aip.file.load not offered');
    });
    // A local being typed on a fresh line: the block does not parse, so the server re-reads it without that line.
    lines[at] = text.split('\n')[at];
    const at2 = lines.findIndex((l) => l.startsWith('local v_24 = '));
    lines[at2] = '  v_';
    const typing = lines.join('\n');
    const localTimes = await timeRuns(100, () => {
      const items = complete(analyzeAip(typing), { line: at2, character: 4 });
      if (!items.some((i) => i.label === 'v_1')) throw new Error('local v_1 not offered');
    });

    const big = parsable(generateAgent(5000)).split('\n');
    const editable = big.map((l, i) => (l.startsWith('local v_3 = ') ? i : -1)).filter((i) => i >= 0);
    let n = 0;
    const editTimes = await timeRuns(40, async () => {
      const copy = [...big];
      copy[editable[n % editable.length]] = `local v_3 = aip.text.trim("edit ${n++}")`;
      await computeDiagnostics(copy.join('\n'), env);
    });

    return [
      { name: 'lsp_diagnostics_ms', value: median(diagTimes), unit: 'ms', target: '< 50' },
      { name: 'lsp_completion_ms', value: median(complTimes), unit: 'ms', target: '< 10' },
      { name: 'lsp_local_completion_ms', value: median(localTimes), unit: 'ms', target: '< 10' },
      { name: 'lsp_edit_5000_lines_p90_ms', value: p90(editTimes) + DEBOUNCE_MS, unit: 'ms', target: '< 300 (incl. 150 ms debounce)' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
