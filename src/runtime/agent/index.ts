export * from './types';
export * from './fence';
export * from './headings';
export * from './parse';
export * from './options-block';
export * from './part-options';
export * from './build';
