/**
 * Whether the console may connect to an address on an FG's behalf (webhooks; later catalogues and
 * watched pages): only to the public internet unless the operator allows private networks
 * (BIJSLUITER_ALLOW_PRIVATE_WEBHOOKS=1, for a ticketing system on the board's own network).
 * Otherwise an FG of one board, on a console a service provider runs for many, could make the
 * console POST into the provider's network (loopback, private ranges, cloud metadata at
 * 169.254.169.254).
 *
 * Addresses are judged as bytes, never as text: `[::ffff:127.0.0.1]` reaches the URL parser and
 * comes out as `[::ffff:7f00:1]`, which a pattern on the text misses. Every IPv6 form that carries
 * an IPv4 address (mapped, compatible, translated, NAT64, 6to4) is judged by the IPv4 rules; of
 * the rest only global unicast (2000::/3) outside the reserved blocks is public.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** IPv4 blocks that are not the public internet (RFC 6890 and its successors). */
const V4_BLOCKED: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link local, cloud metadata
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0586300, 24], // 6to4 relay anycast
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

/** IPv6 blocks inside 2000::/3 that are not public: [prefix as 16 bytes, bits]. */
const V6_BLOCKED: readonly (readonly [string, number])[] = [
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, benchmarking …)
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation (RFC 9637)
];

export function parseIPv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return Uint8Array.from(parts.map(Number));
}

/** The 16 bytes of an IPv6 address in any textual form (`::`, embedded IPv4, zone dropped), or null. */
export function parseIPv6(text: string): Uint8Array | null {
  let rest = text.replace(/^\[|\]$/g, '').toLowerCase();
  const zone = rest.indexOf('%');
  if (zone >= 0) rest = rest.slice(0, zone);
  if (isIP(rest) !== 6) return null;
  const lastColon = rest.lastIndexOf(':');
  if (rest.slice(lastColon + 1).includes('.')) {
    // an embedded IPv4 address in the last 32 bits: written as two hex words instead
    const v4 = parseIPv4(rest.slice(lastColon + 1));
    if (!v4) return null;
    rest = `${rest.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const [head, back] = rest.includes('::') ? rest.split('::') as [string, string] : [rest, null];
  const words = (s: string) => (s === '' ? [] : s.split(':').map((w) => parseInt(w, 16)));
  const front = words(head);
  const end = back === null ? [] : words(back);
  const missing = 8 - front.length - end.length;
  if (missing < 0 || (back === null && missing !== 0)) return null;
  const all = [...front, ...new Array<number>(back === null ? 0 : missing).fill(0), ...end];
  if (all.length !== 8 || all.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return null;
  const bytes = new Uint8Array(16);
  all.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

function inPrefix(bytes: Uint8Array, prefix: Uint8Array, bits: number): boolean {
  for (let i = 0; i < bits; i += 1) {
    const mask = 0x80 >> (i % 8);
    if ((bytes[i >> 3]! & mask) !== (prefix[i >> 3]! & mask)) return false;
  }
  return true;
}

function v4Public(bytes: Uint8Array): boolean {
  const n = ((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!;
  return !V4_BLOCKED.some(([base, bits]) => n >>> (32 - bits) === base >>> (32 - bits));
}

const V6_PREFIXES = V6_BLOCKED.map(([text, bits]) => [parseIPv6(text)!, bits] as const);

/** The IPv4 address an IPv6 address carries, where it carries one by a standard form. */
export function embeddedIPv4(bytes: Uint8Array): Uint8Array | null {
  const first10Zero = bytes.subarray(0, 10).every((b) => b === 0);
  if (first10Zero && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12); // ::ffff:a.b.c.d mapped
  if (first10Zero && bytes[10] === 0 && bytes[11] === 0) return bytes.slice(12); // ::a.b.c.d compatible (and :: and ::1)
  if (bytes.subarray(0, 8).every((b) => b === 0) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) return bytes.slice(12); // ::ffff:0:a.b.c.d translated
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && bytes.subarray(4, 12).every((b) => b === 0)) return bytes.slice(12); // 64:ff9b::/96 NAT64
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6); // 2002::/16 6to4
  return null;
}

/** Whether an IP address (v4 or v6, any textual form) is on the public internet. */
export function isPublicIp(ip: string): boolean {
  const v4 = parseIPv4(ip.replace(/^\[|\]$/g, ''));
  if (v4) return v4Public(v4);
  const v6 = parseIPv6(ip);
  if (!v6) return false;
  const carried = embeddedIPv4(v6);
  if (carried) return v4Public(carried);
  if ((v6[0]! & 0xe0) !== 0x20) return false; // outside 2000::/3: loopback, ULA, link local, multicast, NAT64 local use …
  if (V6_PREFIXES.some(([prefix, bits]) => inPrefix(v6, prefix, bits))) return false;
  return true;
}

/**
 * The refusal in words. It does not list the addresses a name resolved to: on a console run for
 * many boards, an FG must not learn the operator's internal names and addresses this way.
 */
export function privateRefusal(host: string): string {
  return `${host} is on a private or local network, not the public internet; the operator can allow that with BIJSLUITER_ALLOW_PRIVATE_WEBHOOKS=1`;
}

export type Resolver = (host: string) => Promise<string[]>;
export const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Null when the URL's host resolves only to allowed addresses; else the reason. This is the check
 * when an FG saves an address (to say at once what is wrong); the connection itself is guarded
 * again where it is made (guarded-fetch.ts), because a name can resolve elsewhere the second time.
 */
export async function webhookAddressProblem(url: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<string | null> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'not a URL';
  }
  if (allowPrivate) return null;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    return `${host} does not resolve`;
  }
  const blocked = addresses.filter((a) => !isPublicIp(a));
  return blocked.length > 0 ? privateRefusal(host) : null;
}
