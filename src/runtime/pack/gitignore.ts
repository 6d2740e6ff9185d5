/**
 * `aip create-gitignore [--force]` (§11.1): a starting `.gitignore` for a project that uses
 * AIPack. Written for this port: it keeps AIPack's working files and archives out of git
 * and lists the lines to uncomment to share the workspace config and custom packs.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export const GITIGNORE_TEMPLATE = `# --- AIPack
# Pack archives made by 'aip pack' or downloaded by hand.
*.aipack
# The workspace folder: sessions, temp files, support data of packs.
.aipack/**
# To share the workspace config and your own packs with the team, uncomment:
# !.aipack/
# !.aipack/config.toml
# !.aipack/pack/
# !.aipack/pack/custom/
# !.aipack/pack/custom/**

# --- Editors and systems
.DS_Store
Thumbs.db
*.swp
.idea/
# .vscode/

# --- Build output and dependencies
dist/
out/
build/
target/
node_modules/
__pycache__/
*.py[cod]

# --- Logs and local secrets
*.log
.env
.env.*
`;

export type GitignoreOutcome = 'created' | 'overwritten' | 'kept';

export async function createGitignore(dir: string, opts: { force?: boolean } = {}): Promise<{ outcome: GitignoreOutcome; file: string }> {
  const file = path.join(dir, '.gitignore');
  const existed = (await fs.stat(file).catch(() => undefined)) !== undefined;
  if (existed && opts.force !== true) return { outcome: 'kept', file };
  await fs.writeFile(file, GITIGNORE_TEMPLATE);
  return { outcome: existed ? 'overwritten' : 'created', file };
}
