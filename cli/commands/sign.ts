/** `bijsluiter sign PAYLOAD --key KEY.pem --out REGISTER`: lint, then sign into a DSSE envelope. */
import { sha256Hex } from '../../lib/register/base64';
import { signRegisterText } from '../../lib/register/assemble';
import { importPrivateKeyPem } from '../../lib/register/keys';
import { schoolDay } from '../../lib/dates';
import { parseArgs, positional, requiredOption } from '../../node/args';
import { CliError, readText, writeAtomic, type Output } from '../../node/io';
import { formatProblems, lintPayload } from '../../lib/register/lint';
import { readPayloadJson } from '../payload-file';

export async function sign(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['key', 'out']);
  const file = positional(args, 0, 'a PAYLOAD file (from build)', 'sign');
  const keyPath = requiredOption(args, 'key', 'sign');
  const out = requiredOption(args, 'out', 'sign');
  const { payload, signed } = readPayloadJson(file);
  if (signed) throw new CliError(`${file} is already a signed register; sign the payload that build wrote`);
  const problems = lintPayload(payload, schoolDay(new Date()));
  const errors = problems.filter((p) => p.level === 'error');
  if (errors.length > 0) {
    for (const line of formatProblems(errors)) io.err(line);
    io.err(`refusing to sign: ${errors.length} error(s) (run "bijsluiter lint ${file}")`);
    return 1;
  }
  let key;
  try {
    key = await importPrivateKeyPem(readText(keyPath, 'key file'));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${keyPath}: ${(error as Error).message}`);
  }
  writeAtomic(out, `${await signRegisterText(payload as object, key.privateKey, key.publicRaw)}\n`);
  const warnings = problems.length;
  io.out(`wrote ${out}: serial ${(payload as { serial: number }).serial}, signed with key ${await sha256Hex(key.publicRaw)}${warnings ? ` (${warnings} warning(s): see lint)` : ''}`);
  return 0;
}
