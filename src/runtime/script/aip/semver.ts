/**
 * `aip.semver` (§8.16): strict Semantic Versioning 2.0.0 parsing and comparison, with the
 * original's rules: no `v` prefix or spaces, prerelease sorts before the release, and build
 * metadata takes part in equality and order (`1.0.0+build` ≠ `1.0.0`), as Rust's `semver`.
 */
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { argString } from '../catalog';
import { luaNumberText } from './lua-number';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
  build: string[];
}

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const VERSION_RE = new RegExp(
  `^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`,
);

/** Reason a text is not a version (for the error message), or the parsed version. */
export function parseSemver(text: string): SemVer | string {
  const m = VERSION_RE.exec(text);
  if (!m) return explain(text);
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    pre: m[4] ? m[4].split('.') : [],
    build: m[5] ? m[5].split('.') : [],
  };
}

function explain(text: string): string {
  if (text.trim() === '') return 'empty string, expected a semver version';
  if (/^\s|\s$/.test(text)) return 'unexpected whitespace (expected MAJOR.MINOR.PATCH)';
  if (/^[vV=]/.test(text)) return `unexpected character '${text[0]}' while parsing major version number`;
  const core = text.split(/[-+]/)[0];
  const parts = core.split('.');
  const names = ['major', 'minor', 'patch'];
  for (let i = 0; i < 3; i++) {
    if (parts[i] === undefined || parts[i] === '') return `unexpected end of input while parsing ${names[i]} version number`;
    if (/^0\d/.test(parts[i])) return `invalid leading zero in ${names[i]} version number`;
    if (!/^\d+$/.test(parts[i])) return `unexpected character in ${names[i]} version number`;
  }
  if (parts.length > 3) return "unexpected character '.' after patch version number";
  return 'invalid prerelease or build metadata (expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])';
}

/** Compare dot-separated identifiers: numeric ones numerically and before alphanumeric ones. */
function compareIds(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    let c: number;
    if (xn && yn) c = BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : x.length - y.length;
    else if (xn) c = -1;
    else if (yn) c = 1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return Math.sign(c);
  }
  return Math.sign(a.length - b.length);
}

export function compareSemver(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  // A release sorts after its prereleases.
  if (a.pre.length === 0 && b.pre.length > 0) return 1;
  if (a.pre.length > 0 && b.pre.length === 0) return -1;
  const pre = compareIds(a.pre, b.pre);
  if (pre !== 0) return pre;
  return compareIds(a.build, b.build);
}

/** A string argument; numbers are taken as their text, as Lua's string coercion does. */
function text(call: CallContext, v: unknown, param: string): string {
  return luaNumberText(v) ?? argString(call, v, param);
}

function version(call: CallContext, v: unknown, param: string): SemVer {
  const text_ = text(call, v, param);
  const parsed = parseSemver(text_);
  if (typeof parsed === 'string') throw new Error(`Invalid version '${text_}': ${parsed}`);
  return parsed;
}

const entries: CatalogEntry[] = [
  {
    name: 'compare',
    signature: 'aip.semver.compare(a: string, op: string, b: string) -> boolean',
    doc: [
      'Compare two versions with an operator.',
      '',
      '- `a`, `b`: versions (`MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`, no `v` prefix).',
      '- `op`: `<`, `<=`, `=` or `==`, `>=`, `>`, `!=` or `~=`.',
      '',
      'Returns the comparison result. A prerelease is lower than its release (`1.2.3-alpha < 1.2.3`);',
      'build metadata counts too (`1.0.0+build ~= 1.0.0`). Errors: `Invalid version \'x\': …`,',
      '`Invalid operator \'op\'`.',
      '',
      'Example: `if aip.semver.compare(CTX.VERSION or "0.0.0", "<", "0.7.0") then … end`',
    ].join('\n'),
    impl: (call: CallContext, a: unknown, op: unknown, b: unknown) => {
      const va = version(call, a, 'a');
      const operator = argString(call, op, 'op');
      const vb = version(call, b, 'b');
      const c = compareSemver(va, vb);
      switch (operator) {
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '=':
        case '==':
          return c === 0;
        case '>=':
          return c >= 0;
        case '>':
          return c > 0;
        case '!=':
        case '~=':
          return c !== 0;
        default:
          throw new Error(`Invalid operator '${operator}'`);
      }
    },
  },
  {
    name: 'parse',
    signature: 'aip.semver.parse(v: string) -> {major, minor, patch, prerelease?, build?}',
    doc: [
      'Split a version into its parts.',
      '',
      '- `v`: the version text.',
      '',
      'Returns `{ major, minor, patch, prerelease?, build? }` (integers; `prerelease`/`build` are',
      'strings, absent when empty). Errors with `Invalid version \'v\': …`.',
      '',
      'Example: `local v = aip.semver.parse("1.2.3-beta.1+build.123") -- v.prerelease == "beta.1"`',
    ].join('\n'),
    impl: (call: CallContext, v: unknown) => {
      const p = version(call, v, 'v');
      const out: Record<string, unknown> = { major: p.major, minor: p.minor, patch: p.patch };
      if (p.pre.length > 0) out.prerelease = p.pre.join('.');
      if (p.build.length > 0) out.build = p.build.join('.');
      return out;
    },
  },
  {
    name: 'is_prerelease',
    signature: 'aip.semver.is_prerelease(v: string) -> boolean',
    doc: [
      'Whether a version has a prerelease part (`1.2.3-beta` → true, `1.0.0+build` → false).',
      '',
      '- `v`: the version text.',
      '',
      'Errors with `Invalid version \'v\': …`.',
      '',
      'Example: `if aip.semver.is_prerelease(version) then print("preview build") end`',
    ].join('\n'),
    impl: (call: CallContext, v: unknown) => version(call, v, 'v').pre.length > 0,
  },
  {
    name: 'valid',
    signature: 'aip.semver.valid(v: string) -> boolean',
    doc: [
      'Whether a text is a valid semantic version (`1.0` and `v1.2.3` are not). Never errors on the',
      'version text itself.',
      '',
      '- `v`: the text to check.',
      '',
      'Example: `if not aip.semver.valid(input) then return aip.flow.skip("bad version") end`',
    ].join('\n'),
    impl: (call: CallContext, v: unknown) => typeof parseSemver(text(call, v, 'v')) !== 'string',
  },
];

export const semverCatalog: ModuleCatalog = {
  module: 'semver',
  doc: 'Semantic versions (SemVer 2.0.0): compare with an operator, parse into parts, check validity and prerelease.',
  entries,
};
