/**
 * Globs read as aipack reads them: the `globset` crate (0.4.16+) with the options simple-fs sets,
 * `literal_separator(true)` and the defaults for the rest (backslash escapes on, case-sensitive,
 * empty alternates dropped). The glob is tokenised the way globset's parser does and compiled to
 * the same regular expression globset builds, so every glob-taking place here answers as aipack:
 * `{*.rs}` is an alternation of one, `{a,{b,c}}` nests, `*`/`?` stop at `/` but a class may
 * match it, `**` only recurses as a whole component, dotfiles match, `(`, `|`, `+`, `@` and a
 * leading `!` are plain text.
 *
 * Why not picomatch with options: it reads `{x}` as text, extglobs and `(a|b)` as groups and a
 * leading `!` as negation, and keeps `/` out of classes; no option set covers all of them, so a
 * translation would be a second parser anyway. Matching runs on the path's UTF-8 bytes, as
 * globset's byte regex does (`?` is one byte).
 */

type Token =
  | { t: 'lit'; c: string }
  | { t: 'any' }
  | { t: 'star' }
  | { t: 'recPrefix' }
  | { t: 'recSuffix' }
  | { t: 'recMiddle' }
  | { t: 'class'; negated: boolean; ranges: [string, string][] }
  | { t: 'alt'; branches: Token[][] };

/** A glob globset refuses; the message is globset's (`error parsing glob '…': …`). */
export class GlobError extends Error {
  constructor(
    readonly glob: string,
    readonly reason: string,
  ) {
    super(`error parsing glob '${glob}': ${reason}`);
    this.name = 'GlobError';
  }
}

const UNOPENED = "unopened alternate group; missing '{' (maybe escape '}' with '[}]'?)";
const UNCLOSED_ALT = "unclosed alternate group; missing '}' (maybe escape '{' with '[{]'?)";

class Parser {
  private readonly chars: string[];
  private i = 0;
  private prev: string | undefined;
  private cur: string | undefined;
  private readonly altStack: number[] = [];
  readonly branches: Token[][] = [[]];

  constructor(private readonly glob: string) {
    this.chars = Array.from(glob);
  }

  private fail(reason: string): never {
    throw new GlobError(this.glob, reason);
  }

  private bump(): string | undefined {
    this.prev = this.cur;
    this.cur = this.chars[this.i++];
    return this.cur;
  }

  private peek(): string | undefined {
    return this.chars[this.i];
  }

  private last(): Token[] {
    return this.branches[this.branches.length - 1];
  }

  private push(tok: Token): void {
    this.last().push(tok);
  }

  parse(): Token[] {
    for (let c = this.bump(); c !== undefined; c = this.bump()) {
      if (c === '?') this.push({ t: 'any' });
      else if (c === '*') this.parseStar();
      else if (c === '[') this.parseClass();
      else if (c === '{') {
        this.altStack.push(this.branches.length);
        this.branches.push([]);
      } else if (c === '}') {
        const start = this.altStack.pop();
        if (start === undefined) this.fail(UNOPENED);
        const alts = this.branches.splice(start);
        if (this.branches.length === 0) this.fail(UNOPENED);
        this.push({ t: 'alt', branches: alts });
      } else if (c === ',') {
        if (this.altStack.length === 0) this.push({ t: 'lit', c: ',' });
        else this.branches.push([]);
      } else if (c === '\\') {
        const next = this.bump();
        if (next === undefined) this.fail("dangling '\\'");
        this.push({ t: 'lit', c: next });
      } else this.push({ t: 'lit', c });
    }
    if (this.branches.length > 1) this.fail(UNCLOSED_ALT);
    return this.branches[0];
  }

  /** globset's `parse_star`: `**` recurses only as a whole component (start, `/**​/`, end, or an alternate). */
  private parseStar(): void {
    const prev = this.prev;
    const twoStars = (): void => {
      this.last().push({ t: 'star' }, { t: 'star' });
    };
    if (this.peek() !== '*') return this.push({ t: 'star' });
    this.bump();
    if (this.last().length === 0) {
      const next = this.peek();
      if (next !== undefined && next !== '/') return twoStars();
      this.push({ t: 'recPrefix' });
      this.bump();
      return;
    }
    if (prev !== '/' && (this.branches.length <= 1 || (prev !== ',' && prev !== '{'))) return twoStars();
    let isSuffix: boolean;
    const next = this.peek();
    if (next === undefined) {
      this.bump();
      isSuffix = true;
    } else if ((next === ',' || next === '}') && this.branches.length >= 2) {
      isSuffix = true;
    } else if (next === '/') {
      this.bump();
      isSuffix = false;
    } else return twoStars();
    const popped = this.last().pop() as Token;
    if (popped.t === 'recPrefix' || popped.t === 'recSuffix') this.push(popped);
    else this.push({ t: isSuffix ? 'recSuffix' : 'recMiddle' });
  }

