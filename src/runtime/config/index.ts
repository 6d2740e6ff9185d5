export * from './options';
export * from './config-file';
export * from './cascade';
