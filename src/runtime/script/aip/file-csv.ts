/**
 * `aip.file` CSV functions (§8.5, §8.14 options): load_csv_headers, load_csv,
 * save_as_csv, save_records_as_csv, append_csv_rows, append_csv_row.
 */
import { promises as fsp } from 'node:fs';
import type { CallContext, CatalogEntry } from '../catalog';
import { argOptions, argString, LuaFloat, luaTypeName } from '../catalog';
import { errorMessage } from '../../errors';
import {
  atomicWrite,
  ensureParentDir,
  infoOf,
  readForFn,
  requireWorkspace,
  resolveUserPath,
  withLock,
} from './file-common';
import { checkAccessWrite } from './file-guard';
import { csvHeaders, keysToLabels, normalizeCsvOptions, parseCsv, stringifyCsvRows, type CsvOptions } from './csv-support';

function isEmptyTable(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

/** A Lua list (an empty table arrives as `{}`), or undefined when `v` is not one. */
function asList(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (isEmptyTable(v)) return [];
  return undefined;
}

function matrixRows(call: CallContext, v: unknown, what: string): unknown[][] {
  const list = asList(v);
  if (!list) throw new Error(`${call.fnName} - ${what} must be a table (list of lists), found ${luaTypeName(v)}`);
  return list.map((row, i) => {
    const r = asList(row);
    if (!r) throw new Error(`${call.fnName} - each row must be a list, found ${luaTypeName(row)} at index ${i + 1}`);
    return r;
  });
}

/** `data` as a matrix (first row = headers when `has_header`) or `{headers?, rows?}`. */
function csvPayload(call: CallContext, data: unknown, hasHeader: boolean): { headers: unknown[]; rows: unknown[][] } {
  if (data === null || typeof data !== 'object' || data instanceof LuaFloat) {
    throw new Error(`${call.fnName} - Data must be a table (matrix or structured {headers, rows})`);
  }
  const rec = data as Record<string, unknown>;
  if (!Array.isArray(data) && (rec.headers !== undefined || rec.rows !== undefined)) {
    const headers = rec.headers === undefined ? [] : asList(rec.headers);
    if (!headers) throw new Error(`${call.fnName} - 'headers' must be a table, found ${luaTypeName(rec.headers)}`);
    if (headers.some((h) => typeof h !== 'string')) throw new Error(`${call.fnName} - CsvContent headers must be strings`);
    const rows = rec.rows === undefined ? [] : matrixRows(call, rec.rows, "'rows'");
    return { headers, rows };
  }
  const rows = matrixRows(call, data, 'data');
  const headers = hasHeader && rows.length > 0 ? rows.shift()! : [];
  return { headers, rows };
}

/** CSV text of a header row (renamed by `header_labels`, skipped when asked or empty) and rows. */
function csvText(call: CallContext, headers: unknown[], rows: unknown[][], opts: CsvOptions): string {
  const head = keysToLabels(headers.map(String), opts.header_labels);
  const all = !opts.skip_header_row && head.length > 0 ? [head, ...rows] : rows;
  try {
    return stringifyCsvRows(all, opts);
  } catch (err) {
    throw new Error(`${call.fnName} - Failed to write CSV.\nCause: ${errorMessage(err)}`);
  }
}

/** What aipack says when the write itself fails, per function. */
function writeFailure(fnName: string, path: string): string {
  if (fnName.endsWith('.append_csv_rows')) return `Failed to append rows to csv file '${path}'`;
  if (fnName.endsWith('.append_csv_row')) return `Failed to append row to csv file '${path}'`;
  return `Failed to save csv file '${path}'`;
}

async function writeCsv(call: CallContext, path: string, build: (opts: CsvOptions) => string, options: unknown, append: boolean) {
  const opts = normalizeCsvOptions(argOptions(call, options));
  const wks = requireWorkspace(call);
  const abs = resolveUserPath(call, path);
  return withLock(call, abs, async () => {
    checkAccessWrite(abs, wks);
    const text = build(opts);
    try {
      if (append) {
        await ensureParentDir(abs);
        await fsp.appendFile(abs, text);
      } else {
        await atomicWrite(abs, text);
      }
    } catch (err) {
      throw new Error(`${call.fnName} - ${writeFailure(call.fnName, path)}.\nCause: ${errorMessage(err)}`);
    }
    return infoOf(call, path, abs);
  });
}

export const fileCsvEntries: CatalogEntry[] = [
  {
    name: 'load_csv_headers',
    signature: 'aip.file.load_csv_headers(path: string) -> string[]',
    doc: [
      'The header row (first record) of a CSV file.',
      '',
      'Example: `local headers = aip.file.load_csv_headers("data.csv")`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      return csvHeaders(await readForFn(call, resolveUserPath(call, p), p, 'csv'));
    },
  },
  {
    name: 'load_csv',
    signature: 'aip.file.load_csv(path: string, opts?: CsvOptions) -> CsvContent',
    doc: [
      'Load a CSV file as `{_type = "CsvContent", headers, rows}`.',
      '',
      'Options (CsvOptions): `delimiter` (","), `quote`, `escape`, `trim_fields`, `has_header` (default **true** here),',
      '`header_labels` ({key = label}: headers equal to a label are renamed to the key), `skip_empty_lines` (true), `comment`.',
      '',
      'Example: `local csv = aip.file.load_csv("data.csv"); for _, row in ipairs(csv.rows) do print(row[1]) end`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      const opts = normalizeCsvOptions(argOptions(call, options), { has_header: true });
      const text = await readForFn(call, resolveUserPath(call, p), p, 'csv');
      try {
        return parseCsv(text, opts);
      } catch (err) {
        throw new Error(`${call.fnName} - Failed to read csv file '${p}'.\nCause: ${errorMessage(err)}`);
      }
    },
  },
  {
    name: 'save_as_csv',
    signature: 'aip.file.save_as_csv(path: string, data: any[][]|{headers?, rows?}, opts?: CsvOptions) -> FileInfo',
    doc: [
      'Write a CSV file (overwrites). `data` is a matrix (its first row is the header when `opts.has_header`)',
      'or `{headers?, rows?}`. Table cells are written as JSON, nil/null as empty.',
      '`header_labels` renames header keys to labels; `skip_header_row = true` omits the header row.',
      '',
      'Example: `aip.file.save_as_csv("out.csv", { headers = {"name", "age"}, rows = { {"Ann", 31} } })`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, data: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      return writeCsv(
        call,
        p,
        (opts) => {
          const { headers, rows } = csvPayload(call, data, opts.has_header);
          return csvText(call, headers, rows, opts);
        },
        options,
        false,
      );
    },
  },
  {
    name: 'save_records_as_csv',
    signature: 'aip.file.save_records_as_csv(path: string, records: table[], header_keys: string[], opts?: CsvOptions) -> FileInfo',
    doc: [
      'Write a list of record tables as CSV (overwrites): one column per `header_keys` entry, in that order,',
      'values pulled by key (missing → empty). `header_labels` renames the header cells.',
      '',
      'Example: `aip.file.save_records_as_csv("people.csv", people, {"name", "email"})`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, records: unknown, headerKeys: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      const keys = asList(headerKeys);
      if (!keys || keys.some((k) => typeof k !== 'string')) {
        throw new Error(`${call.fnName} - header_keys must be a list of strings, found ${luaTypeName(headerKeys)}`);
      }
      const list = asList(records);
      if (!list) throw new Error(`${call.fnName} - records must be a table. Found '${luaTypeName(records)}'`);
      const rows = list.map((r) => {
        if (r === null || typeof r !== 'object' || Array.isArray(r) || r instanceof LuaFloat) {
          throw new Error(`${call.fnName} - Records must be a list of tables`);
        }
        return (keys as string[]).map((k) => (r as Record<string, unknown>)[k]);
      });
      return writeCsv(call, p, (opts) => csvText(call, keys, rows, opts), options, false);
    },
  },
  {
    name: 'append_csv_rows',
    signature: 'aip.file.append_csv_rows(path: string, rows: any[][], opts?: CsvOptions) -> FileInfo',
    doc: [
      'Append data rows to a CSV file (created if missing). Header options are ignored: no header row is written.',
      'Takes the file\'s write lock.',
      '',
      'Example: `aip.file.append_csv_rows("log.csv", { {"a", 1}, {"b", 2} })`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, rows: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      // aipack (file_csv.rs): no function prefix here, and rows that are not tables are skipped.
      const list = asList(rows);
      if (!list) throw new Error('value_lists must be a table (list of lists)');
      const matrix = list.map(asList).filter((r): r is unknown[] => r !== undefined);
      return writeCsv(call, p, (opts) => csvText(call, [], matrix, opts), options, true);
    },
  },
  {
    name: 'append_csv_row',
    signature: 'aip.file.append_csv_row(path: string, values: any[], opts?: CsvOptions) -> FileInfo',
    doc: [
      'Append one row to a CSV file (created if missing). Takes the file\'s write lock.',
      '',
      'Example: `aip.file.append_csv_row("log.csv", { input.path, os.time() })`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, values: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      const row = asList(values);
      if (!row) throw new Error('values must be a table (list)');
      return writeCsv(call, p, (opts) => csvText(call, [], [row], opts), options, true);
    },
  },
];
