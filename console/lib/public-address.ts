/**
 * Whether a webhook may go to an address: only to the public internet unless the operator allows
 * private networks (BIJSLUITER_ALLOW_PRIVATE_WEBHOOKS=1, for a ticketing system on the board's
 * own network). Otherwise an FG of one board, on a console a service provider runs for many,
 * could make the console POST into the provider's network (loopback, private ranges, cloud
 * metadata at 169.254.169.254).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0000200, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xc6336400, 24], [0xcb007100, 24], [0xe0000000, 4], [0xf0000000, 4],
];

function v4Number(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** Whether an IP address (v4 or v6) is on the public internet. */
export function isPublicIp(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) === 4) {
    const n = v4Number(bare);
    return !V4_BLOCKED.some(([base, bits]) => (n >>> (32 - bits)) === (base >>> (32 - bits)));
  }
  if (isIP(bare) !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return isPublicIp(mapped[1]!);
  if (bare === '::' || bare === '::1') return false;
  const first = parseInt(bare.split(':')[0] || '0', 16);
  if ((first & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return false; // fe80::/10 link local
  if ((first & 0xff00) === 0xff00) return false; // multicast
  if (bare.startsWith('64:ff9b:') || bare.startsWith('2001:db8:')) return false; // NAT64, documentation
  return true;
}

/** Null when the URL's host resolves only to allowed addresses; else the reason. */
export async function webhookAddressProblem(url: string, allowPrivate: boolean): Promise<string | null> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'not a URL';
  }
  if (allowPrivate) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `${host} does not resolve`;
  }
  const blocked = addresses.filter((a) => !isPublicIp(a));
  return blocked.length > 0 ? `${host} is on a private or local network (${blocked.join(', ')}); the operator can allow that with BIJSLUITER_ALLOW_PRIVATE_WEBHOOKS=1` : null;
}
