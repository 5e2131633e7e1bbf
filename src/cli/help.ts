// The CLI's help, generated from the command table (./commands.ts) and, for the experiment flags,
// from the config schema's CONFIG_FIELDS: names, ranges and defaults are written once.
import { FIELDS, describeAllowed, formatFieldValue, type Field } from '../schema/config';
import { COMMANDS, GLOBAL_FLAGS, type Command, type FlagSpec } from './commands';
import { version } from '../../package.json';

export const VERSION: string = version;

interface Row {
  flag: string;
  text: string;
}

function flagRow(f: FlagSpec): Row {
  const flag = `--${f.name}${f.value ? ' ' + f.value : ''}${f.name === 'help' ? ', -h' : ''}`;
  return { flag, text: `${f.help}${f.default !== undefined ? ` (default ${f.default})` : ''}` };
}

function fieldRow(f: Field): Row {
  const value = f.kind === 'bool' ? 'BOOL' : f.kind === 'int' || f.kind === 'choice' ? 'N' : f.kind === 'number' ? 'X' : 'VALUE';
  return { flag: `--${f.name} ${value}`, text: `${f.label}: ${describeAllowed(f)} (default ${formatFieldValue(f, f.default)})` };
}

function table(rows: Row[]): string {
  const w = Math.max(...rows.map((r) => r.flag.length)) + 2;
  return rows.map((r) => `  ${r.flag.padEnd(w)}${r.text}`).join('\n');
}

/** `tangent-lab help` / `tangent-lab --help`: the commands and the flags every command takes. */
export function generalHelp(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `usage: tangent-lab <command> [flags]

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(w)}${c.summary}`).join('\n')}

\`tangent-lab <command> --help\` lists the command's flags with their ranges and defaults;
the experiment flags (--width, --depth, …) have the names and ranges of the app's URL parameters.

flags of every command:
${table(GLOBAL_FLAGS.map(flagRow))}
  --version${' '.repeat(Math.max(2, w + 8 - '--version'.length))}print the version (${VERSION})`;
}

/** `tangent-lab <command> --help`: the command's own flags, its experiment flags and the global ones. */
export function commandHelp(cmd: Command): string {
  const parts = [`usage: tangent-lab ${cmd.name}${cmd.positionals ? ' ' + cmd.positionals : ''} [flags]`, '', cmd.summary + (cmd.details ? '\n' + cmd.details : '')];
  if (cmd.flags.length > 0) parts.push('', `flags of ${cmd.name}:`, table(cmd.flags.map(flagRow)));
  if (cmd.experiment) parts.push('', 'experiment flags (same names and ranges as the app\'s URL parameters):', table(FIELDS.map(fieldRow)));
  parts.push('', 'flags of every command:', table(GLOBAL_FLAGS.map(flagRow)));
  return parts.join('\n');
}
