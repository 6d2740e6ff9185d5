export * from './archive';
export * from './gitignore';
export * from './installer';
export * from './pack-repo';
export * from './pack-source';
export * from './pack-version';
export * from './packer';
export * from './unpacker';
