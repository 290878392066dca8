/** A small argument parser: positional arguments and `--name value` / `--flag` options. */
import { CliError } from './io';

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

/** Parses `argv`; `valued` lists the options that take a value (they may repeat). */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const result: ParsedArgs = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      result.positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (flags.includes(name)) result.flags.add(name);
    else if (valued.includes(name)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
      result.options.set(name, [...(result.options.get(name) ?? []), value]);
    } else throw new CliError(`unknown option --${name}`);
  }
  return result;
}

/** The single value of an option, or undefined. */
export function option(args: ParsedArgs, name: string): string | undefined {
  return args.options.get(name)?.at(-1);
}

/** The value of a required option. */
export function requiredOption(args: ParsedArgs, name: string, command: string): string {
  const value = option(args, name);
  if (value === undefined) throw new CliError(`${command} needs --${name}`);
  return value;
}

/** The n-th positional argument, required. */
export function positional(args: ParsedArgs, index: number, what: string, command: string): string {
  const value = args.positional[index];
  if (value === undefined) throw new CliError(`${command} needs ${what}`);
  return value;
}
