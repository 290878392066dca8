/**
 * A local HTTPS server standing in for the internet: Chromium maps every host to it
 * (--host-resolver-rules), so https://wordwall.net/ is served here. It serves the register at
 * REGISTER_HOST/register.json (what is published can be swapped while the browser runs) and a
 * plain page for any other host. Listens on 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ReceiverCore } from '../server/receiver';

export const REGISTER_HOST = 'register.voorbeeld.example';
/** The host of the demo register's request endpoint (the reference receiver, over HTTPS). */
export const RECEIVER_HOST = 'fg.voorbeeld.example';
export const REGISTER_URL = `https://${REGISTER_HOST}/register.json`;

export interface LocalInternet {
  port: number;
  /** Publishes new register content at https://HOST/register.json (served with a fresh ETag). */
  publish(text: string, host?: string): void;
  /** Every request seen, for checking what the extension fetched (origin is its Origin header). */
  requests: { host: string; path: string; url: string; origin: string; userAgent: string }[];
  close(): Promise<void>;
}

const tls = (name: string) => readFileSync(fileURLToPath(new URL(`./tls/${name}`, import.meta.url)));

/** A server mounted for one host (the FG console, say): gets every request for that host. */
export type HostHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Starts the server on a free port of 127.0.0.1; `receiver` (the reference receiver, or one wrapped
 * in fault injection by harness/faulty-receiver.ts) answers for RECEIVER_HOST, and each
 * entry of `hosts` for its host.
 */
export async function startLocalInternet(initialRegister = '', receiver?: Pick<ReceiverCore, 'handle'>, hosts: Record<string, HostHandler> = {}): Promise<LocalInternet> {
  const registers = new Map<string, string>([[REGISTER_HOST, initialRegister]]);
  const requests: LocalInternet['requests'] = [];
  const server: Server = createServer({ key: tls('test-only-key.pem'), cert: tls('test-only-cert.pem') }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ host, path, url: req.url ?? '/', origin: String(req.headers.origin ?? ''), userAgent: String(req.headers['user-agent'] ?? '') });
    const mounted = hosts[host];
    if (mounted) {
      mounted(req, res);
      return;
    }
    const register = registers.get(host);
    if (register !== undefined && path === '/register.json') {
      const etag = `"${createHash('sha256').update(register).digest('hex').slice(0, 16)}"`;
      const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-cache', etag };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(register);
      return;
    }
    if (host === RECEIVER_HOST && receiver) {
      receiver.handle(req, res);
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    const safeHost = host.replace(/[^a-z0-9.-]/gi, '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${safeHost}</title></head><body><h1>Stand-in page for ${safeHost}</h1><p>Served locally for the Bijsluiter demo and tests.</p></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    publish(text, host = REGISTER_HOST) {
      registers.set(host, text);
    },
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
