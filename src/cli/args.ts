/**
 * Command-line parsing for `aip`. Hand-rolled because the grammar is tiny and the
 * error messages must be ours: every mistake says what was wrong and points at `--help`.
 */

export type DryMode = 'req' | 'res';

export type CliCommand =
  | { cmd: 'help' }
  | { cmd: 'version' }
  | {
      cmd: 'run';
      agent: string;
      inputs: string[];
      fileGlobs: string[];
      dry?: DryMode;
      verbose: boolean;
      watch: boolean;
      /** `--ai-timeout SECS`: limit of one AI request attempt (0 = none). */
      aiTimeoutSecs?: number;
    }
  | { cmd: 'init'; dir?: string }
  | { cmd: 'init-base' }
  | { cmd: 'list'; ref?: string }
  | { cmd: 'check-keys' }
  | { cmd: 'pack'; dir: string; outDir?: string }
  | { cmd: 'install'; source: string; force: boolean }
  | { cmd: 'unpack'; ref: string; force: boolean }
  | { cmd: 'create-gitignore'; force: boolean };

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\nRun 'aip --help' for usage.`);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { cmd: 'help' };
  if (first === '--version' || first === '-V') return { cmd: 'version' };
  switch (first) {
    case 'run':
      return parseRun(rest);
    case 'init':
      return { cmd: 'init', dir: onePositional('init', rest) };
    case 'init-base':
      noArgs('init-base', rest);
      return { cmd: 'init-base' };
    case 'list':
      return { cmd: 'list', ref: onePositional('list', rest) };
    case 'check-keys':
      noArgs('check-keys', rest);
      return { cmd: 'check-keys' };
    case 'pack':
      return parsePack(rest);
    case 'install': {
      const { positional, force } = forceAndOne('install', rest, 'a pack source: ns@name, a .aipack file, a URL or a git source');
      return { cmd: 'install', source: positional, force };
    }
    case 'unpack': {
      const { positional, force } = forceAndOne('unpack', rest, 'a pack identity like ns@name');
      return { cmd: 'unpack', ref: positional, force };
    }
    case 'create-gitignore': {
      const force = rest.some((a) => a === '--force' || a === '-f');
      const other = rest.find((a) => a !== '--force' && a !== '-f');
      if (other !== undefined) throw new UsageError(`Unknown argument '${other}' for 'aip create-gitignore'.`);
      return { cmd: 'create-gitignore', force };
    }
    default:
      throw new UsageError(`Unknown command '${first}'.`);
  }
}

function noArgs(cmd: string, rest: string[]): void {
  if (rest.length > 0) throw new UsageError(`'aip ${cmd}' takes no arguments (got '${rest[0]}').`);
}

function onePositional(cmd: string, rest: string[]): string | undefined {
  const flags = rest.filter((a) => a.startsWith('-'));
  if (flags.length > 0) throw new UsageError(`Unknown option '${flags[0]}' for 'aip ${cmd}'.`);
  if (rest.length > 1) throw new UsageError(`'aip ${cmd}' takes at most one argument.`);
  return rest[0];
}

function parseRun(args: string[]): CliCommand {
  let agent: string | undefined;
  const inputs: string[] = [];
  const fileGlobs: string[] = [];
  let dry: DryMode | undefined;
  let verbose = false;
  let watch = false;
  let aiTimeoutSecs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    // `--input=x` forms are accepted too.
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inlineValue = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`Option '${flag}' needs a value.`);
      return v;
    };
    switch (flag) {
      case '-i':
      case '--input':
        inputs.push(value());
        break;
      case '-f':
      case '--on-files':
        fileGlobs.push(value());
        break;
      case '--dry': {
        const v = value();
        if (v !== 'req' && v !== 'res') throw new UsageError(`--dry takes 'req' or 'res' (got '${v}').`);
        dry = v;
        break;
      }
      case '-v':
      case '--verbose':
        verbose = true;
        break;
      case '-w':
      case '--watch':
        watch = true;
        break;
      case '--ai-timeout': {
        const v = value();
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n * 1000 > Number.MAX_SAFE_INTEGER) {
          throw new UsageError(`--ai-timeout takes a number of seconds >= 0 (got '${v}').`);
        }
        aiTimeoutSecs = n;
        break;
      }
      // Accepted for compatibility with aipack's CLI: the headless CLI is always single-shot.
      case '-s':
      case '--single-shot':
      case '--ni':
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option '${a}' for 'aip run'.`);
        if (agent !== undefined) throw new UsageError(`'aip run' takes one agent (got '${agent}' and '${a}').`);
        agent = a;
    }
  }
  if (agent === undefined) throw new UsageError("'aip run' needs an agent: a .aip path or a pack reference like ns@pack.");
  return { cmd: 'run', agent, inputs, fileGlobs, dry, verbose, watch, ...(aiTimeoutSecs !== undefined ? { aiTimeoutSecs } : {}) };
}

/** `<one positional> [--force]`, in any order. */
function forceAndOne(cmd: string, rest: string[], what: string): { positional: string; force: boolean } {
  let force = false;
  let positional: string | undefined;
  for (const a of rest) {
    if (a === '--force' || a === '-f') force = true;
    else if (a.startsWith('-')) throw new UsageError(`Unknown option '${a}' for 'aip ${cmd}'.`);
    else if (positional !== undefined) throw new UsageError(`'aip ${cmd}' takes one argument (got '${positional}' and '${a}').`);
    else positional = a;
  }
  if (positional === undefined) throw new UsageError(`'aip ${cmd}' needs ${what}.`);
  return { positional, force };
}

function parsePack(rest: string[]): CliCommand {
  let dir: string | undefined;
  let outDir: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-o' || a === '--output') {
      outDir = rest[++i];
      if (outDir === undefined) throw new UsageError(`Option '${a}' needs a directory.`);
    } else if (a.startsWith('--output=')) outDir = a.slice('--output='.length);
    else if (a.startsWith('-')) throw new UsageError(`Unknown option '${a}' for 'aip pack'.`);
    else if (dir !== undefined) throw new UsageError(`'aip pack' takes one directory (got '${dir}' and '${a}').`);
    else dir = a;
  }
  if (dir === undefined) throw new UsageError("'aip pack' needs the pack directory (the folder holding pack.toml).");
  return { cmd: 'pack', dir, outDir };
}
