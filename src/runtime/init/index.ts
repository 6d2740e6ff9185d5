export * from './init-base';
export * from './init-workspace';
export { CONFIG_DEFAULT_TOML, CONFIG_USER_TOML, WORKSPACE_CONFIG_TOML } from './assets/base-configs';
