/**
 * The built-in `core@doc` pack (§5.9): the Lua API reference, generated from the aip
 * catalog compiled into this build (house rule 2: the catalog is the one source), so every
 * build regenerates it and it cannot drift from what the engine registers.
 *
 * Layout, chosen so the globs packs document match (`core@doc/**\/*.md`,
 * `core@doc/for-llm/**\/*.md`):
 * - `standard/README.md`: what the pack is and an index of the modules;
 * - `standard/lua-apis-aip-<module>.md`: one file per module;
 * - `for-llm/api-reference-for-llm.md`: everything in one file, to give an LLM as context.
 */
import type { CatalogEntry, ModuleCatalog } from '../../script/catalog';
import { ALL_CATALOGS } from '../../script/aip';
import { AIPACK_VERSION } from '../../version';

export const CORE_DOC_DIR = 'pack/installed/core/doc';

/** Spec section marks (`(§8.11)`) are for the port's developers, not for agent authors. */
function userText(s: string): string {
  return s
    .replace(/\s*\((?:see\s+)?§[\d.]+(?:[,;]?\s*(?:and\s+)?§[\d.]+)*\)/g, '')
    .replace(/§[\d.]+(?:[,;]?\s*§[\d.]+)*/g, '')
    .replace(/[ \t]+$/gm, '');
}

function entryMarkdown(mod: ModuleCatalog, e: CatalogEntry, level: string): string {
  return `${level} aip.${mod.module}.${e.name}\n\n\`\`\`lua\n${e.signature}\n\`\`\`\n\n${userText(e.doc).trim()}\n`;
}

function constantsMarkdown(mod: ModuleCatalog, level: string): string {
  const c = Object.entries(mod.constants ?? {});
  if (c.length === 0) return '';
  const rows = c.map(([k, v]) => `| \`aip.${mod.module}.${k}\` | \`${JSON.stringify(v)}\` |`).join('\n');
  return `${level} Constants\n\n| Name | Value |\n|---|---|\n${rows}\n`;
}

function moduleMarkdown(mod: ModuleCatalog): string {
  const parts = [
    `# aip.${mod.module}\n\n${userText(mod.doc).trim()}\n`,
    `Functions: ${mod.entries.map((e) => `\`${e.name}\``).join(', ')}.\n`,
    constantsMarkdown(mod, '##'),
    ...mod.entries.map((e) => entryMarkdown(mod, e, '##')),
  ];
  return parts.filter((p) => p !== '').join('\n');
}

function sortedCatalogs(catalogs: readonly ModuleCatalog[]): ModuleCatalog[] {
  return [...catalogs].sort((a, b) => (a.module < b.module ? -1 : 1));
}

const CONVENTIONS = `## Conventions

- Every function lives under the global \`aip\` table, e.g. \`aip.file.load("README.md")\`.
- Relative paths resolve against the workspace (the folder holding \`.aipack/\`); \`ns@pack/…\`
  points into a pack, \`$tmp/…\` into the session's temp folder, \`~/…\` into the home folder.
- A function that fails raises a Lua error: wrap the call in \`pcall\` to handle it.
- \`null\` is a sentinel for JSON null inside tables; \`is_null(v)\` tests it, and a missing
  value is plain \`nil\`.
- Stages: \`# Before All\`, \`# Data\`, \`# Output\`, \`# After All\` run Lua; \`CTX\` holds the run's
  context (\`CTX.AIPACK_VERSION\` is ${AIPACK_VERSION}, \`CTX.WORKSPACE_DIR\`, \`CTX.AGENT_FILE_DIR\`, …).
`;

function readme(catalogs: ModuleCatalog[]): string {
  const count = catalogs.reduce((n, m) => n + m.entries.length, 0);
  const index = catalogs
    .map((m) => `- [aip.${m.module}](lua-apis-aip-${m.module}.md) (${m.entries.length}): ${userText(m.doc).trim().split('\n')[0]}`)
    .join('\n');
  return `# core@doc

The Lua API available to AIPack agents (\`.aip\` files), as implemented by this runtime
(behaviour of aipack ${AIPACK_VERSION}): ${catalogs.length} modules, ${count} functions. These files
are written by the runtime from its own function catalog; they are refreshed with each
release, so do not edit them here.

To give this documentation to an agent as knowledge, use a glob such as
\`core@doc/**/*.md\` (everything) or \`core@doc/for-llm/**/*.md\` (the single-file reference).

${CONVENTIONS}
## Modules

${index}
`;
}

function forLlm(catalogs: ModuleCatalog[]): string {
  const body = catalogs
    .map((m) => {
      const head = `## aip.${m.module}\n\n${userText(m.doc).trim()}\n`;
      const consts = constantsMarkdown(m, '###');
      return [head, consts, ...m.entries.map((e) => entryMarkdown(m, e, '###'))].filter((p) => p !== '').join('\n');
    })
    .join('\n');
  return `# AIPack Lua API reference (single file, for LLM context)

Behaviour of aipack ${AIPACK_VERSION}. Generated from the runtime's function catalog.

${CONVENTIONS}
${body}`;
}

/** `path relative to the base dir → content` of the core@doc pack. */
export function coreDocFiles(catalogs: readonly ModuleCatalog[] = ALL_CATALOGS): Record<string, string> {
  const sorted = sortedCatalogs(catalogs);
  const out: Record<string, string> = {};
  out[`${CORE_DOC_DIR}/standard/README.md`] = readme(sorted);
  for (const m of sorted) out[`${CORE_DOC_DIR}/standard/lua-apis-aip-${m.module}.md`] = moduleMarkdown(m);
  out[`${CORE_DOC_DIR}/for-llm/api-reference-for-llm.md`] = forLlm(sorted);
  return out;
}
