/**
 * `aip.file` write functions (§8.5): save, copy, move, append, delete, ensure_exists,
 * ensure_dir. All need a workspace and pass the write guard (§12.1) or, for delete and
 * the move source, the delete guard (§12.2). Delete moves to the trash via the Host.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { posix } from 'node:path';
import type { CallContext, CatalogEntry } from '../catalog';
import { argOptString, argOptions, argString } from '../catalog';
import { errorMessage } from '../../errors';
import {
  atomicWrite,
  ensureParentDir,
  envOf,
  infoOf,
  logPath,
  optBool,
  pathExists,
  requireWorkspace,
  resolveUserPath,
  slash,
  withLock,
} from './file-common';
import { checkAccessDelete, checkAccessWrite } from './file-guard';
import { trim, trimEnd, trimStart } from './md-support';
import { noteTempFile, tempFileDone } from '../../leftovers';

/** Exactly one trailing `\n` (an empty text becomes `\n`). */
export function ensureSingleTrailingNewline(text: string): string {
  return text.replace(/\n*$/, '') + '\n';
}

/** SaveOptions applied in order: trim_start, trim_end, single_trailing_newline. */
export function applySaveOptions(content: string, opts: Record<string, unknown>): string {
  let out = content;
  if (optBool(opts, 'trim_start')) out = trimStart(out);
  if (optBool(opts, 'trim_end')) out = trimEnd(out);
  if (optBool(opts, 'single_trailing_newline')) out = ensureSingleTrailingNewline(out);
  return out;
}

async function isFileBlank(abs: string): Promise<boolean> {
  const text = (await fsp.readFile(abs)).toString('utf8');
  return trim(text) === '';
}

/** Copy via a temp file in the destination dir, so the destination is never partial. */
async function atomicCopy(src: string, dest: string): Promise<void> {
  await ensureParentDir(dest);
  const tmp = posix.join(posix.dirname(dest), `.${posix.basename(dest)}.${randomBytes(6).toString('hex')}.aip-tmp`);
  noteTempFile(tmp); // journaled so a kill -9 leftover is removed at a later start
  try {
    await fsp.copyFile(src, tmp);
    await fsp.rename(tmp, dest);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    tempFileDone();
  }
}

function overwriteOpt(call: CallContext, options: unknown): boolean {
  return optBool(argOptions(call, options), 'overwrite') ?? false;
}

/**
 * `copy` and `move`: arguments, guards (a move also deletes its source), the destination's
 * lock and the overwrite rule, with the original's messages; `act` does the transfer.
 */
function transfer(
  call: CallContext,
  src: unknown,
  dest: unknown,
  options: unknown,
  op: 'copy' | 'move',
  act: (srcAbs: string, destAbs: string) => Promise<void>,
): Promise<unknown> {
  const s = argString(call, src, 'src');
  const d = argString(call, dest, 'dest');
  const overwrite = overwriteOpt(call, options);
  const wks = requireWorkspace(call);
  const srcAbs = resolveUserPath(call, s);
  const destAbs = resolveUserPath(call, d);
  if (op === 'move') checkAccessDelete(srcAbs, wks);
  checkAccessWrite(destAbs, wks);
  const title = op === 'copy' ? 'Copy' : 'Move';
  return withLock(call, destAbs, async () => {
    if (op === 'move' && !(await pathExists(srcAbs))) throw new Error(`Move file failed - Source \`${s}\` does not exist`);
    if (!overwrite && (await pathExists(destAbs))) {
      throw new Error(
        `${title} file failed - Destination \`${d}\` already exists and overwrite is set to false.\n` +
          `Use \`aip.file.${op}(src_path, dst_path,{overwrite = true}\` to allow overwrite.`,
      );
    }
    try {
      await act(srcAbs, destAbs);
    } catch (err) {
      throw new Error(`Fail to ${op} from \`${s}\` to \`${d}\`.\nCause ${errorMessage(err)}`);
    }
    envOf(call).log(`-> Lua aip.file.${op} called to: ${logPath(wks, destAbs)}`);
    return infoOf(call, destAbs, destAbs);
  });
}

