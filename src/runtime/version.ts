import pkg from '../../package.json';

/**
 * The aipack release whose behaviour this runtime implements (the spec's version, §3).
 * This is what agents and packs see: `CTX.AIPACK_VERSION`, `aip --version`. Real packs gate
 * on it (`aip.semver.compare(CTX.AIPACK_VERSION, ">", "0.8.10")`), so it must never be the
 * extension's own version. Raise it only together with the behaviour it names.
 */
export const AIPACK_VERSION = '0.8.34';

/**
 * Version of this extension / CLI build (package.json). Shown next to AIPACK_VERSION where
 * users look (`aip --version`) and written to the base dir's `version.txt`, so a new build
 * refreshes the built-in packs (core@doc is generated from the catalog of the build).
 */
export const EXTENSION_VERSION: string = pkg.version;

/** `aip 0.8.34 (aipack-vscode 0.1.0)`: the one line `aip --version` prints. */
export function versionLine(): string {
  return `aip ${AIPACK_VERSION} (${pkg.name} ${EXTENSION_VERSION})`;
}
