/**
 * A sandbox for pipeline tests: a temp HOME with an initialised base dir, a temp
 * workspace, a mock OpenAI server, and a Runtime with the AgentPipeline wired to it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirContext } from '../../src/runtime/dir-context/dir-context';
import { initBase } from '../../src/runtime/init/init-base';
import { initWorkspace } from '../../src/runtime/init/init-workspace';
import { RunBmc } from '../../src/runtime/model/run';
import { TaskBmc } from '../../src/runtime/model/task';
import { LogBmc } from '../../src/runtime/model/log';
import type { Id } from '../../src/runtime/model/types';
import { AgentPipeline, type AgentPipelineOptions, type PipelineRunOptions } from '../../src/runtime/run/pipeline';
import { Runtime, type RunResult } from '../../src/runtime/runtime';
import { memHost, mockProviderSecrets, type MemHost } from './mem-host';
import { startMockOpenAI, type MockOpenAI } from './mock-openai';

export interface Sandbox {
  home: string;
  wks: string;
  mock: MockOpenAI;
  host: MemHost;
  rt: Runtime;
  /** Write a file under the workspace (dirs created); returns its absolute path. */
  write(rel: string, content: string): string;
  read(rel: string): string;
  /** Run an agent to its end. */
  run(agent: string, inputs?: unknown[], opts?: PipelineRunOptions): Promise<RunResult>;
  run_(runId: Id): ReturnType<typeof RunBmc.get>;
  tasks(runId: Id): ReturnType<typeof TaskBmc.listForRun>;
  /** Messages of the log rows of a run with the given kind. */
  logs(runId: Id, kind?: string): string[];
  /** Console lines published on the hub (Message events) since creation. */
  messages: string[];
  close(): Promise<void>;
}

export async function sandbox(opts: { pipeline?: AgentPipelineOptions; secrets?: Record<string, string> } = {}): Promise<Sandbox> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aip-run-')));
  const home = path.join(root, 'home');
  const wks = path.join(root, 'wks');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(wks, { recursive: true });
  const baseDir = path.join(home, '.aipack-base');
  await initBase(baseDir);
  await initWorkspace(wks);
  const mock = await startMockOpenAI();
  const host = memHost({ ...mockProviderSecrets(mock.baseUrl), ...(opts.secrets ?? {}) });
  const dirContext = DirContext.fromOptions({ cwd: wks, homeDir: home, baseDir, workspaceDiscovery: 'cwd' });
  const rt = await Runtime.create({
    host,
    dirContext,
    pipeline: new AgentPipeline({ stream: false, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...(opts.pipeline ?? {}) }),
    hub: { onListenerError: () => {} },
  });
  const messages: string[] = [];
  rt.hub.subscribe((e) => {
    if (e.type === 'Message') messages.push(e.text);
  });
  return {
    home,
    wks,
    mock,
    host,
    rt,
    messages,
    write(rel, content) {
      const abs = path.join(wks, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
      return abs;
    },
    read(rel) {
      return fs.readFileSync(path.join(wks, rel), 'utf8');
    },
    async run(agent, inputs, runOpts) {
      const handle = await rt.runAgent(agent, inputs, { options: runOpts as Record<string, unknown> | undefined });
      return handle.done;
    },
    run_: (runId) => RunBmc.get(rt.mm, runId),
    tasks: (runId) => TaskBmc.listForRun(rt.mm, runId),
    logs(runId, kind) {
      return LogBmc.list(rt.mm)
        .filter((l) => l.run_id === runId && (kind === undefined || l.kind === kind))
        .map((l) => l.message ?? '');
    },
    async close() {
      rt.dispose();
      await mock.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
