// Shared fixtures for the runtime-core tests: a recording model manager, a
// test host, a minimal Agent and a Runtime with a scripted pipeline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Agent } from '../../../src/runtime/agent/types';
import { DirContext } from '../../../src/runtime/dir-context/dir-context';
import type { Host } from '../../../src/runtime/host';
import { Hub, type HubEvent } from '../../../src/runtime/hub';
import { ModelManager } from '../../../src/runtime/model/model-manager';
import type { ModelEvent } from '../../../src/runtime/model/types';
import { RtLog } from '../../../src/runtime/rt-log';
import { RtModel } from '../../../src/runtime/rt-model';
import { RtStep } from '../../../src/runtime/rt-step';
import { Runtime, type RunPipeline, type RuntimeOptions } from '../../../src/runtime/runtime';
import { tempDir } from '../../support/temp-dir';

/** A clock that advances 10 µs per reading, so every timestamp differs and is predictable in order. */
export function steppingClock(start = 1_700_000_000_000_000): () => number {
  let t = start;
  return () => (t += 10);
}

export async function makeMm(events: ModelEvent[] = []): Promise<ModelManager> {
  return ModelManager.create({ onEvent: (e) => events.push(e), clock: steppingClock() });
}

/** rtStep/rtModel/rtLog over a fresh DB, with every hub event recorded. */
export async function makeRt(workspaceDir?: string) {
  const hubEvents: HubEvent[] = [];
  const listenerErrors: unknown[] = [];
  const hub = new Hub({ onListenerError: (e) => listenerErrors.push(e) });
  hub.subscribe((e) => {
    hubEvents.push(e);
  });
  const mm = await ModelManager.create({ clock: steppingClock() });
  mm.setEventSink((event) => hub.publish({ type: 'Model', event }));
  const rtLog = new RtLog(mm, hub);
  const rtStep = new RtStep(mm, hub, rtLog);
  const rtModel = new RtModel(mm, hub, rtLog, workspaceDir);
  const modelEvents = () => hubEvents.filter((e) => e.type === 'Model').map((e) => (e as { event: ModelEvent }).event);
  return { mm, hub, rtLog, rtStep, rtModel, hubEvents, modelEvents, listenerErrors };
}

export function tmpDir(prefix = 'aip-core-'): string {
  return tempDir(prefix);
}

export function testHost(opened: string[] = []): Host {
  const clock = steppingClock();
  return {
    getSecret: async () => undefined,
    openFile: async (p) => {
      opened.push(p);
      return 'test-editor';
    },
    trash: async () => {},
    nowMicros: clock,
  };
}

export function fakeAgent(name: string, filePath: string, hasTaskStages = true): Agent {
  return {
    name,
    agentRef: { kind: 'LocalPath', path: filePath },
    fileName: path.basename(filePath),
    filePath,
    fileDir: path.dirname(filePath),
    options: {},
    model: 'test-model',
    modelResolved: 'test-model',
    promptParts: [],
    hasPromptParts: false,
    hasTaskStages,
    requireRoots: [path.dirname(filePath)],
    doc: { promptParts: [], sections: [] },
  };
}

export async function makeRuntime(pipeline: RunPipeline, extra: Partial<RuntimeOptions> = {}) {
  const root = tmpDir();
  const dirContext = DirContext.fromOptions({ cwd: root, homeDir: root, baseDir: path.join(root, '.aipack-base'), workspaceDir: root });
  const opened: string[] = [];
  const listenerErrors: unknown[] = [];
  const rt = await Runtime.create({
    host: testHost(opened),
    dirContext,
    pipeline,
    redoDelayMs: 5,
    hub: { onListenerError: (e) => listenerErrors.push(e) },
    ...extra,
  });
  const events: HubEvent[] = [];
  rt.hub.subscribe((e) => {
    events.push(e);
  });
  return { rt, root, events, opened, listenerErrors };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolve when `cond()` is true (polling), or fail after `ms`. */
export async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('waitFor: timed out');
    await sleep(2);
  }
}
