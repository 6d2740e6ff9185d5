/**
 * Records the notifications the extension shows. The extension under development
 * and these tests (compiled inside its folder) share one `vscode` API object, so
 * wrapping `window.show*Message` here sees the extension's calls. The wrappers
 * answer `undefined` (as if dismissed) unless `answer` picks a button.
 */
import * as vscode from 'vscode';

export interface Shown {
  level: 'error' | 'warning' | 'info';
  text: string;
  buttons: string[];
}

type ShowFn = (message: string, ...rest: unknown[]) => Thenable<unknown>;

export function captureMessages(answer: (m: Shown) => string | undefined = () => undefined) {
  const shown: Shown[] = [];
  const win = vscode.window as unknown as Record<string, ShowFn>;
  const originals = {
    showErrorMessage: win.showErrorMessage,
    showWarningMessage: win.showWarningMessage,
    showInformationMessage: win.showInformationMessage,
  };
  const wrap = (level: Shown['level']): ShowFn => async (text, ...rest) => {
    const buttons = rest
      .filter((x) => typeof x === 'string' || (typeof x === 'object' && x !== null && 'title' in x))
      .map((x) => (typeof x === 'string' ? x : (x as { title: string }).title));
    const m = { level, text, buttons };
    shown.push(m);
    return answer(m);
  };
  win.showErrorMessage = wrap('error');
  win.showWarningMessage = wrap('warning');
  win.showInformationMessage = wrap('info');
  return {
    shown,
    restore() {
      Object.assign(win, originals);
    },
  };
}
