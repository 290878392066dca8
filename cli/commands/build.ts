/** `bijsluiter build SOURCE --out FILE`: the register payload from the FG's YAML or CSV source. */
import { assemblePayload, REGISTER_VALID_DAYS } from '../../lib/register/assemble';
import { schoolDay } from '../../lib/dates';
import { option, parseArgs, positional, requiredOption } from '../../node/args';
import { CliError, writeAtomic, type Output } from '../../node/io';
import { formatProblems, lintPayload } from '../../lib/register/lint';
import { readValidPayload } from '../payload-file';
import { loadSource } from '../../node/source';

/** Builds the payload object from a source (also used by the demo harness). */
export function buildPayload(sourcePath: string, options: { publisherFile?: string; serial: number; issuedAt: Date; validDays?: number }) {
  const source = loadSource(sourcePath, options.publisherFile);
  const payload = assemblePayload({ serial: options.serial, issuedAt: options.issuedAt, validDays: options.validDays ?? source.validDays ?? REGISTER_VALID_DAYS, publisher: source.publisher, tools: source.tools });
  return { payload, problems: lintPayload(payload, schoolDay(options.issuedAt), source.locate) };
}

export async function build(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['out', 'publisher', 'previous', 'serial', 'valid-days', 'issued-at']);
  const source = positional(args, 0, 'a SOURCE (YAML file, folder or CSV)', 'build');
  const out = requiredOption(args, 'out', 'build');
  const previous = option(args, 'previous');
  const serialText = option(args, 'serial');
  if (previous && serialText) throw new CliError('give --previous or --serial, not both');
  const serial = previous ? readValidPayload(previous).serial + 1 : serialText ? Number(serialText) : 1;
  if (!Number.isInteger(serial) || serial < 1) throw new CliError(`--serial must be a whole number of at least 1, not "${serialText}"`);
  const validDays = option(args, 'valid-days') === undefined ? undefined : Number(option(args, 'valid-days'));
  if (validDays !== undefined && (!Number.isInteger(validDays) || validDays < 1 || validDays > 400)) throw new CliError('--valid-days must be a whole number from 1 to 400');
  const issuedAtText = option(args, 'issued-at');
  const issuedAt = issuedAtText ? new Date(issuedAtText) : new Date();
  if (Number.isNaN(issuedAt.getTime())) throw new CliError(`--issued-at "${issuedAtText}" is not a date and time`);

  const { payload, problems } = buildPayload(source, { publisherFile: option(args, 'publisher'), serial, issuedAt, validDays });
  for (const line of formatProblems(problems)) io.err(line);
  const errors = problems.filter((p) => p.level === 'error').length;
  if (errors > 0) {
    io.err(`${errors} error(s): nothing written. Fix the source and build again.`);
    return 1;
  }
  writeAtomic(out, `${JSON.stringify(payload, null, 2)}\n`);
  io.out(`wrote ${out}: serial ${serial}, ${payload.tools.length} tools, valid until ${payload.expiresAt}`);
  return 0;
}
