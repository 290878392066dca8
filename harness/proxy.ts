/**
 * A CONNECT proxy for Firefox, which has no host-resolver rules: every https host is tunnelled
 * to the local HTTPS stand-in, so https://wordwall.net/ is served locally. 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';

export interface LocalProxy {
  port: number;
  close(): Promise<void>;
}

/** Tunnels every CONNECT to 127.0.0.1:`targetPort`. */
export async function startProxy(targetPort: number): Promise<LocalProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(502).end('only CONNECT is proxied'));
  server.on('connect', (_req, client: Socket, head: Buffer) => {
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
