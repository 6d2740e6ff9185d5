/**
 * CSV reading and writing with the behaviour of the Rust `csv` crate aipack uses (§8.3, §8.14):
 * - reading: `\r`, `\n` and `\r\n` end records; blank lines are always ignored; a record may
 *   have any number of fields; a quoted field ends at a lone quote, `""` inside is a quote,
 *   and the escape character (when not the quote) escapes the next character inside quotes;
 *   a comment character only counts at the start of a record; a UTF-8 BOM is dropped;
 * - writing: a field is quoted only when it holds the delimiter, the quote, `\r` or `\n`;
 *   quotes double; a record with nothing in it is written as `""`.
 * Option characters given as longer strings use their first character.
 */
import { stringifyJson } from './json-value';
import { LuaFloat } from '../catalog';
import { formatFloat } from '../lua-native';

/** Field names as the Lua `CsvOptions` table spells them. */
export interface CsvOptions {
  delimiter: string;
  quote: string;
  /** Escape character inside quoted fields; the quote itself (default) means `""` only. */
  escape: string;
  trim_fields: boolean;
  has_header: boolean;
  /** `{ key = label }`: reading renames a header equal to `label` to `key`; writing the reverse. */
  header_labels?: Record<string, string>;
  skip_empty_lines: boolean;
  comment?: string;
  /** Writing only: do not write the header row. */
  skip_header_row: boolean;
}

export interface CsvContent {
  _type: 'CsvContent';
  /** Empty when the content has no header row. */
  headers: string[];
  rows: string[][];
}

/**
 * Defaults follow the original code: `has_header` is true for every reader that uses it
 * (`aip.csv.parse`, `aip.file.load_csv`); `aip.csv.parse_row` ignores it.
 */
const BASE_DEFAULTS: CsvOptions = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  trim_fields: false,
  has_header: true,
  skip_empty_lines: true,
  skip_header_row: false,
};

/**
 * Build options from a Lua options table. Values of the wrong type are ignored (as the
 * original does); `header_labels` keeps only string→string pairs.
 */
