// Language-server latency on a 2,000-line agent: full diagnostics as on opening
// the file (Lua compile cache cleared each time) and completion after `aip.file.`
// as on a keystroke (the edited text is analysed again before completing).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeAip } from '../src/server/aip-doc';
import { agentEnvFor } from '../src/server/agent-env';
import { complete } from '../src/server/completion';
import { computeDiagnostics } from '../src/server/diagnostics';
import { clearLuaAstCache } from '../src/server/lua-ast';
import { type Figure, median, timeRuns } from './harness';
import { generateAgent } from './parser.bench';

export async function run(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-bench-'));
  try {
    fs.mkdirSync(path.join(dir, 'lua'));
    fs.writeFileSync(path.join(dir, 'lua', 'helper.lua'), 'return {}');
    const base = generateAgent(2000);
    // A require and a sub-agent call so the disk-backed checks are part of the figure.
    const text = base.replace('# Data\n', '# Data\n```lua\nlocal h = require("helper")\nlocal r = aip.agent.run("sub")\nreturn aip.file.laod("x")\n```\n');
    fs.writeFileSync(path.join(dir, 'sub.aip'), '# Data\n');
    const env = agentEnvFor(path.join(dir, 'bench.aip'), { baseDir: path.join(dir, 'base'), homeDir: dir });

    const diagTimes = await timeRuns(30, async () => {
      clearLuaAstCache();
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

    return [
      { name: 'lsp_diagnostics_ms', value: median(diagTimes), unit: 'ms', target: '< 50' },
      { name: 'lsp_completion_ms', value: median(complTimes), unit: 'ms', target: '< 10' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
