/**
 * `aip.udiffx` (§8.17): apply a file-changes envelope produced by a model, build
 * `<FILE_CONTENT>` context blocks, and return the format's prompt instructions.
 */
import { promises as fsp } from 'node:fs';
import { posix } from 'node:path';
import type { CallContext, ModuleCatalog } from '../catalog';
import { argOptions, argString, argStringOrList } from '../catalog';
import { errorMessage } from '../../errors';
import { requireWorkspace, resolveUserPath, slash } from './file-common';
import { listBaseDir, listFiles, processGlob } from './file-list';
import { applyFileChanges } from './udiffx-apply';
import { extractFileChanges } from './udiffx-extract';
import { FILE_CHANGES_INSTRUCTION } from './udiffx-prompt';
import { readCapOf, readFileChecked } from './file-read-guard';

function readExtrude(call: CallContext, opts: unknown): boolean {
  if (opts === undefined || opts === null || typeof opts !== 'object' || Array.isArray(opts)) return false;
  const v = (opts as Record<string, unknown>).extrude;
  if (v === undefined || v === null) return false;
  if (v === 'content') return true;
  throw new Error(`${call.fnName} - extrude must be = to 'content' for now`);
}

export const udiffxCatalog: ModuleCatalog = {
  module: 'udiffx',
  doc: 'Multi-file changes from model output (`UDIFFX_FILE_CHANGES` / `FILE_CHANGES` envelopes with new, patch, append, copy, rename and delete directives).',
  entries: [
    {
      name: 'apply_file_changes',
      signature: "aip.udiffx.apply_file_changes(content: string, base_dir?: string|nil, opts?: {extrude?: 'content'}) -> ApplyChangesStatus (, rest)",
      multi: true,
      doc: [
        'Find the first file-changes envelope in `content` and apply its directives, paths relative to `base_dir`.',
        '',
        'The envelope is `[[[UDIFFX_FILE_CHANGES]]] … [[[/UDIFFX_FILE_CHANGES]]]` (or the older `<FILE_CHANGES> … </FILE_CHANGES>`) with',
        'directives `FILE_NEW file_path` (whole content; a wrapping code fence is removed), `FILE_PATCH file_path`',
        '(numberless `@@` hunks of ` `/`-`/`+` lines, `~` for the elided middle of a long removal; matching tolerates',
        'whitespace and small drifts), `FILE_APPEND file_path`, and self-closing `FILE_COPY from_path to_path`,',
        '`FILE_RENAME from_path to_path`, `FILE_DELETE file_path` (to the trash).',
        '',
        '- `base_dir`: where paths are relative to; `nil` or `""` = the workspace. Targets must stay inside it or the workspace.',
        '- `opts.extrude = "content"`: also return `content` without the envelope (pass `base_dir`, even `nil`, before `opts`).',
        '',
        'Returns `status` `{success, total_count, success_count, fail_count, items}`; each item is',
        '`{file_path, kind ("New"|"Patch"|"Append"|"Copy"|"Rename"|"Delete"|"Fail"), success, error_msg?, error_hunks?}`',
        'where `error_hunks` lists `{hunk_body, cause}` of the patch hunks that did not apply (the others are applied).',
        'A failing directive does not stop the next ones. No envelope gives an empty status with `success = true`.',
        '',
        'Errors: a `base_dir` outside the workspace (`Security violation, …`).',
        '',
        'Example: `local status, rest = aip.udiffx.apply_file_changes(ai_response.content, nil, { extrude = "content" })`',
      ].join('\n'),
      impl: async (call: CallContext, content: unknown, baseDir: unknown, opts: unknown) => {
        const text = argString(call, content, 'content');
        if (baseDir !== undefined && baseDir !== null && typeof baseDir !== 'string') argString(call, baseDir, 'base_dir');
        const extrude = readExtrude(call, opts);
        const { directives, extruded } = extractFileChanges(text, extrude);
        const wks = call.env?.workspaceDir;
        const base = typeof baseDir === 'string' && baseDir !== '' ? resolveUserPath(call, baseDir) : requireWorkspace(call);
        const status = await applyFileChanges(call, directives, {
          baseDir: posix.normalize(slash(base)),
          writableDirs: wks ? [posix.normalize(slash(wks))] : [],
        });
        return extrude ? [status, extruded ?? ''] : [status];
      },
    },
    {
      name: 'load_files_context',
      signature: 'aip.udiffx.load_files_context(globs: string|string[], opts?: {base_dir?, absolute?}) -> string|nil',
      doc: [
        'Concatenate the files matching `globs` (same listing rules as `aip.file.list`) as context blocks for a prompt:',
        '`<FILE_CONTENT path="…">` newline, the content (newline-terminated), `</FILE_CONTENT>`, blocks separated by a blank line.',
        '',
        '- `opts.base_dir`: where relative globs start (default the workspace); paths are shown relative to it.',
        '- `opts.absolute`: show absolute paths.',
        '',
        'Returns `nil` when no file matches. Errors: unreadable file, `../` globs.',
        '',
        'Example: `local ctx = aip.udiffx.load_files_context({"src/**/*.ts"})`',
      ].join('\n'),
      impl: async (call: CallContext, globs: unknown, opts: unknown) => {
        const list = argStringOrList(call, globs, 'globs');
        const o = argOptions(call, opts);
        const absolute = o.absolute === true;
        const base = listBaseDir(call, o);
        const files = await listFiles(slash(base), list.map((g) => processGlob(call, g)), { absolute, listingExcludes: true, globSort: true });
        if (files.length === 0) return undefined;
        const blocks: string[] = [];
        for (const f of files) {
          let text: string;
          try {
            text = (await readFileChecked(f.abs, readCapOf(call))).toString('utf8');
          } catch (err) {
            throw new Error(`${call.fnName} - Failed to read file '${f.display}'.\nCause: ${errorMessage(err)}`);
          }
          blocks.push(`<FILE_CONTENT path="${f.display}">\n${text}${text.endsWith('\n') ? '' : '\n'}</FILE_CONTENT>\n`);
        }
        return blocks.join('\n');
      },
    },
    {
      name: 'file_changes_instruction',
      signature: 'aip.udiffx.file_changes_instruction() -> string',
      doc: [
        'The prompt text (Markdown) that teaches a model the `UDIFFX_FILE_CHANGES` format, as bundled with udiffx.',
        'Put it in a system or instruction part so the answer can go to `aip.udiffx.apply_file_changes`.',
        '',
        'Example: `local instr = aip.udiffx.file_changes_instruction()`',
      ].join('\n'),
      impl: () => FILE_CHANGES_INSTRUCTION,
    },
  ],
};
