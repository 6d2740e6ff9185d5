/**
 * `aip.yaml` (§8.9): parse multi-document YAML, write one or several documents.
 * YAML 1.2 core schema (as the original's serde_yaml_ng: `yes`/`no` stay strings).
 */
import { Document, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq, Pair } from 'yaml';
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { LuaFloat } from '../catalog';
import { errorMessage } from '../../errors';
import { optContent } from './json';
import { JsonConvertError } from './json-value';

/** True when a plain scalar's source text is a float literal (`1.0`, `1e3`, `.inf`). */
function isFloatSource(src: string): boolean {
  if (/^[-+]?0[xo]/i.test(src)) return false;
  return /[.eE]/.test(src) || /inf|nan/i.test(src);
}

export function parseYamlDocs(text: string): unknown[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw new Error(err.message);
    // Keep float literals floats (`1.0` stays `1.0` in Lua); non-finite numbers are null in
    // the original's JSON form.
    visit(doc, {
      Scalar(key, node) {
        if (key === 'key' || typeof node.value !== 'number') return;
        if (!Number.isFinite(node.value)) node.value = null;
        else if (Number.isInteger(node.value) && isFloatSource(node.source ?? '')) node.value = new LuaFloat(node.value);
      },
    });
    const v = doc.toJS({ maxAliasCount: 1000 });
    // A document that is just `null` is nil at the top of its list slot.
    out.push(v === null ? undefined : v);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Writing

/** Build a YAML node from a catalog value with the original's conversion (sorted keys, `{}` → `[]`). */
function toNode(v: unknown): unknown {
  if (v === undefined || v === null) return new Scalar(null);
  if (v instanceof LuaFloat) {
    const s = new Scalar(v.value);
    s.minFractionDigits = 1;
    return s;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new JsonConvertError('Cannot convert non-finite Lua number to JSON (NaN or Infinity)');
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return new Scalar(v);
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const x of v) seq.items.push(toNode(x));
    return seq;
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return new YAMLSeq();
    const map = new YAMLMap();
    for (const k of keys) map.items.push(new Pair(new Scalar(k), toNode((v as Record<string, unknown>)[k])));
    return map;
  }
  throw new JsonConvertError(`Cannot serialize Lua value to JSON: unsupported type (${typeof v})`);
}

export function stringifyYaml(v: unknown): string {
  const doc = new Document();
  doc.contents = toNode(v) as Document['contents'];
  // Layout close to serde_yaml: list items not indented under their key, no line folding.
  return doc.toString({ indentSeq: false, lineWidth: 0, singleQuote: true, blockQuote: 'literal' });
}

// ---------------------------------------------------------------------------

const entries: CatalogEntry[] = [
  {
    name: 'parse',
    signature: 'aip.yaml.parse(s: string|nil) -> any[]|nil',
    doc: [
      'Parse YAML text into a list of documents (documents are separated by `---`).',
      '',
      '- `s`: the YAML text; `nil` returns `nil`.',
      '',
      'Returns a list with one value per document (even for a single document). Nested `null`',
      'values are `null`. Errors with `aip.yaml.parse failed. …` on invalid YAML.',
      '',
      'Example: `local docs = aip.yaml.parse("name: John\\n---\\nname: Jane"); print(docs[2].name)`',
    ].join('\n'),
    impl: (call: CallContext, s: unknown) => {
      const text = optContent(call, s, 's');
      if (text === undefined) return undefined;
      try {
        return parseYamlDocs(text);
      } catch (err) {
        throw new Error(`aip.yaml.parse failed. ${errorMessage(err)}`);
      }
    },
  },
  {
    name: 'stringify',
    signature: 'aip.yaml.stringify(v: any) -> string',
    doc: [
      'Write a value as a single YAML document.',
      '',
      '- `v`: any value; keys are sorted, an empty table is `[]`, `nil`/`null` are `null`.',
      '',
      'Returns the YAML text (ends with a newline). Errors with `aip.yaml.stringify fail to stringify. …`',
      'for values YAML cannot hold here (functions, NaN).',
      '',
      'Example: `local text = aip.yaml.stringify({ name = "John", age = 30 })`',
    ].join('\n'),
    impl: (_call: CallContext, v: unknown) => {
      try {
        return stringifyYaml(v);
      } catch (err) {
        throw new Error(`aip.yaml.stringify fail to stringify. ${errorMessage(err)}`);
      }
    },
  },
  {
    name: 'stringify_multi_docs',
    signature: 'aip.yaml.stringify_multi_docs(docs: any[]) -> string',
    doc: [
      'Write a list of values as a multi-document YAML text, documents separated by `---`.',
      '',
      '- `docs`: a list; each item becomes one document.',
      '',
      'Returns the YAML text. Errors with `aip.yaml.stringify_multi_docs failed. Content must be a list of tables.`',
      'when `docs` is not a list.',
      '',
      'Example: `aip.file.save("all.yaml", aip.yaml.stringify_multi_docs({ { name = "D1" }, { name = "D2" } }))`',
    ].join('\n'),
    impl: (_call: CallContext, docs: unknown) => {
      // An empty table converts to an (empty) list in the original, so it is accepted.
      const isEmptyTable = docs !== null && typeof docs === 'object' && !(docs instanceof LuaFloat) && Object.keys(docs).length === 0;
      if (!Array.isArray(docs) && !isEmptyTable) throw new Error('aip.yaml.stringify_multi_docs failed. Content must be a list of tables.');
      const list = Array.isArray(docs) ? docs : [];
      const parts: string[] = [];
      for (let i = 0; i < list.length; i++) {
        try {
          parts.push(stringifyYaml(list[i]));
        } catch (err) {
          throw new Error(`aip.yaml.stringify_multi_docs fail to stringify. Cannot stringify multi-doc yaml at index ${i}: ${errorMessage(err)}`);
        }
      }
      return parts.join('---\n');
    },
  },
];

export const yamlCatalog: ModuleCatalog = {
  module: 'yaml',
  doc: 'YAML: parse multi-document YAML into a list of Lua values, write one or several documents.',
  entries,
};
