/**
 * fetch for addresses an FG typed (webhooks): the address check is made where the connection is
 * made, so the address checked is the address used. A check before `fetch` resolves the name once
 * and `fetch` resolves it again; a name that answers a public address the first time and
 * 127.0.0.1 the second (DNS rebinding) passed such a check. Here the connector resolves the name
 * itself, refuses the connection when any answer is not public, and checks the socket's peer
 * address once more after connecting (an IP literal in the URL is never looked up).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type Socket } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { isPublicIp, privateRefusal } from './public-address';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type LookupFn = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => void;

const systemLookup: LookupFn = (hostname, options, callback) => dnsLookup(hostname, { ...options, all: true, verbatim: true }, callback as never);

const notPublic = (host: string) => Object.assign(new Error(privateRefusal(host)), { code: 'EADDRNOTPUBLIC' });

/** A `lookup` for net.connect that refuses a name when any of its addresses is not public. */
export function guardedLookup(resolve: LookupFn = systemLookup): LookupFn {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, answer) => {
      if (error) return callback(error, options.all ? [] : '');
      const addresses = (Array.isArray(answer) ? answer : [{ address: answer, family: isIP(answer) }]) as LookupAddress[];
      if (addresses.length === 0 || addresses.some((a) => !isPublicIp(a.address))) {
        return callback(notPublic(hostname), options.all ? [] : '');
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export interface GuardOptions {
  allowPrivate: boolean;
  /** Replaces the system resolver (tests: a name that answers differently each time). */
  lookup?: LookupFn;
  connectTimeoutMs?: number;
}

/** An undici Agent whose every connection goes only to public addresses (unless allowed). */
export function guardedAgent(options: GuardOptions): Agent {
  const resolve = options.lookup ?? systemLookup;
  const connector = buildConnector({ timeout: options.connectTimeoutMs ?? 10_000, ...(options.allowPrivate ? { lookup: resolve } : { lookup: guardedLookup(resolve) }) } as never);
  return new Agent({
    connect(connectOptions, callback) {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      if (!options.allowPrivate && isIP(host) && !isPublicIp(host)) {
        callback(notPublic(host), null);
        return;
      }
      connector(connectOptions, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no connection'), null);
        const peer = (socket as Socket).remoteAddress;
        if (!options.allowPrivate && (!peer || !isPublicIp(peer))) {
          socket.destroy();
          return callback(notPublic(host), null);
        }
        callback(null, socket);
      });
    },
  });
}

/** A fetch whose connections pass the guard; the same shape as the global fetch. */
export function guardedFetch(options: GuardOptions): typeof fetch {
  const dispatcher = guardedAgent(options);
  return ((input: string | URL, init: RequestInit = {}) => undiciFetch(input, { ...(init as object), dispatcher } as never)) as unknown as typeof fetch;
}
