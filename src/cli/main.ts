// The headless command line: the same engine as the app, on the tfjs wasm (or cpu) backend. The
// commands, their flags and their run functions are the table in ./commands.ts.
import { useNodeBackend } from '../engine/nodeBackend';
import { HelpRequested, parseCliArgs, type CliArgs } from './args';
import { COMMANDS, commandByName } from './commands';
import { VERSION, commandHelp, generalHelp } from './help';
import { EXIT, UsageError, type Io } from './io';

export type { Io } from './io';

/** `--help` / `-h` anywhere: the command's help (or the general one); `help <command>` likewise. */
function helpFor(argv: string[]): string | null {
  const [first = 'help', second] = argv;
  const wantsHelp = first === 'help' || argv.some((a) => a === '--help' || a === '-h');
  if (!wantsHelp) return null;
  const cmd = commandByName(first === 'help' ? (second ?? '') : first);
  return cmd ? commandHelp(cmd) : generalHelp();
}

export async function main(argv: string[], io: Io): Promise<number> {
  const help = helpFor(argv);
  if (help !== null) {
    io.stdout(help + '\n');
    return 0;
  }
  if (argv.includes('--version')) {
    io.stdout(VERSION + '\n');
    return 0;
  }
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      io.stdout(generalHelp() + '\n');
      return 0;
    }
    io.stderr(`error: ${oneLine((e as Error).message)}\n`);
    return EXIT.usage;
  }
  const cmd = commandByName(args.command) ?? COMMANDS[0];
  await useNodeBackend(args.backend);
  try {
    return await cmd.run(args, io);
  } catch (e) {
    io.stderr(`error: ${oneLine((e as Error).message)}\n`);
    return e instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
}

/** A message on one line: control characters (a newline inside a flag name or value) written as escapes. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
