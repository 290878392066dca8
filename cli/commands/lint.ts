/** `bijsluiter lint FILE`: problems in a payload or signed register; errors exit 1. */
import { schoolDay } from '../../lib/dates';
import { parseArgs, positional } from '../../node/args';
import type { Output } from '../../node/io';
import { formatProblems, lintPayload } from '../../lib/register/lint';
import { readPayloadJson } from '../payload-file';

export async function lint(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  const file = positional(args, 0, 'a FILE (payload or signed register)', 'lint');
  const { payload } = readPayloadJson(file);
  const problems = lintPayload(payload, schoolDay(new Date()));
  if (args.flags.has('json')) io.out(JSON.stringify(problems, null, 2));
  else for (const line of formatProblems(problems)) io.out(line);
  const errors = problems.filter((p) => p.level === 'error').length;
  if (!args.flags.has('json')) io.out(`${errors} error(s), ${problems.length - errors} warning(s)`);
  return errors > 0 ? 1 : 0;
}
