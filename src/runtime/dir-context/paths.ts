/**
 * Names of the folders and files that make up the base dir and the workspace
 * `.aipack/` dir (§5.1). One place, so a rename cannot drift between modules.
 */
export const AIPACK_BASE_DIR_NAME = '.aipack-base';
export const AIPACK_DIR_NAME = '.aipack';

export const CONFIG_FILE_NAME = 'config.toml';
export const CONFIG_BASE_DEFAULT_FILE_NAME = 'config-default.toml';
export const CONFIG_BASE_USER_FILE_NAME = 'config-user.toml';
/** Legacy base config, renamed at init and never read (§4.1). */
export const CONFIG_BASE_LEGACY_FILE_NAME = 'config.toml';
export const CONFIG_BASE_DEPRECATED_FILE_NAME = 'config-deprecated.toml';
export const VERSION_FILE_NAME = 'version.txt';

export const PACK_CUSTOM = 'pack/custom';
export const PACK_INSTALLED = 'pack/installed';
export const PACK_DOWNLOAD = 'pack/.download';
export const SUPPORT_PACK = 'support/pack';
export const SESSION_DIR = '.session';

/** Env override of the base dir, so tests and CI never touch the real home. */
export const BASE_DIR_ENV = 'AIPACK_BASE_DIR';
