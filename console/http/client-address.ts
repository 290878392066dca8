/**
 * The client's address as rate limits count it: the socket's, or behind a trusted reverse proxy
 * the one it appended. An IPv6 client counts by its /64 (one household or school network gets a
 * whole /64, so counting single addresses would let one network use millions of them); an
 * IPv4-mapped IPv6 address counts as the IPv4 address.
 */
import { isIPv4 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { parseIPv6 } from '../lib/public-address';

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

/** The part of an address a rate limit counts: IPv4 whole (also when carried in IPv6), IPv6 by its /64. */
export function limitKeyOf(address: string): string {
  if (isIPv4(address)) return address;
  const bytes = parseIPv6(address);
  if (!bytes) return 'unknown';
  const carried = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (carried) return [...bytes.subarray(12)].join('.');
  const groups = [0, 2, 4, 6].map((i) => ((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(':')}::/64`;
}