export function normalizeCsvOptions(raw: Record<string, unknown>, defaults: Partial<CsvOptions> = {}): CsvOptions {
  const out: CsvOptions = { ...BASE_DEFAULTS, ...defaults };
  const char = (k: 'delimiter' | 'quote' | 'escape' | 'comment'): void => {
    const v = raw[k];
    if (typeof v === 'string' && v.length > 0) out[k] = v[0];
  };
  const bool = (k: 'trim_fields' | 'has_header' | 'skip_empty_lines' | 'skip_header_row'): void => {
    const v = raw[k];
    if (typeof v === 'boolean') out[k] = v;
  };
  char('delimiter');
  char('quote');
  char('escape');
  char('comment');
  bool('trim_fields');
  bool('has_header');
  bool('skip_empty_lines');
  bool('skip_header_row');
  const labels = raw.header_labels;
  if (labels !== null && typeof labels === 'object' && !Array.isArray(labels)) {
    const map: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
      if (typeof v === 'string') map[k] = v;
    }
    out.header_labels = map;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading

interface RawRecord {
  fields: string[];
  start: number;
  end: number;
}

interface ReadConfig {
  delimiter: string;
  quote: string;
  escape: string;
  comment?: string;
}

/** Split content into records (fields untrimmed), with each record's [start, end) offsets. */
function readRecords(content: string, cfg: ReadConfig, limit = Infinity): RawRecord[] {
  const s = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const offset = s === content ? 0 : 1;
  const out: RawRecord[] = [];
  const { delimiter: d, quote: q, escape: esc, comment } = cfg;
  let i = 0;
  const n = s.length;
  while (i < n && out.length < limit) {
    const c = s[i];
    // Between records: blank lines are skipped, comment lines dropped.
    if (c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (comment !== undefined && c === comment) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    const start = i;
    const fields: string[] = [];
    let field = '';
    let state: 'start' | 'plain' | 'quoted' | 'afterQuote' = 'start';
    let endOfRecord = false;
    while (i < n) {
      const ch = s[i];
      if (state === 'quoted') {
        if (ch === q) state = 'afterQuote';
        else if (ch === esc && esc !== q && i + 1 < n) field += s[++i];
        else field += ch;
        i++;
        continue;
      }
      if (state === 'afterQuote' && ch === q) {
        field += q;
        state = 'quoted';
        i++;
        continue;
      }
      if (ch === d) {
        fields.push(field);
        field = '';
        state = 'start';
        i++;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        endOfRecord = true;
        break;
      }
      if (state === 'start' && ch === q) state = 'quoted';
      else {
        field += ch;
        state = 'plain';
      }
      i++;
    }
    fields.push(field);
    out.push({ fields, start: start + offset, end: i + offset });
    if (endOfRecord) {
      if (s[i] === '\r' && s[i + 1] === '\n') i += 2;
      else i++;
    }
  }
  return out;
}

function readConfig(opts: CsvOptions, withComment: boolean): ReadConfig {
  return { delimiter: opts.delimiter, quote: opts.quote, escape: opts.escape, comment: withComment ? opts.comment : undefined };
}

function trimmed(fields: string[], trim: boolean): string[] {
  return trim ? fields.map((f) => f.trim()) : fields;
}

/** Rename headers equal to a label to that label's key. */
function labelsToKeys(headers: string[], labels: Record<string, string> | undefined): string[] {
  if (!labels) return headers;
  const byLabel = new Map<string, string>();
  for (const [key, label] of Object.entries(labels)) byLabel.set(label, key);
  return headers.map((h) => byLabel.get(h) ?? h);
}

/** Rename headers equal to a key to its label (writing). */
export function keysToLabels(headers: string[], labels: Record<string, string> | undefined): string[] {
  if (!labels) return headers;
  return headers.map((h) => (Object.prototype.hasOwnProperty.call(labels, h) ? labels[h] : h));
}

/** Full parse: header row (when `has_header`), then rows; all-blank rows dropped when `skip_empty_lines`. */
export function parseCsv(content: string, opts: CsvOptions): CsvContent {
  const records = readRecords(content, readConfig(opts, true));
  let headers: string[] = [];
  let first = 0;
  if (opts.has_header) {
    headers = records.length > 0 ? labelsToKeys(trimmed(records[0].fields, opts.trim_fields), opts.header_labels) : [];
    first = 1;
  }
  const rows: string[][] = [];
  for (let k = first; k < records.length; k++) {
    const fields = trimmed(records[k].fields, opts.trim_fields);
    if (opts.skip_empty_lines && fields.every((f) => f.trim() === '')) continue;
    rows.push(fields);
  }
  return { _type: 'CsvContent', headers, rows };
}

/** The header row only (the first record), with labels mapped to keys. */
export function csvHeaders(content: string, opts: CsvOptions = normalizeCsvOptions({})): string[] {
  const records = readRecords(content, readConfig(opts, true), 1);
  if (records.length === 0) return [];
  return labelsToKeys(trimmed(records[0].fields, opts.trim_fields), opts.header_labels);
}

/** First record of `row` (no header, no comments), as `aip.csv.parse_row` does. */
export function parseCsvRow(row: string, opts: CsvOptions): string[] {
  const records = readRecords(row, readConfig(opts, false), 1);
  return records.length === 0 ? [] : trimmed(records[0].fields, opts.trim_fields);
}

/**
 * [start, end) character offsets of each record, as `aip.file.csv_row_spans` counts them:
 * every `\n` outside double quotes ends a record (blank lines included), a `\r` before it
 * is left out, `""` inside quotes is a literal quote, and a last record without `\n` counts.
 */
export function csvRowSpans(content: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === '"') {
      if (inQuotes && content[i + 1] === '"') i++;
      else inQuotes = !inQuotes;
    } else if (c === '\n' && !inQuotes) {
      spans.push([start, i > start && content[i - 1] === '\r' ? i - 1 : i]);
      start = i + 1;
    }
  }
  if (start < content.length) spans.push([start, content.length]);
  return spans;
}

// ---------------------------------------------------------------------------
// Writing

/** Thrown for a cell value CSV cannot hold (a function…); callers prefix their name. */
export class CsvValueError extends Error {}

/** Text of one cell: strings as-is, numbers/booleans as text, tables as JSON, nil/null empty. */
export function csvCellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatCsvNumber(v);
  if (v instanceof LuaFloat) return formatCsvNumber(v.value);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'object') return stringifyJson(v, false);
  throw new CsvValueError(`unsupported value type '${typeof v}'`);
}

/** Numbers as Rust's `Display` prints them: never an exponent, `1.0` as `1`. */
function formatCsvNumber(n: number): string {
  if (Number.isInteger(n) && Number.isFinite(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return formatFloat(n);
}

/** One record as CSV text, without the line terminator. */
export function csvRecordText(cells: string[], opts: Pick<CsvOptions, 'delimiter' | 'quote'>): string {
  const { delimiter: d, quote: q } = opts;
  if (cells.length === 0 || (cells.length === 1 && cells[0] === '')) return q + q;
  return cells
    .map((c) => (c.includes(d) || c.includes(q) || c.includes('\n') || c.includes('\r') ? q + c.split(q).join(q + q) + q : c))
    .join(d);
}

/** Rows as CSV text, each ending with `\n`. Cells go through `csvCellText`. */
export function stringifyCsvRows(rows: unknown[][], opts: CsvOptions): string {
  return rows.map((r) => csvRecordText(r.map(csvCellText), opts) + '\n').join('');
}
