import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'agent');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** Build `.aip` text from lines, so tests show exactly which line is which. */
export function aip(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
