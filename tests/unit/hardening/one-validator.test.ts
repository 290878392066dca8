// @vitest-environment node
/**
 * One validator (issue 14, item 2): a table of registers, each run through the extension's
 * acceptance (the sync path) and the FG's `verify` and `lint`, cross-wise: every fixture is
 * refused by all of them for its own reason, and the valid one is accepted by all.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPublicKey, signEnvelope, type TrustedKey } from '../../../lib/register/dsse';
import { REGISTER_PAYLOAD_TYPE } from '../../../lib/register/schema';
import { acceptRegister } from '../../../lib/sync/accept-register';
import { cli, tempDir } from '../../helpers/cli';
import { makeKey, samplePayload } from '../../helpers/registers';

const NOW = new Date('2026-11-23T10:00:00Z');
const valid = () => JSON.stringify(samplePayload({}, NOW));

/** Each fixture: the payload text as signed, and the words every validator must give for it. */
const FIXTURES: [string, () => string, RegExp | null][] = [
  ['a valid register', valid, null],
  ['"status" twice: rejected, then approved', () => valid().replace('"status":"rejected"', '"status":"rejected","status":"approved"'), /"status" appears twice/],
  ['a key twice at the top', () => valid().replace('"serial":5', '"serial":5,"serial":6'), /"serial" appears twice/],
  ['expiresAt 9999-12-31', () => valid().replace(/"expiresAt":"[^"]+"/, '"expiresAt":"9999-12-31T00:00:00Z"'), /at most 400 days after issuedAt/],
  ...['notion.site', 'webflow.io', 'co.nl', 'azureedge.net', 's3.eu-west-1.amazonaws.com', 'foo.ck'].map(
    (suffix) => [`a pattern on the full Public Suffix List: ${suffix}`, () => valid().replace('"wordwall.net"', JSON.stringify(suffix)), /is on the Public Suffix List/] as [string, () => string, RegExp],
  ),
  ['a site under a listed suffix is fine: school.notion.site', () => valid().replace('"wordwall.net"', '"school.notion.site"'), null],
  ['unknown fields nested 1.8 million levels deep', () => valid().replace(/}$/, `,"x":${'['.repeat(1_800_000)}${']'.repeat(1_800_000)}}`), /nested more than 32 levels/],
];

describe('the extension and the FG\'s tool accept exactly the same registers', () => {
  it.each(FIXTURES)('%s', async (_name, text, reason) => {
    const key = await makeKey();
    const trusted = (await importPublicKey(key.publicBase64)) as TrustedKey;
    const payloadText = text();
    // control: each bad fixture really differs from the valid register
    if (reason) expect(payloadText).not.toBe(valid());
    const envelope = JSON.stringify(await signEnvelope(new TextEncoder().encode(payloadText), REGISTER_PAYLOAD_TYPE, key.privateKey, key.publicRaw));

    const extension = await acceptRegister(new TextEncoder().encode(envelope), { keys: [trusted], now: NOW });
    const dir = tempDir();
    writeFileSync(join(dir, 'register.json'), envelope);
    writeFileSync(join(dir, 'payload.json'), payloadText);
    const verify = await cli('verify', join(dir, 'register.json'), '--public-key', key.publicBase64);
    const lintSigned = await cli('lint', join(dir, 'register.json'));
    const lintPayload = await cli('lint', join(dir, 'payload.json'));

    if (reason === null) {
      expect(extension.ok).toBe(true);
      expect(verify.code, verify.err).toBe(0);
      expect(lintSigned.code, lintSigned.err + lintSigned.out).toBe(0);
      expect(lintPayload.code).toBe(0);
    } else {
      expect(extension.ok).toBe(false);
      if (!extension.ok) expect(extension.error.detail).toMatch(reason);
      for (const run of [verify, lintSigned, lintPayload]) {
        expect(run.code).toBe(1);
        expect(`${run.out}\n${run.err}`).toMatch(reason);
      }
    }
  }, 60_000);
});
