/**
 * Top-level runs that could not start (agent missing or not loadable): they have no run
 * row, so the Runs tree keeps them here, from the runtime's `Error` Hub events, and shows
 * them among the runs by time.
 */
import type { HubEvent } from '../../runtime/hub';
import type { RunsNodeView, RunsSource } from './runs-nodes';

export interface FailureNode {
  kind: 'failure';
  key: string;
  source: RunsSource;
  agentRef: string;
  message: string;
  /** The `.aip` and line the error points at, when known. */
  file?: string;
  line?: number;
  /** Epoch µs, to sort with the runs. */
  at: number;
}

/** Start failures kept per folder (the newest). */
const MAX_FAILURES = 20;

/** An `Error` event of a top-level run that never got its row. */
export function isStartFailure(e: HubEvent): e is Extract<HubEvent, { type: 'Error' }> {
  return e.type === 'Error' && e.runId === undefined && e.agentRef !== undefined && e.parentRunId === undefined;
}

export class StartFailures {
  private readonly bySource = new Map<string, FailureNode[]>();
  private seq = 0;

  record(s: RunsSource, e: Extract<HubEvent, { type: 'Error' }>): FailureNode {
    const loc = (e.error as { location?: { file?: string; line?: number } } | undefined)?.location;
    const node: FailureNode = {
      kind: 'failure',
      key: `${s.key}|failure|${++this.seq}`,
      source: s,
      agentRef: e.agentRef ?? 'agent',
      message: e.message,
      file: loc?.file,
      line: loc?.line,
      at: s.runtime.mm.now(),
    };
    this.bySource.set(s.key, [node, ...this.of(s.key)].slice(0, MAX_FAILURES));
    return node;
  }

  /** Newest first. */
  of(sourceKey: string): FailureNode[] {
    return this.bySource.get(sourceKey) ?? [];
  }

  /** Forget them all; returns how many there were. */
  clear(): number {
    let n = 0;
    for (const list of this.bySource.values()) n += list.length;
    this.bySource.clear();
    return n;
  }

  /** `runs` (newest first, with their `ctime`) with this folder's failures placed among them by time. */
  interleave<T>(sourceKey: string, runs: { ctime: number; node: T }[]): (T | FailureNode)[] {
    const failures = this.of(sourceKey);
    const out: (T | FailureNode)[] = [];
    let i = 0;
    for (const r of runs) {
      while (i < failures.length && failures[i].at >= r.ctime) out.push(failures[i++]);
      out.push(r.node);
    }
    while (i < failures.length) out.push(failures[i++]);
    return out;
  }
}

export function failureView(node: FailureNode): RunsNodeView {
  const where = node.file ? `${node.file.split(/[\\/]/).pop()}${node.line !== undefined ? `:${node.line}` : ''}` : '';
  const firstLine = node.message.split('\n')[0];
  // A path shows as its file name (as run rows do); a pack ref as written.
  const label = node.agentRef.endsWith('.aip') ? (node.agentRef.split(/[\\/]/).pop() ?? node.agentRef) : node.agentRef;
  return {
    label,
    description: `failed to start · ${firstLine}`,
    tooltip: `**${node.agentRef}** could not start${where ? ` (${where})` : ''}\n\n\`\`\`\n${node.message}\n\`\`\``,
    icon: { id: 'error', color: 'testing.iconFailed' },
    state: 'failed',
    contextValue: 'failure',
    collapsible: 'none',
  };
}
