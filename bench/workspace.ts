/**
 * The sandbox of the end-to-end bench and of bench/profile-run.ts: a temp HOME with its
 * base dir, a workspace, the bench agent (Data + one Instruction + Output, issue 10), and a
 * Host whose secrets point OpenAI at the mock (changed between runs by editing `secrets`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirContext } from '../src/runtime/dir-context/dir-context';
import type { Host } from '../src/runtime/host';
import { initBase } from '../src/runtime/init/init-base';
import { initWorkspace } from '../src/runtime/init/init-workspace';
import { AgentPipeline } from '../src/runtime/run/pipeline';
import { Runtime } from '../src/runtime/runtime';

export interface BenchWorkspace {
  root: string;
  wks: string;
  home: string;
  /** Read by the Host on every AI call. */
  secrets: Record<string, string>;
  host: Host;
  /** Writes the bench agent with this `input_concurrency`; returns its file name in the workspace. */
  writeAgent(concurrency: number): string;
  /** A fresh Runtime on this workspace (streaming pipeline). */
  runtime(): Promise<Runtime>;
  /** Removes the temp dirs. */
  remove(): void;
}

const AGENT = [
  '# Options',
  '```toml',
  'model = "gpt-4o-mini"',
  'input_concurrency = {{C}}',
  '```',
  '# Data',
  '```lua',
  'return { n = input }',
  '```',
  '# Instruction',
  'Say {{data.n}}',
  '# Output',
  '```lua',
  'return ai_response.content',
  '```',
  '',
].join('\n');

export async function benchWorkspace(baseUrl: string): Promise<BenchWorkspace> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bench-'));
  const home = path.join(root, 'home');
  const wks = path.join(root, 'wks');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(wks, { recursive: true });
  await initBase(path.join(home, '.aipack-base'));
  await initWorkspace(wks);
  const secrets: Record<string, string> = { OPENAI_API_KEY: 'bench', AIPACK_OPENAI_BASE_URL: baseUrl };
  const host: Host = {
    getSecret: async (n) => secrets[n],
    openFile: async () => undefined,
    trash: async () => {},
    nowMicros: () => Math.floor((performance.timeOrigin + performance.now()) * 1000),
  };
  return {
    root,
    wks,
    home,
    secrets,
    host,
    writeAgent(concurrency) {
      const name = `bench-${concurrency}.aip`;
      fs.writeFileSync(path.join(wks, name), AGENT.replace('{{C}}', String(concurrency)));
      return name;
    },
    runtime() {
      const dirContext = DirContext.fromOptions({ cwd: wks, homeDir: home, baseDir: path.join(home, '.aipack-base'), workspaceDiscovery: 'cwd' });
      return Runtime.create({ host, dirContext, pipeline: new AgentPipeline({ stream: true }), hub: { onListenerError: () => {} } });
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
