/**
 * Pack references (§5.4): `namespace@name[$base|$workspace][/sub/path]`, and
 * the partial `ns@` / `@name` forms that only `aip list` accepts.
 */
import * as path from 'node:path';

/** Where the sub path of a pack ref points: the pack itself, or one of its support dirs. */
export type PackRefScope = 'PackDir' | 'BaseSupport' | 'WorkspaceSupport';

export interface PackRef {
  namespace: string;
  name: string;
  scope: PackRefScope;
  /** Text after the first `/`; undefined when empty. May end with `/`. */
  subPath?: string;
}

export interface PartialPackRef {
  namespace?: string;
  name?: string;
}

const IDENTITY_RGX = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;
const CHARSET_RULE = 'can only contain alphanumeric characters, hyphens, and underscores, and cannot start with a number.';

export function validateNamespace(namespace: string): void {
  if (!IDENTITY_RGX.test(namespace)) {
    throw new Error(`Pack namespace '${namespace}' is not valid.\nCause: Pack namespace ${CHARSET_RULE}`);
  }
}

export function validatePackName(name: string): void {
  if (name.trim() === '') throw new Error(`Pack name '${name}' is not valid.\nCause: Pack name cannot be empty`);
  if (!IDENTITY_RGX.test(name)) {
    throw new Error(`Pack name '${name}' is not valid.\nCause: Pack name ${CHARSET_RULE}`);
  }
}

/**
 * A string is taken as a pack ref when it contains `@`, does not start with
 * `.` and is not absolute — so `./a@b.txt` stays a plain file path (§5.4).
 */
export function looksLikePackRef(s: string): boolean {
  return s.includes('@') && !s.startsWith('.') && !path.isAbsolute(s);
}

export function parsePackRef(fullRef: string): PackRef {
  const parts = fullRef.split('@');
  if (parts.length === 1) throw new Error(`Pack reference '${fullRef}' is not valid.\nCause: No '@' sign`);
  if (parts.length > 2) throw new Error(`Invalid pack reference format: '${fullRef}'. Too many '@' symbols.`);

  const [namespace, rest] = parts;
  // ⚠ The README's `aip run @proof` shortcut is rejected by the code; so here (§5.4, §12.5 #6).
  if (namespace === '') {
    throw new Error(`Invalid pack reference format: '${fullRef}'. Namespace cannot be empty when '@' is present.`);
  }
  if (rest === '') {
    throw new Error(`Invalid pack reference format: '${fullRef}'. Pack name/path part cannot be empty after '@'.`);
  }
  validateNamespace(namespace);

  const slash = rest.indexOf('/');
  const nameAndScope = slash >= 0 ? rest.slice(0, slash) : rest;
  const subRaw = slash >= 0 ? rest.slice(slash + 1) : '';
  const subPath = subRaw === '' ? undefined : subRaw;

  let name = nameAndScope;
  let scope: PackRefScope = 'PackDir';
  const dollar = nameAndScope.indexOf('$');
  if (dollar >= 0) {
    name = nameAndScope.slice(0, dollar);
    const scopeStr = nameAndScope.slice(dollar + 1);
    if (name === '') {
      throw new Error(`Invalid pack reference format: '${fullRef}'. Pack name cannot be empty before '$'.`);
    }
    if (scopeStr === 'base') scope = 'BaseSupport';
    else if (scopeStr === 'workspace') scope = 'WorkspaceSupport';
    else if (scopeStr === '') {
      throw new Error(
        `Invalid pack reference scope in '${fullRef}'. Scope cannot be empty after '$'. Expected '$base' or '$workspace'`,
      );
    } else {
      throw new Error(
        `Invalid pack reference scope in '${fullRef}'. Expected '$base' or '$workspace', found '$${scopeStr}'.`,
      );
    }
  }
  validatePackName(name);

  if (subPath !== undefined) {
    if (subPath.includes('$')) {
      throw new Error(`Invalid pack reference format: '${fullRef}'. Character '$' is not allowed in the sub-path.`);
    }
    if (subPath.split('/').some((seg) => seg === '..')) {
      throw new Error(`Invalid pack reference format: '${fullRef}'. Sub-path cannot contain '..'.`);
    }
  }

  return { namespace, name, scope, subPath };
}

/** `ns@name`, without scope or sub path. */
export function packIdentity(ref: { namespace: string; name: string }): string {
  return `${ref.namespace}@${ref.name}`;
}

/** Canonical text of a ref; a trailing `/` of the sub path is dropped, as the original prints it. */
export function formatPackRef(ref: PackRef): string {
  const scope = ref.scope === 'BaseSupport' ? '$base' : ref.scope === 'WorkspaceSupport' ? '$workspace' : '';
  const sub = ref.subPath ? `/${ref.subPath.replace(/\/+$/, '')}` : '';
  return `${ref.namespace}@${ref.name}${scope}${sub}`;
}

/**
 * Partial ref for `aip list` (§11.1): `ns@`, `@name`, `ns@name`, or empty.
 * A bare word without `@` is a namespace (what the original intends; its
 * code looks up a namespace literally named `pack_ref` instead).
 */
export function parsePartialPackRef(s: string | undefined): PartialPackRef {
  const text = (s ?? '').trim();
  if (text === '') return {};
  const at = text.indexOf('@');
  if (at >= 0 && text.indexOf('@', at + 1) >= 0) {
    throw new Error(`Invalid pack reference format: '${text}'. Too many '@' symbols.`);
  }
  const ns = at >= 0 ? text.slice(0, at) : text;
  const name = at >= 0 ? text.slice(at + 1) : '';
  const out: PartialPackRef = {};
  if (ns !== '') {
    validateNamespace(ns);
    out.namespace = ns;
  }
  if (name !== '') {
    validatePackName(name);
    out.name = name;
  }
  return out;
}
