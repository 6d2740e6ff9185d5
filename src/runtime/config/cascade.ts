/**
 * The config cascade (§4.1 layers 1-3): base `config-default.toml` (required),
 * base `config-user.toml`, workspace `.aipack/config.toml`. Re-read on every
 * agent load so edits take effect on the next run (§12.4).
 */
import * as fs from 'node:fs/promises';
import type { DirContext } from '../dir-context/dir-context';
import { configError, parseConfigToml } from './config-file';
import { type AgentOptions, mergeOptions } from './options';

export type ConfigLayerKind = 'BaseDefault' | 'BaseUser' | 'Workspace';

export interface ConfigLayer {
  kind: ConfigLayerKind;
  path: string;
  options: AgentOptions;
}

/** Each config file that takes part, lowest precedence first. */
export async function loadConfigLayers(dirCtx: DirContext): Promise<ConfigLayer[]> {
  const paths = dirCtx.configPaths();
  const wanted: [ConfigLayerKind, string | undefined][] = [
    ['BaseDefault', paths.baseDefault],
    ['BaseUser', paths.baseUser],
    ['Workspace', paths.workspace],
  ];
  const layers: ConfigLayer[] = [];
  for (const [kind, p] of wanted) {
    if (p === undefined) continue;
    let text: string;
    try {
      text = await fs.readFile(p, 'utf8');
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      const reason = missing
        ? "file not found. Run 'aip init-base' to create the base configuration."
        : `cannot read file: ${(err as Error).message}`;
      throw configError(p, reason, undefined, err);
    }
    layers.push({ kind, path: p, options: parseConfigToml(text, p) });
  }
  return layers;
}

/** The merged options of the config files (agent `# Options` and run overrides come on top, in buildAgent). */
export async function loadConfigCascade(dirCtx: DirContext): Promise<AgentOptions> {
  const layers = await loadConfigLayers(dirCtx);
  return mergeOptions(...layers.map((l) => l.options));
}