  private parseClass(): void {
    const ranges: [string, string][] = [];
    let negated = false;
    if (this.peek() === '!' || this.peek() === '^') {
      this.bump();
      negated = true;
    }
    let first = true;
    let inRange = false;
    const extend = (r: [string, string], c: string) => {
      r[1] = c;
      if (r[1] < r[0]) this.fail(`invalid range; '${r[0]}' > '${r[1]}'`);
    };
    for (;;) {
      const c = this.bump();
      if (c === undefined) this.fail("unclosed character class; missing ']'");
      if (c === ']') {
        if (!first) break;
        ranges.push([']', ']']);
      } else if (c === '-') {
        if (first) ranges.push(['-', '-']);
        else if (inRange) {
          extend(ranges[ranges.length - 1], '-');
          inRange = false;
        } else inRange = true;
      } else {
        if (inRange) extend(ranges[ranges.length - 1], c);
        else ranges.push([c, c]);
        inRange = false;
      }
      first = false;
    }
    if (inRange) ranges.push(['-', '-']);
    this.push({ t: 'class', negated, ranges });
  }
}

/** A char as the byte-level regex text globset emits (`\xNN` for each byte of a non-ASCII char). */
function escapeChar(c: string): string {
  const bytes = Buffer.from(c, 'utf8');
  let out = '';
  for (const b of bytes) {
    if (b > 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else {
      const ch = String.fromCharCode(b);
      out += /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
    }
  }
  return out;
}

function tokensToRegex(tokens: Token[], literalSeparator: boolean): string {
  let re = '';
  for (const tok of tokens) {
    switch (tok.t) {
      case 'lit':
        re += escapeChar(tok.c);
        break;
      case 'any':
        re += literalSeparator ? '[^/]' : '.';
        break;
      case 'star':
        re += literalSeparator ? '[^/]*' : '.*';
        break;
      case 'recPrefix':
        re += '(?:/?|.*/)';
        break;
      case 'recSuffix':
        re += '/.*';
        break;
      case 'recMiddle':
        re += '(?:/|/.*/)';
        break;
      case 'class':
        re += `[${tok.negated ? '^' : ''}${tok.ranges.map(([a, b]) => (a === b ? escapeChar(a) : `${escapeChar(a)}-${escapeChar(b)}`)).join('')}]`;
        break;
      case 'alt': {
        // Empty alternates are dropped (globset's `empty_alternates(false)` default).
        const parts = tok.branches.map((b) => tokensToRegex(b, literalSeparator)).filter((p) => p !== '');
        if (parts.length > 0) re += `(?:${parts.join('|')})`;
        break;
      }
    }
  }
  return re;
}

export interface GlobOptions {
  /**
   * `*` and `?` stop at `/` (default true, as simple-fs's `get_glob_set` builds globs). Only
   * `sort_by_globs` turns it off: simple-fs sorts with plain `Glob::new`.
   */
  literalSeparator?: boolean;
}

/** The anchored regular expression globset builds for `glob` (over UTF-8 bytes as latin1 chars). */
export function globToRegex(glob: string, opts: GlobOptions = {}): RegExp {
  const tokens = new Parser(glob).parse();
  const literalSeparator = opts.literalSeparator ?? true;
  const body = tokens.length === 1 && tokens[0].t === 'recPrefix' ? '.*' : tokensToRegex(tokens, literalSeparator);
  return new RegExp(`^${body}$`, 's');
}

export type GlobMatcher = (path: string) => boolean;

const cache = new Map<string, RegExp>();
const CACHE_MAX = 500;

/** Compile once (throws GlobError for a glob globset refuses). The path is matched as given. */
export function compileGlob(glob: string, opts: GlobOptions = {}): GlobMatcher {
  const key = `${opts.literalSeparator === false ? 'S' : 'L'}${glob}`;
  let re = cache.get(key);
  if (!re) {
    re = globToRegex(glob, opts);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(key, re);
  }
  const r = re;
  return (path) => r.test(toBytes(path));
}

/** The path's UTF-8 bytes, one char each: what globset's byte regex sees. */
function toBytes(path: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(path) ? path : Buffer.from(path, 'utf8').toString('latin1');
}

/**
 * A GlobSet over `globs` (simple-fs's `get_glob_set`): true when any matches. A bad glob fails
 * with simple-fs's wording around globset's: `Cannot create glob pattern '…'.\nCause: error parsing glob …`.
 */
export function compileGlobSet(globs: string[]): GlobMatcher {
  const matchers = globs.map((g) => {
    try {
      return compileGlob(g);
    } catch (err) {
      if (err instanceof GlobError) throw new Error(`Cannot create glob pattern '${g}'.\nCause: ${err.message}`);
      throw err;
    }
  });
  return (path) => matchers.some((m) => m(path));
}

/**
 * Split globs typed in one box on commas and newlines, except a comma inside a `{…}` group or a
 * `[…]` class or after a `\` (so `src/**∕*.{ts,js}, docs/*.md` is two globs, not three).
 */
export function splitGlobList(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let inClass = false;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length && chars[i + 1] !== '\n') {
      cur += c + chars[++i];
      continue;
    }
    if (inClass) {
      // `]` right after `[`, `[!` or `[^` is a member, not the end (globset's parse_class).
      const opened = cur.endsWith('[') || cur.endsWith('[!') || cur.endsWith('[^');
      if (c === ']' && !opened) inClass = false;
      if (c === '\n') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    if (c === '\n' || (c === ',' && depth === 0 && !inClass)) {
      out.push(cur);
      cur = '';
      depth = 0;
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((g) => g.trim()).filter((g) => g !== '');
}
