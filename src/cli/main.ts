/**
 * `aip` — the headless host of the runtime. Commands are added as the runtime grows;
 * this file only parses the command line and dispatches.
 */
import { RUNTIME_VERSION } from '../runtime/version';

const HELP = `aip ${RUNTIME_VERSION} — run AIPack agents (.aip) from a terminal or CI

Usage:
  aip run <agent-or-pack-ref> [-i TEXT]... [-f GLOB]... [--dry req|res] [-v] [-w]
  aip init [dir]          create .aipack/ in dir (default: current dir) and the base dir
  aip init-base           create or refresh ~/.aipack-base
  aip list [ref]          list packs (ns@, @name, ns@name)
  aip check-keys          show which provider API keys are set
  aip --help | --version
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP);
    return cmd === undefined ? 1 : 0;
  }
  if (cmd === '--version' || cmd === '-V') {
    process.stdout.write(`aip ${RUNTIME_VERSION}\n`);
    return 0;
  }
  process.stderr.write(`aip: unknown command '${cmd}'. Run 'aip --help'.\n`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`aip: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
