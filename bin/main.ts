/**
 * `bijsluiter`: the register's commands (cli/) and the console's (console/command.ts), joined
 * here so that neither imports the other.
 */
import { REGISTER_COMMANDS, REGISTER_HELP } from '../cli/main';
import { CONSOLE_HELP, consoleCommand } from '../console/command';
import type { Output } from '../node/io';
import { runCommand } from '../node/run-command';

const HELP = `${REGISTER_HELP}

${CONSOLE_HELP}

The guide for FGs: docs/fg-guide.md (Nederlands), docs/fg-guide.en.md (English).`;

export function main(argv: string[], io?: Output): Promise<number> {
  return runCommand({ ...REGISTER_COMMANDS, console: consoleCommand }, HELP, argv, io);
}
