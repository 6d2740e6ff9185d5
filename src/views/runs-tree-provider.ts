/**
 * The Runs view's TreeDataProvider: renders the model's node views as
 * TreeItems (ThemeIcon + ThemeColor, Markdown tooltip, contextValue for the
 * inline actions) and forwards the model's batched change notices.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../runtime/errors';
import type { RunsNode, RunsTreeModel } from './model/runs-model';

export const RUNS_VIEW_ID = 'aipack.runs';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RunsNode | RunsNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly unsubscribe: () => void;
  /** How many change notices were fired (tests check the batching through it). */
  changeCount = 0;

  constructor(
    readonly model: RunsTreeModel,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    this.unsubscribe = model.onDidChange((nodes) => {
      this.changeCount++;
      this.emitter.fire(nodes);
    });
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    try {
      const v = this.model.view(node);
      const item = new vscode.TreeItem(v.label, COLLAPSIBLE[v.collapsible]);
      item.id = node.key;
      item.description = v.description;
      item.iconPath = new vscode.ThemeIcon(v.icon.id, v.icon.color ? new vscode.ThemeColor(v.icon.color) : undefined);
      item.contextValue = v.contextValue;
      if (node.kind === 'failure') {
        // No run row to detail: open the agent where its error points.
        if (node.file) {
          const line = Math.max(0, (node.line ?? 1) - 1);
          item.command = {
            command: 'vscode.open',
            title: 'Open Agent',
            arguments: [vscode.Uri.file(node.file), { selection: new vscode.Range(line, 0, line, 0) }],
          };
        }
        item.accessibilityInformation = { label: `${v.label}, failed to start, ${v.description}` };
      } else if (node.kind !== 'folder') {
        item.command = { command: 'aipack.runs.openDetail', title: 'Open Detail', arguments: [node] };
        item.accessibilityInformation = { label: `${v.label}, ${v.state}, ${v.description}` };
      }
      return item;
    } catch (err) {
      // A runtime disposed between the refresh and the render: show the row, never throw into the view.
      this.log?.debug(`Runs view: cannot render ${node.key}: ${errorMessage(err)}`);
      const item = new vscode.TreeItem(node.kind === 'folder' ? node.source.name : node.key);
      item.id = node.key;
      item.description = 'unavailable';
      return item;
    }
  }

  /**
   * Tooltips are built on hover only: the extension host parses every MarkdownString it
   * sends (to find its links), and a run of 1,000 tasks re-sends 1,000 items per refresh.
   */
  resolveTreeItem(item: vscode.TreeItem, node: RunsNode): vscode.TreeItem {
    try {
      item.tooltip = new vscode.MarkdownString(this.model.view(node).tooltip, true);
    } catch (err) {
      this.log?.debug(`Runs view: cannot build the tooltip of ${node.key}: ${errorMessage(err)}`);
    }
    return item;
  }

  getChildren(node?: RunsNode): RunsNode[] {
    try {
      return this.model.children(node);
    } catch (err) {
      this.log?.debug(`Runs view: cannot list children of ${node?.key ?? 'root'}: ${errorMessage(err)}`);
      return [];
    }
  }

  getParent(node: RunsNode): RunsNode | undefined {
    try {
      return this.model.parent(node);
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.unsubscribe();
    this.emitter.dispose();
  }
}
