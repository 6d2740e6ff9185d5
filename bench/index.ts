// `npm run bench`: runs every bench/*.bench.ts (each exports `run(): Promise<Figure[]>`),
// prints one line per figure and, with `--json`, one JSON object as the last line.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './harness';

async function main() {
  const json = process.argv.includes('--json');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const all: Figure[] = [];
  for (const f of files) {
    const mod = (await import(join(__dirname, f))) as { run: () => Promise<Figure[]> };
    const figures = await mod.run();
    for (const fig of figures) {
      all.push(fig);
      console.log(`${fig.name.padEnd(28)} ${fig.value.toFixed(3).padStart(12)} ${fig.unit.padEnd(8)} target ${fig.target}`);
    }
  }
  if (json) console.log(JSON.stringify(Object.fromEntries(all.map((f) => [f.name, Number(f.value.toFixed(4))]))));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
