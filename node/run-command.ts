/**
 * Runs one of `bijsluiter`'s commands: the help, an unknown command refused with the way to the
 * help, a CliError as one line with its exit code, and every printed line with control characters
 * made visible.
 */
import { CliError, consoleOutput, type Output } from './io';

export type Command = (argv: string[], io: Output) => Promise<number>;

/**
 * Control characters (ESC sequences, carriage returns, backspaces, bidirectional overrides) from a
 * register or source would act on the FG's terminal: hide a line, recolour it, rewrite it. Every
 * line the tool prints shows them as visible escapes instead.
 */
export function visibleControls(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Runs one command; returns the exit code (0 ok, 1 failed or invalid, 2 usage). */
export async function runCommand(commands: Record<string, Command>, help: string, argv: string[], rawIo: Output = consoleOutput): Promise<number> {
  const io: Output = { out: (line) => rawIo.out(visibleControls(line)), err: (line) => rawIo.err(visibleControls(line)) };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"; run "bijsluiter help"`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`bijsluiter ${name}: ${error.message}`);
      return error.code;
    }
    io.err(`bijsluiter ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}
