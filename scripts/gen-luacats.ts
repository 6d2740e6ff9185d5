// Writes media/luacats/aip.lua (shipped in the .vsix) from the aip catalog.
// Run: npx tsx scripts/gen-luacats.ts [out-file]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateLuaCats } from '../src/server/luacats';

const out = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'media', 'luacats', 'aip.lua'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, generateLuaCats());
console.log(`wrote ${out}`);
