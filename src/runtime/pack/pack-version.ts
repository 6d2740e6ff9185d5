/**
 * Version rules of `aip install` (§11.1): what counts as a newer pack, and which
 * pre-release forms may be installed.
 */
import * as semver from 'semver';

/** `<0` when `next` is older than `installed`, `0` same, `>0` newer. A leading `v` is ignored. */
export function compareForUpdate(installed: string, next: string): number {
  const a = installed.replace(/^v+/, '');
  const b = next.replace(/^v+/, '');
  const sa = semver.parse(a);
  const sb = semver.parse(b);
  // Versions that are not semver fall back to a plain text comparison, as aipack does.
  if (sa && sb) return semver.compare(sb, sa);
  return b < a ? -1 : b > a ? 1 : 0;
}

/** A pre-release must end with `.<number>` (`1.0.0-beta.2`), so installs order predictably. */
export function checkInstallableVersion(version: string): void {
  const v = version.replace(/^v+/, '');
  const dash = v.indexOf('-');
  if (dash < 0) return;
  if (!/\.[0-9]+$/.test(v.slice(dash + 1))) {
    throw new Error(
      `Version '${version}' cannot be installed: a pre-release version must end with a dot and a number (e.g. 1.0.0-alpha.1).`,
    );
  }
}
