/**
 * `aip.file` structured-data functions (§8.5): load_json/toml/yaml/ndjson,
 * append_json_line(s), load_md_sections, load_md_split_first.
 */
import { promises as fsp } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import type { CallContext, CatalogEntry } from '../catalog';
import { argString, argStringOrList, luaTypeName } from '../catalog';
import { errorMessage } from '../../errors';
import { ensureParentDir, infoOf, readForFn, readUtf8, requireWorkspace, resolveUserPath, withLock } from './file-common';
import { readCapOf } from './file-read-guard';
import { checkAccessWrite } from './file-guard';
import { parseJsonLenient, stringifyJson } from './json-value';
import { mdSections, mdSplitFirst } from './md-support';

/** TOML dates/times become their TOML text, as the original's TOML→JSON conversion does. */
function tomlToPlain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(tomlToPlain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = tomlToPlain(x);
    return out;
  }
  return v;
}

async function appendJsonLines(call: CallContext, path: string, values: unknown[]): Promise<unknown> {
  const wks = requireWorkspace(call);
  const abs = resolveUserPath(call, path);
  return withLock(call, abs, async () => {
    checkAccessWrite(abs, wks);
    let text = '';
    for (const v of values) {
      try {
        text += stringifyJson(v, false) + '\n';
      } catch (err) {
        // aipack words the conversion failure per function (file_json.rs).
        const what = call.fnName.endsWith('.append_json_lines') ? `Failed to append json lines to '${path}'` : `Failed to convert Lua data to JSON for file '${path}'`;
        throw new Error(`${call.fnName} - ${what}.\nCause: ${errorMessage(err)}`);
      }
    }
    await ensureParentDir(abs);
    try {
      await fsp.appendFile(abs, text);
    } catch (err) {
      // Two spaces before the path, as aipack's text has them (users search for this string).
      throw new Error(`${call.fnName} - Failed to append json line to  '${path}'.\nCause: ${errorMessage(err)}`);
    }
    return infoOf(call, path, abs);
  });
}

