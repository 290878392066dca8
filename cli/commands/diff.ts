/** `bijsluiter diff OLD NEW [--json]`: what changed for teachers between two registers. */
import { parseArgs, positional } from '../../node/args';
import type { Output } from '../../node/io';
import { diffPayloads, formatDiff } from '../../lib/register/diff';
import { readValidPayload } from '../payload-file';

export async function diff(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  const before = readValidPayload(positional(args, 0, 'OLD and NEW registers', 'diff'));
  const after = readValidPayload(positional(args, 1, 'OLD and NEW registers', 'diff'));
  const result = diffPayloads(before, after);
  if (args.flags.has('json')) io.out(JSON.stringify(result, null, 2));
  else for (const line of formatDiff(result)) io.out(line);
  return 0;
}
