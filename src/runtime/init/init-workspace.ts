/**
 * `aip init` for a workspace (§5.9, §11.1): `.aipack/` and its `config.toml`
 * when missing. `pack/custom`, `support` and `.session` appear on demand.
 */
import { existsSync, statSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AIPACK_DIR_NAME, CONFIG_FILE_NAME } from '../dir-context/paths';
import { WORKSPACE_CONFIG_TOML } from './assets/base-configs';
import { exists } from './fs-util';

/** Returns the absolute paths of the files it created; an existing config is never overwritten. */
export async function initWorkspace(dir: string, opts: { log?: (message: string) => void } = {}): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const wksDir = path.resolve(dir);
  let st;
  try {
    st = await fs.stat(wksDir);
  } catch {
    throw new Error(`Cannot initialize workspace: directory '${wksDir}' does not exist`);
  }
  if (!st.isDirectory()) throw new Error(`Cannot initialize workspace: '${wksDir}' is not a directory`);

  const aipackDir = path.join(wksDir, AIPACK_DIR_NAME);
  // The common case on every run: already initialized (synchronous stats, no thread-pool trips).
  if (existsSync(path.join(aipackDir, CONFIG_FILE_NAME)) && statSync(aipackDir).isDirectory()) return [];
  if (!(await exists(aipackDir))) log(`=== Initializing .aipack/ in '${wksDir}'`);
  await fs.mkdir(aipackDir, { recursive: true });

  const created: string[] = [];
  const configPath = path.join(aipackDir, CONFIG_FILE_NAME);
  if (!(await exists(configPath))) {
    // 'wx' so a config created concurrently (another window, the CLI) is not clobbered.
    try {
      await fs.writeFile(configPath, WORKSPACE_CONFIG_TOML, { flag: 'wx' });
      created.push(configPath);
      log(`-> Create config file '${path.join(AIPACK_DIR_NAME, CONFIG_FILE_NAME)}'`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return created;
}