export const fileDataEntries: CatalogEntry[] = [
  {
    name: 'load_json',
    signature: 'aip.file.load_json(path: string) -> any',
    doc: [
      'Load and parse a JSON file. Lenient: comments, trailing commas and relaxed quoting (JSONC/JSON5) are accepted.',
      '',
      'An empty file returns nil; a JSON `null` returns `null`.',
      '',
      'Example: `local pkg = aip.file.load_json("package.json"); print(pkg.name)`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      const text = await readForFn(call, resolveUserPath(call, p), p, 'json');
      try {
        return parseJsonLenient(text);
      } catch (err) {
        throw new Error(`${call.fnName} - Failed to read json file '${p}'.\nCause: ${errorMessage(err)}`);
      }
    },
  },
  {
    name: 'load_toml',
    signature: 'aip.file.load_toml(path: string) -> table',
    doc: [
      'Load and parse a TOML file into a table. Dates and times come back as strings.',
      '',
      'Example: `local cfg = aip.file.load_toml("Cargo.toml"); print(cfg.package.name)`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      const text = await readForFn(call, resolveUserPath(call, p), p, 'toml');
      try {
        return tomlToPlain(parseToml(text));
      } catch (err) {
        throw new Error(`${call.fnName} - Failed to parse toml file '${p}'.\nCause: ${errorMessage(err)}`);
      }
    },
  },
  {
    name: 'load_yaml',
    signature: 'aip.file.load_yaml(path: string) -> any[]',
    doc: [
      'Load a YAML file; always returns a list with one entry per document (`---` separated).',
      '',
      'Example: `local docs = aip.file.load_yaml("config.yaml"); local cfg = docs[1]`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      const text = await readForFn(call, resolveUserPath(call, p), p, 'yaml');
      const docs = parseAllDocuments(text);
      const list = Array.isArray(docs) ? docs : [];
      const out: unknown[] = [];
      for (const doc of list) {
        if (doc.errors.length > 0) {
          throw new Error(`${call.fnName} - Failed to parse yaml file '${p}'.\nCause: ${doc.errors[0].message}`);
        }
        out.push(doc.toJS());
      }
      return out;
    },
  },
  {
    name: 'load_ndjson',
    signature: 'aip.file.load_ndjson(path: string) -> any[]',
    doc: [
      'Load a newline-delimited JSON file: one JSON value per non-empty line, returned as a list.',
      '',
      'Example: `for _, ev in ipairs(aip.file.load_ndjson("events.ndjson")) do print(ev.kind) end`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      // aipack: `Failed to load newline json file '…'` around simple-fs's open or per-line error.
      const failed = (cause: string) => new Error(`${call.fnName} - Failed to load newline json file '${p}'.\nCause: ${cause}`);
      const abs = resolveUserPath(call, p);
      let text: string;
      try {
        text = await readUtf8(abs, readCapOf(call));
      } catch (err) {
        throw failed(`Cannot open file '${abs}'\nCause: ${errorMessage(err)}`);
      }
      const out: unknown[] = [];
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (line === '') continue;
        try {
          out.push(parseJsonLenient(line, { strict: true }));
        } catch (err) {
          throw failed(`Error processing NDJSON: ${call.fnName} - Failed to parse JSON on line ${i + 1}. Cause: ${errorMessage(err)}`);
        }
      }
      return out;
    },
  },
  {
    name: 'append_json_line',
    signature: 'aip.file.append_json_line(path: string, value: any) -> FileInfo',
    doc: [
      'Append `value` as one line of compact JSON (plus `\\n`) to a file; creates it and its dirs if needed.',
      'Takes the file\'s write lock, so concurrent tasks never interleave lines.',
      '',
      'Example: `aip.file.append_json_line("out/results.ndjson", { path = input.path, ok = true })`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, value: unknown) =>
      appendJsonLines(call, argString(call, path, 'path'), [value]),
  },
  {
    name: 'append_json_lines',
    signature: 'aip.file.append_json_lines(path: string, values: any[]) -> FileInfo',
    doc: [
      'Append each element of `values` as its own line of compact JSON, in one write.',
      '',
      'Example: `aip.file.append_json_lines("out/rows.ndjson", { {id = 1}, {id = 2} })`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, values: unknown) => {
      const p = argString(call, path, 'path');
      let list: unknown[];
      if (Array.isArray(values)) list = values;
      else if (values !== null && typeof values === 'object' && Object.keys(values).length === 0) list = [];
      else {
        throw new Error(
          `${call.fnName} - Failed to append json lines to '${p}'.\nCause: expected a list of values but got ${luaTypeName(values)}`,
        );
      }
      return appendJsonLines(call, p, list);
    },
  },
  {
    name: 'load_md_sections',
    signature: 'aip.file.load_md_sections(path: string, headings?: string|string[]) -> MdSection[]',
    doc: [
      'Split a Markdown file into `MdSection`s by heading (`content`, `heading_raw`, `heading_content`,',
      '`heading_level`, `heading_name`). Without `headings`, all sections, the text before the first heading included.',
      'With `headings` (heading lines such as `"## Install"`: level and name must match, case-sensitive), only those',
      'sections, each with its sub-sections.',
      '',
      'Example: `local secs = aip.file.load_md_sections("README.md", {"# Install", "## Usage"})`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, headings: unknown) => {
      const p = argString(call, path, 'path');
      const names = headings === undefined || headings === null ? undefined : argStringOrList(call, headings, 'headings');
      const text = await readForFn(call, resolveUserPath(call, p), p, 'markdown');
      return mdSections(text, names);
    },
  },
  {
    name: 'load_md_split_first',
    signature: 'aip.file.load_md_split_first(path: string) -> {before, first: MdSection|nil, after}',
    doc: [
      'Split a Markdown file into its first section and the rest: `first` is the text before the first heading',
      '(a heading-less section) or, when the file starts with a heading, that heading\'s section; `after` is',
      'everything from the next heading. `before` is always "" (as in aipack). `first` is nil for an empty file.',
      '',
      'Example: `local s = aip.file.load_md_split_first("doc.md"); print(s.first.heading_name, #s.after)`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      const text = await readForFn(call, resolveUserPath(call, p), p, 'markdown');
      const split = mdSplitFirst(text);
      return { before: split.before, first: split.first, after: split.after };
    },
  },
];
