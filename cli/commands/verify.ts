/** `bijsluiter verify REGISTER --public-key BASE64`: what the extension would accept, and a summary. */
import { acceptRegister } from '../../lib/sync/accept-register';
import { parseArgs, positional } from '../../node/args';
import { readPublicKeys } from '../../node/public-keys';
import { CliError, readText, type Output } from '../../node/io';

export async function verify(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['public-key']);
  const file = positional(args, 0, 'a REGISTER file', 'verify');
  const texts = args.options.get('public-key') ?? [];
  if (texts.length === 0) throw new CliError('verify needs --public-key BASE64 (repeat it for several keys)');
  const keys = await readPublicKeys(texts);
  const bytes = new TextEncoder().encode(readText(file, 'register'));
  const result = await acceptRegister(bytes, { keys, now: new Date() });
  if (!result.ok) {
    io.err(`INVALID: ${result.error.code}: ${result.error.detail}`);
    return 1;
  }
  const { payload } = result;
  const counts = new Map<string, number>();
  for (const tool of payload.tools) counts.set(tool.status, (counts.get(tool.status) ?? 0) + 1);
  io.out(`valid: signed by key ${result.keyId}`);
  io.out(`publisher: ${payload.publisher.name} (FG ${payload.publisher.fg.email})`);
  io.out(`serial: ${payload.serial}`);
  io.out(`issued: ${payload.issuedAt}, expires: ${payload.expiresAt}${Date.parse(payload.expiresAt) < Date.now() ? ' (EXPIRED: teachers see approvals as unconfirmed)' : ''}`);
  io.out(`tools: ${payload.tools.length} (${['approved', 'pending', 'rejected', 'unvetted'].map((s) => `${s} ${counts.get(s) ?? 0}`).join(', ')})`);
  return 0;
}
