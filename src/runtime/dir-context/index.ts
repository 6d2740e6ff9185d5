export * from './paths';
export * from './pack-ref';
export * from './dir-context';
export * from './pack-dirs';
export * from './path-resolver';
export * from './find-agent';
export * from './pack-toml';
