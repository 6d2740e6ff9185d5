/**
 * Asking for run inputs: any number of text inputs (one box per input, an
 * empty box starts the run), and files by glob or by picking them — mixed
 * with text inputs in one run. The agent's last inputs are offered again.
 */
import * as vscode from 'vscode';
import { type InputSpec, describeSpec, isEmptySpec, parseGlobList } from './inputs';

/** Text inputs, prefilled with the last ones; undefined when the user pressed Escape. */
export async function promptTextInputs(agentName: string, previous: string[], optional = false): Promise<string[] | undefined> {
  const texts: string[] = [];
  for (let i = 0; ; i++) {
    const value = await vscode.window.showInputBox({
      title: `AIPack: ${agentName} — input ${i + 1}`,
      prompt:
        i === 0 && !optional
          ? 'Text input for the agent (one task per input). Leave empty and press Enter to start the run.'
          : `${optional && i === 0 ? 'Optional text input (mixed with the files). ' : ''}Leave empty and press Enter to start the run with ${texts.length} text input${texts.length === 1 ? '' : 's'}.`,
      value: previous[i] ?? '',
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    if (value === '') return texts;
    texts.push(value);
  }
}

type FileChoice = vscode.QuickPickItem & { kind2: 'glob' | 'pick' | 'last' };

/** Globs and/or picked files, then optional text inputs. */
export async function promptFileInputs(
  agentName: string,
  folder: vscode.WorkspaceFolder,
  previous: InputSpec | undefined,
): Promise<InputSpec | undefined> {
  const items: FileChoice[] = [];
  if (previous && (previous.globs.length > 0 || previous.files.length > 0)) {
    items.push({ kind2: 'last', label: '$(history) Same files as last time', detail: describeSpec({ ...previous, texts: [] }) });
  }
  items.push(
    { kind2: 'glob', label: '$(search) Enter a glob…', detail: `Relative to ${folder.name}, e.g. src/**/*.md (several separated by commas)` },
    { kind2: 'pick', label: '$(files) Pick files…', detail: 'Choose one or more files in a dialog' },
  );
  const choice = await vscode.window.showQuickPick(items, { title: `AIPack: ${agentName} — run on files`, ignoreFocusOut: true });
  if (!choice) return undefined;

  let spec: InputSpec = { texts: [], globs: [], files: [] };
  if (choice.kind2 === 'last' && previous) spec = { texts: [], globs: [...previous.globs], files: [...previous.files] };
  if (choice.kind2 === 'glob') {
    const text = await vscode.window.showInputBox({
      title: `AIPack: ${agentName} — files`,
      prompt: `Glob(s) relative to ${folder.uri.fsPath}; a name without * matches anywhere (README.md → **/README.md)`,
      value: previous?.globs.join(', ') ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (parseGlobList(v).length === 0 ? 'Enter at least one glob' : undefined),
    });
    if (text === undefined) return undefined;
    spec.globs = parseGlobList(text);
  }
  if (choice.kind2 === 'pick') {
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFiles: true,
      canSelectFolders: false,
      defaultUri: folder.uri,
      openLabel: 'Run on these files',
    });
    if (!uris || uris.length === 0) return undefined;
    spec.files = uris.map((u) => u.fsPath);
  }
  const texts = await promptTextInputs(agentName, previous?.texts ?? [], true);
  if (texts === undefined) return undefined;
  spec.texts = texts;
  return isEmptySpec(spec) ? undefined : spec;
}
