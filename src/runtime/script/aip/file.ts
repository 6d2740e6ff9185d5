/**
 * `aip.file` (§8.5): the 50 file functions, assembled from one file per concern.
 * Paths resolve per §5.7 (workspace-relative by default); writes need a workspace and
 * pass the write guard (§12.1), deletes the delete guard (§12.2).
 */
import type { ModuleCatalog } from '../catalog';
import { fileChangesEntries } from './file-changes';
import { fileConvertEntries } from './file-convert';
import { fileCsvEntries } from './file-csv';
import { fileDataEntries } from './file-data';
import { fileHashEntries } from './file-hash';
import { fileReadEntries } from './file-read';
import { fileSpansEntries } from './file-spans';
import { fileWriteEntries } from './file-write';

export const fileCatalog: ModuleCatalog = {
  module: 'file',
  doc: [
    'Files: load, save, list and convert files of the workspace.',
    'Relative paths are relative to the workspace; `~/…`, `$tmp/…`, pack refs (`ns@pack/…`) and absolute paths work too.',
    'Writing functions need a workspace and only write inside it or `~/.aipack-base`; deletes go to the trash.',
  ].join(' '),
  entries: [
    ...fileReadEntries,
    ...fileWriteEntries,
    ...fileDataEntries,
    ...fileCsvEntries,
    ...fileConvertEntries,
    ...fileChangesEntries,
    ...fileSpansEntries,
    ...fileHashEntries,
  ],
};
