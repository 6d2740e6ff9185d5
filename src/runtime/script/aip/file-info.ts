/**
 * FileInfo / FileRecord values (§8.3): what `aip.file.*` returns, what `-f` inputs
 * are, and what the pipeline displays (`_display`, §2.8).
 */
import { statSync } from 'node:fs';
import { posix } from 'node:path';

export interface FileInfo {
  _type: 'FileInfo' | 'FileRecord';
  path: string;
  dir: string;
  name: string;
  stem: string;
  ext: string;
  ctime?: number;
  mtime?: number;
  size?: number;
  is_likely_text: boolean;
  content?: string;
}

// Extensions that are certainly not text. The original's heuristic is extension-based
// too (simple_fs); `.db`, `.sqlite` & co. are called out by the spec.
const BINARY_EXTS = new Set(
  (
    'db db3 sqlite sqlite3 png jpg jpeg gif webp bmp ico tif tiff heic avif psd pdf zip gz tgz bz2 xz 7z rar tar ' +
    'jar war exe dll so dylib a o obj class wasm bin dat iso dmg mp3 mp4 m4a wav flac ogg mov avi mkv webm ' +
    'woff woff2 ttf otf eot docx xlsx pptx doc xls ppt odt ods aipack pyc lock-bin'
  ).split(' '),
);

export function isLikelyText(path: string): boolean {
  const ext = posix.extname(path).slice(1).toLowerCase();
  return !BINARY_EXTS.has(ext);
}

/**
 * Build a FileInfo from the path to show (`displayPath`: as given, relative, or `~/…`)
 * and, when meta is wanted, the absolute path to stat. A missing file just has no meta.
 */
export function fileInfo(displayPath: string, absPath?: string): FileInfo {
  const p = displayPath.replace(/\\/g, '/');
  const name = posix.basename(p);
  const ext = posix.extname(name).slice(1);
  const stem = ext ? name.slice(0, -(ext.length + 1)) : name;
  const parent = posix.dirname(p);
  const info: FileInfo = {
    _type: 'FileInfo',
    path: p,
    dir: parent === '.' && !p.startsWith('./') ? '' : parent,
    name,
    stem,
    ext,
    is_likely_text: isLikelyText(p),
  };
  if (absPath !== undefined) {
    try {
      const st = statSync(absPath, { bigint: true });
      // Epoch microseconds (§8.3).
      info.ctime = Number(st.birthtimeNs / 1000n) || Number(st.ctimeNs / 1000n);
      info.mtime = Number(st.mtimeNs / 1000n);
      info.size = Number(st.size);
    } catch {
      // No meta for a path that cannot be stat'ed.
    }
  }
  return info;
}
