/**
 * `bijsluiter serve REGISTER [--port 8080]`: serve a register (re-read on every request, so a
 * re-signed file is served at once) and the reference request receiver on 127.0.0.1, to try a
 * deployment before publishing. The extension accepts http only for this machine.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReceiver } from '../../server/receiver';
import { option, parseArgs, positional } from '../args';
import { CliError, readText, type Output } from '../io';

export interface Serving {
  url: string;
  close(): Promise<void>;
}

/** Starts serving; returns the base URL. */
export async function startServe(registerPath: string, port: number, storeFile?: string): Promise<Serving> {
  readText(registerPath, 'register');
  let receiver: ReturnType<typeof createReceiver> | null = null;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/register.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      let body: string;
      try {
        body = readText(registerPath, 'register');
      } catch {
        return void res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
      }
      return void res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' }).end(body);
    }
    receiver!.handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new CliError(error.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : error.message)));
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver = createReceiver({ publicUrl: url, storeFile });
  return { url, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

export async function serve(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['port', 'store']);
  const file = positional(args, 0, 'a REGISTER file', 'serve');
  const port = Number(option(args, 'port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a port number');
  const serving = await startServe(file, port, option(args, 'store') ?? 'requests.json');
  io.out(`register:         ${serving.url}/register.json`);
  io.out(`request endpoint: ${serving.url}/api/requests (requests kept in ${option(args, 'store') ?? 'requests.json'})`);
  io.out('Set these as registerUrl and requestEndpoint on the options page (or by policy) with your public key. Ctrl+C stops.');
  await new Promise(() => undefined);
  return 0;
}
