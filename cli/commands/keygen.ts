/** `bijsluiter keygen --out DIR`: a new Ed25519 key pair for signing the register. */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBase64, sha256Hex } from '../../lib/register/base64';
import { toPem } from '../../lib/register/keys';
import { parseArgs, requiredOption } from '../../node/args';
import { CliError, writeAtomic, type Output } from '../../node/io';

export const PRIVATE_KEY_FILE = 'register-private-key.pem';
export const PUBLIC_KEY_FILE = 'register-public-key.txt';

export async function keygen(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['out']);
  const dir = requiredOption(args, 'out', 'keygen');
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  for (const path of [privatePath, publicPath]) {
    if (existsSync(path)) throw new CliError(`${path} exists; keygen never overwrites a key (move it away first if you really mean to replace it)`);
  }
  mkdirSync(dir, { recursive: true });
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const publicKey = encodeBase64(raw);
  writeAtomic(privatePath, toPem(pkcs8), 0o600);
  chmodSync(privatePath, 0o600);
  writeAtomic(publicPath, `${publicKey}\n`);
  io.out(`private key: ${privatePath} (keep it secret; only you sign with it)`);
  io.out(`public key:  ${publicKey}`);
  io.out(`key id:      ${await sha256Hex(raw)}`);
  io.out(`Give the public key to your IT admin for the "publicKeys" policy (also saved in ${publicPath}).`);
  return 0;
}
