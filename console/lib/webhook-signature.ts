/** `X-Bijsluiter-Signature: sha256=HEX`: HMAC-SHA256 of the exact body with the board's webhook secret. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** For receivers (and tests): whether `header` signs `body` with `secret`. */
export function verifyWebhook(secret: string, body: string, header: string | undefined): boolean {
  const expected = Buffer.from(signWebhook(secret, body));
  const got = Buffer.from(header ?? '');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
