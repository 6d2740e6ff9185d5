/**
 * The Runs tree's nodes: stable objects keyed by folder + kind + id (VS Code keys tree
 * elements by identity), and the view a provider renders for each.
 */
import type { Run } from '../../runtime/model/run';
import type { Task } from '../../runtime/model/task';
import type { Id } from '../../runtime/model/types';
import type { Runtime } from '../../runtime/runtime';
import type { NodeView } from './node-view';
import type { FailureNode } from './start-failures';

export interface RunsSource {
  /** Stable identity of the folder (its URI). */
  key: string;
  /** Shown as the folder row label. */
  name: string;
  runtime: Runtime;
}

export interface FolderNode {
  kind: 'folder';
  key: string;
  source: RunsSource;
}
export interface RunNode {
  kind: 'run';
  key: string;
  source: RunsSource;
  runId: Id;
}
export interface TaskNode {
  kind: 'task';
  key: string;
  source: RunsSource;
  runId: Id;
  taskId: Id;
  /** Rows read with the parent's children, reused by `view` in the same refresh. */
  snapshot?: { task: Task; runModel: string | null; alias?: string; pinCount: number };
}
export type RunsNode = FolderNode | RunNode | TaskNode | FailureNode;
export type { FailureNode };

export type Collapsible = 'none' | 'collapsed' | 'expanded';
export interface RunsNodeView extends NodeView {
  collapsible: Collapsible;
}

/** `undefined`: everything changed. */
export type RunsChangeListener = (nodes: RunsNode[] | undefined) => void;

export function runKey(s: RunsSource, runId: Id): string {
  return `${s.key}|run|${runId}`;
}

export function taskKey(s: RunsSource, taskId: Id): string {
  return `${s.key}|task|${taskId}`;
}

export type { Run, Task };
