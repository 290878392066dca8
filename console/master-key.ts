/**
 * The instance's master key (32 bytes): from BIJSLUITER_SECRET (base64), which every instance on
 * a shared PostgreSQL must be given, or for the embedded database from DIR/secret.key (mode
 * 0600), made on first start. It lives outside the database so a copy of the database alone
 * cannot sign a register or open a webhook secret.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'secret.key';

export function loadMasterKey(options: { env: NodeJS.ProcessEnv; dataDir?: string; databaseUrl?: string }): Buffer {
  const fromEnv = options.env.BIJSLUITER_SECRET;
  if (fromEnv) {
    const key = Buffer.from(fromEnv.trim(), 'base64');
    if (key.length !== 32) throw new Error('BIJSLUITER_SECRET must be 32 bytes in base64 (make one with: openssl rand -base64 32)');
    return key;
  }
  if (options.databaseUrl) throw new Error('with DATABASE_URL, set BIJSLUITER_SECRET (32 bytes in base64, the same for every instance; make one with: openssl rand -base64 32) and keep it with your backups');
  if (!options.dataDir) return randomBytes(32);
  const file = join(options.dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} is damaged: it must hold 32 bytes in base64`);
    return key;
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
