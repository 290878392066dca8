/**
 * The client's address as rate limits count it: the socket's, or behind a trusted reverse proxy
 * the one it appended. An IPv6 client counts by its /64 (one household or school network gets a
 * whole /64, so counting single addresses would let one network use millions of them); an
 * IPv4-mapped IPv6 address counts as the IPv4 address.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientAddress(c: Context, trustProxy: boolean): string {
  let address = 'unknown';
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) address = last;
  }
  if (address === 'unknown') {
    try {
      address = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      address = 'unknown';
    }
  }
  return limitKeyOf(address);
}

/** The part of an address a rate limit counts: IPv4 whole, IPv6 by its /64. */
export function limitKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(address)) return address;
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(bare)) return 'unknown';
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g || '0', 16).toString(16)).join(':')}::/64`;
}
