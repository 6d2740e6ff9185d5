/**
 * Reading a file's bytes for `aip.file.*` without hanging or exhausting memory:
 * only regular files are read (a FIFO would block forever, `/dev/zero` never ends),
 * and a file larger than the cap is refused before any byte is read.
 */
import { constants, promises as fsp, type Stats } from 'node:fs';
import { DEFAULT_FILE_READ_MAX_BYTES } from '../../config/limits';
import type { CallContext } from '../catalog';

/** The cap for this call: the run's limits when there is a script env, else the default. */
export function readCapOf(call: CallContext | undefined): number {
  return call?.env?.fileReadMaxBytes?.() ?? DEFAULT_FILE_READ_MAX_BYTES;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws unless `st` is a regular file no larger than `maxBytes`. */
export function checkReadable(abs: string, st: Stats, maxBytes: number): void {
  if (!st.isFile()) throw new Error(`'${abs}' is ${kindOf(st)}; only regular files can be read`);
  if (st.size > maxBytes) throw tooLarge(abs, st.size, maxBytes);
}

function tooLarge(abs: string, size: number, maxBytes: number): Error {
  return new Error(
    `'${abs}' is too large to read: ${size} bytes, over the cap of ${maxBytes} bytes ` +
      `(set 'file_read_max_bytes' under [limits] in config.toml, or AIPACK_FILE_READ_MAX_BYTES)`,
  );
}

/**
 * Open `abs` for reading after checking what it is. The check runs on the path first
 * (so a FIFO is never opened), the open is non-blocking (a FIFO swapped in after the
 * check still does not block), and the open handle is checked again.
 */
export async function openChecked(abs: string, maxBytes: number): Promise<fsp.FileHandle> {
  checkReadable(abs, await fsp.stat(abs), maxBytes);
  // O_NONBLOCK is not defined on Windows, where FIFOs do not exist in the file system.
  const fh = await fsp.open(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    checkReadable(abs, await fh.stat(), maxBytes);
    return fh;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** The whole content of a regular file, at most `maxBytes` long (a file growing past it is refused too). */
export async function readFileChecked(abs: string, maxBytes = DEFAULT_FILE_READ_MAX_BYTES): Promise<Buffer> {
  const fh = await openChecked(abs, maxBytes);
  try {
    const size = (await fh.stat()).size;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(size - total + 1, maxBytes - total + 1)));
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(abs, total, maxBytes);
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}