export const fileWriteEntries: CatalogEntry[] = [
  {
    name: 'save',
    signature: 'aip.file.save(path: string, content: string, opts?: SaveOptions) -> FileInfo',
    doc: [
      'Write `content` to a file (created with its parent dirs, or overwritten). The write is atomic.',
      '',
      '- `opts.trim_start`, `opts.trim_end`, `opts.single_trailing_newline` (default false) are applied in that order.',
      '- Only inside the workspace or `~/.aipack-base`: anything else raises `Save file protection - …`.',
      '- Returns the FileInfo of the saved file (absolute path, `~/…` under home).',
      '',
      'Example: `aip.file.save("docs/out.md", content, { single_trailing_newline = true })`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, content: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      let text = argString(call, content, 'content');
      const opts = argOptions(call, options);
      const wks = requireWorkspace(call);
      const abs = resolveUserPath(call, p);
      return withLock(call, abs, async () => {
        text = applySaveOptions(text, opts);
        checkAccessWrite(abs, wks);
        try {
          await atomicWrite(abs, text);
        } catch (err) {
          throw new Error(`Fail to save file ${p}.\nCause ${errorMessage(err)}`);
        }
        envOf(call).log(`-> Lua aip.file.save called on: ${logPath(wks, abs)}`);
        return infoOf(call, abs, abs);
      });
    },
  },
  {
    name: 'copy',
    signature: 'aip.file.copy(src: string, dest: string, opts?: {overwrite?: boolean}) -> FileInfo',
    doc: [
      'Copy a file (binary). Destination dirs are created; the source may be anywhere.',
      '',
      '- `opts.overwrite` (default false): when false, an existing destination is an error.',
      '- The destination must pass the write guard (workspace or `~/.aipack-base`).',
      '',
      'Example: `aip.file.copy("ns@pack/template.md", "docs/new.md")`',
    ].join('\n'),
    impl: (call: CallContext, src: unknown, dest: unknown, options: unknown) =>
      transfer(call, src, dest, options, 'copy', (srcAbs, destAbs) => atomicCopy(srcAbs, destAbs)),
  },
  {
    name: 'move',
    signature: 'aip.file.move(src: string, dest: string, opts?: {overwrite?: boolean}) -> FileInfo',
    doc: [
      'Move (rename) a file. Destination dirs are created.',
      '',
      '- `opts.overwrite` (default false): when false, an existing destination is an error.',
      '- The source must be deletable (inside the workspace, not in `.aipack-base`); the destination writable.',
      '',
      'Example: `aip.file.move("drafts/a.md", "done/a.md")`',
    ].join('\n'),
    impl: (call: CallContext, src: unknown, dest: unknown, options: unknown) =>
      transfer(call, src, dest, options, 'move', async (srcAbs, destAbs) => {
        await ensureParentDir(destAbs);
        await fsp.rename(srcAbs, destAbs).catch(async (err: NodeJS.ErrnoException) => {
          // Across devices a rename fails: copy then remove.
          if (err.code !== 'EXDEV') throw err;
          await atomicCopy(srcAbs, destAbs);
          await fsp.rm(srcAbs);
        });
      }),
  },
  {
    name: 'append',
    signature: 'aip.file.append(path: string, content: string) -> FileInfo',
    doc: [
      'Append `content` to a file (created with its parent dirs if missing).',
      '',
      'Appends from concurrent tasks never interleave: each takes the file\'s write lock.',
      '',
      'Example: `aip.file.append("out/log.md", "- " .. input.path .. "\\n")`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, content: unknown) => {
      const p = argString(call, path, 'path');
      const text = argString(call, content, 'content');
      const wks = requireWorkspace(call);
      const abs = resolveUserPath(call, p);
      return withLock(call, abs, async () => {
        checkAccessWrite(abs, wks);
        await ensureParentDir(abs);
        await fsp.appendFile(abs, text);
        return infoOf(call, abs, abs);
      });
    },
  },
  {
    name: 'delete',
    signature: 'aip.file.delete(path: string) -> boolean',
    doc: [
      'Move a file to the trash (recoverable). Returns true if it was deleted, false if it did not exist.',
      '',
      'Only inside the workspace; never under `~/.aipack-base` (`Delete file protection - …`).',
      '',
      'Example: `aip.file.delete("tmp/old-output.md")`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      const wks = requireWorkspace(call);
      const abs = resolveUserPath(call, p);
      checkAccessDelete(abs, wks);
      if (!(await pathExists(abs))) return false;
      await call.host.trash(abs);
      envOf(call).log(`-> Lua aip.file.delete called on: ${logPath(wks, abs)}`);
      return true;
    },
  },
  {
    name: 'ensure_exists',
    signature: 'aip.file.ensure_exists(path: string, content?: string, opts?: {content_when_empty?: boolean}) -> FileInfo',
    doc: [
      'Make sure a file exists: create it (and its dirs) with `content` (default "") when missing.',
      '',
      'With `opts.content_when_empty = true`, an existing file that is empty or whitespace-only is rewritten with `content`.',
      '',
      'Example: `aip.file.ensure_exists("notes.md", "# Notes\\n", { content_when_empty = true })`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, content: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      const text = argOptString(call, content, 'content') ?? '';
      const whenEmpty = optBool(argOptions(call, options), 'content_when_empty') ?? false;
      const wks = requireWorkspace(call);
      const abs = resolveUserPath(call, p);
      return withLock(call, abs, async () => {
        checkAccessWrite(abs, wks);
        if (!(await pathExists(abs))) await atomicWrite(abs, text);
        else if (whenEmpty && (await isFileBlank(abs))) await atomicWrite(abs, text);
        return infoOf(call, p, abs);
      });
    },
  },
  {
    name: 'ensure_dir',
    signature: 'aip.file.ensure_dir(path: string) -> boolean',
    doc: [
      'Create a directory and its parents. Returns true if created, false if it already existed.',
      '',
      'Errors if the path exists and is a file, or is outside the workspace / `~/.aipack-base`.',
      '',
      'Example: `aip.file.ensure_dir("docs/generated")`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      const wks = requireWorkspace(call);
      const abs = resolveUserPath(call, p);
      return withLock(call, abs, async () => {
        checkAccessWrite(abs, wks);
        const st = await fsp.stat(abs).catch(() => undefined);
        if (st) {
          if (!st.isDirectory()) throw new Error(`Ensure dir failed - Path \`${p}\` already exists and is not a directory`);
          return false;
        }
        try {
          await fsp.mkdir(slash(abs), { recursive: true });
        } catch (err) {
          throw new Error(`Fail to ensure dir \`${p}\`.\nCause ${errorMessage(err)}`);
        }
        return true;
      });
    },
  },
];
