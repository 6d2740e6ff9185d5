import pkg from '../../package.json';

/** Version of this runtime, shown as `CTX.AIPACK_VERSION` and written to the base dir's `version.txt`. */
export const RUNTIME_VERSION: string = pkg.version;
