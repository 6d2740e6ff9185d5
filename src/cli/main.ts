/**
 * `aip` — the headless host of the runtime. This file only parses the command line
 * and dispatches; each command lives in its own file.
 */
import { setFlagsFromString } from 'node:v8';
import { AIPACK_VERSION, versionLine } from '../runtime/version';
import { errorMessage } from '../runtime/errors';
import { parseArgs, UsageError } from './args';
import { cmdCheckKeys, cmdInit, cmdInitBase, cmdList } from './cmd-misc';
import { cmdCreateGitignore, cmdInstall, cmdPack, cmdUnpack } from './cmd-pack';
import { cmdRun } from './cmd-run';
import { processIo, type CliIo } from './io';

export const HELP = `aip ${AIPACK_VERSION} — run AIPack agents (.aip) from a terminal or CI

Usage:
  aip run <agent-or-pack-ref> [-i TEXT]... [-f GLOB]... [--dry req|res] [-v] [-w] [--ai-timeout SECS]
                          run an agent; the current dir is the workspace.
                          -i/--input TEXT    one input per value (repeatable)
                          -f/--on-files GLOB one input per matching file (repeatable; mixes with -i)
                          --dry req|res      req: no AI call, Output still runs with ai_response = nil;
                                             res: AI called, Output skipped (After All runs in both)
                          -v/--verbose       print the messages sent and the AI answer
                          -w/--watch         rerun when the agent file changes
                          --ai-timeout SECS  limit of one AI request attempt (default 300; 0 = none;
                                             env AIPACK_AI_TIMEOUT, config [limits] ai_request_timeout_secs);
                                             all attempts together: at most attempts x (SECS + 1) + the waits
  aip init [dir]          create .aipack/ in dir (default: current dir) and the base dir
  aip init-base           create or refresh ~/.aipack-base
  aip list [ref]          list pack agents (ns@, @name, ns@name)
  aip check-keys          show which provider API keys are set
  aip pack <dir> [-o DIR] zip a pack folder (with pack.toml) into ns@name-vX.Y.Z.aipack
  aip install <src> [--force]
                          install a pack into ~/.aipack-base/pack/installed; src is
                          ns@name (pack repository; AIPACK_REPO_URL overrides it),
                          a .aipack file, an http(s) link to one, or a git source
                          (git://, git+ssh://, user@host:path, https://….git) with an
                          optional #sub/dir. --force: reinstall or downgrade.
  aip unpack <ns@name> [--force]
                          copy a pack into .aipack/pack/custom/ to edit it locally
  aip create-gitignore [--force]
                          write a starting .gitignore in the current dir
  aip --help | --version

Exit codes: 0 run Ok (every task Ok) or skipped, 1 error (load, stage, provider, a failed task), 2 usage error,
3 run Ok with failed tasks (allow_run_on_task_fail), 130 cancelled (Ctrl-C; 143 SIGTERM, 129 SIGHUP).
`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let cmd;
  try {
    cmd = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`aip: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  try {
    switch (cmd.cmd) {
      case 'help':
        io.stdout.write(HELP);
        return argv.length === 0 ? 2 : 0;
      case 'version':
        io.stdout.write(`${versionLine()}\n`);
        return 0;
      case 'run':
        return await cmdRun(cmd, io);
      case 'init':
        return await cmdInit(cmd.dir, io);
      case 'init-base':
        return await cmdInitBase(io);
      case 'list':
        return await cmdList(cmd.ref, io);
      case 'check-keys':
        return await cmdCheckKeys(io);
      case 'pack':
        return await cmdPack(cmd.dir, cmd.outDir, io);
      case 'install':
        return await cmdInstall(cmd.source, cmd.force, io);
      case 'unpack':
        return await cmdUnpack(cmd.ref, cmd.force, io);
      case 'create-gitignore':
        return await cmdCreateGitignore(cmd.force, io);
    }
  } catch (err) {
    io.stderr.write(`aip: ${errorMessage(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // sql.js's wasm: compile it with the baseline compiler only. The optimizing tier compiles
  // the whole module on the two background threads a small machine has, which delayed a short
  // run's start by ~170 ms; the run database is a small share of a long run's time.
  setFlagsFromString('--liftoff-only');
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`aip: ${errorMessage(err)}\n`);
      process.exit(1);
    },
  );
}
