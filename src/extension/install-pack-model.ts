/**
 * Pure parts of **AIPack: Install Pack…** (unit-tested without VS Code): what the user typed,
 * which pack a run's "not found" error names, and the messages shown after an install.
 */
import type { InstallResult } from '../runtime/pack/installer';

/** `ns@name` from the runtime's "No aipack matches for ns@name." error; undefined for other errors. */
export function missingPackRef(message: string | undefined): string | undefined {
  const m = /No aipack matches for ([a-zA-Z_][a-zA-Z0-9_-]*@[a-zA-Z_][a-zA-Z0-9_-]*)\./.exec(message ?? '');
  return m ? m[1] : undefined;
}

/** Validation of the input box: undefined when acceptable. */
export function validateSourceInput(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'A pack (ns@name), a link to a .aipack file, or a git URL (…​.git#sub/dir).';
  if (/\s/.test(v)) return 'No spaces: one pack reference, URL or path.';
  return undefined;
}

export function installedMessage(res: InstallResult): string {
  const ref = `${res.namespace}@${res.name}`;
  if (res.status === 'up-to-date') return `AIPack: ${ref} ${res.version} is already installed (up to date).`;
  const was = res.previousVersion && res.previousVersion !== res.version ? ` (was ${res.previousVersion})` : '';
  return `AIPack: installed ${ref} ${res.version}${was}.`;
}
