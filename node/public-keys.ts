/** `--public-key` values (base64, as in the extension's policy) as trusted keys, for every command that verifies a register. */
import { importPublicKey, type TrustedKey } from '../lib/register/dsse';
import { CliError } from './io';

/** The --public-key values as trusted keys, or a CliError naming the one that is not a key. */
export async function readPublicKeys(texts: readonly string[]): Promise<TrustedKey[]> {
  const keys: TrustedKey[] = [];
  for (const text of texts) {
    const key = await importPublicKey(text);
    if ('error' in key) throw new CliError(`--public-key ${text.slice(0, 60)} ${key.error}`);
    keys.push(key);
  }
  return keys;
}
