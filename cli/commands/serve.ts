/**
 * `bijsluiter serve REGISTER [--port 8080]`: serve a register (re-read on every request, so a
 * re-signed file is served at once) and a stand-in request endpoint on 127.0.0.1, to try a
 * deployment before publishing. The extension accepts http only for this machine.
 *
 * The request endpoint is the reference receiver, a test double: it accepts POST
 * /api/requests and answers each statusUrl, keeps requests in memory only (gone at Ctrl+C, no
 * file of teachers' names and e-mails left behind), and offers no route that lists or returns
 * them. It only says in the terminal that a request for a tool came in. It has no failure modes
 * and no option to fail (the tests' fault injection is in the test harness). Real requests go to
 * the FG console (`bijsluiter console`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReceiver, type StoredRequest } from '../../server/receiver';
import { option, parseArgs, positional } from '../../node/args';
import { CliError, readText, type Output } from '../../node/io';

export interface Serving {
  url: string;
  /** The requests received so far, in-process only (for tests; never served over HTTP). */
  requests(): StoredRequest[];
  close(): Promise<void>;
}

const STATUS_PATH = /^\/api\/requests\/[0-9a-f-]{36}\/status$/;

/**
 * Starts serving; returns the base URL. Requests stay in memory unless a caller passes
 * `storeFile` (the command never does). `onRequest` hears of each newly stored request.
 */
export async function startServe(registerPath: string, port: number, storeFile?: string, onRequest?: (stored: StoredRequest) => void): Promise<Serving> {
  readText(registerPath, 'register');
  let receiver: ReturnType<typeof createReceiver> | null = null;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/register.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      let body: string;
      try {
        body = readText(registerPath, 'register');
      } catch {
        return void res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
      }
      return void res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-cache' }).end(body);
    }
    // only what the extension needs: send a request, read its status; nothing that returns requests
    const intake = path === '/api/requests' && (req.method === 'POST' || req.method === 'OPTIONS');
    const status = STATUS_PATH.test(path) && (req.method === 'GET' || req.method === 'OPTIONS');
    if (intake || status) return receiver!.handle(req, res);
    res.writeHead(404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify({ message: 'not found' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new CliError(error.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : error.message)));
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver = createReceiver({ publicUrl: url, storeFile, onStored: onRequest });
  const core = receiver;
  return {
    url,
    requests: () => core.requests(),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export async function serve(argv: string[], io: Output): Promise<number> {
  const args = parseArgs(argv, ['port']);
  const file = positional(args, 0, 'a REGISTER file', 'serve');
  const port = Number(option(args, 'port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('--port must be a port number');
  const serving = await startServe(file, port, undefined, (stored) => {
    io.out(`request received: ${stored.request.tool.name} (${stored.request.tool.host}), id ${stored.request.id}`);
  });
  io.out(`register:         ${serving.url}/register.json`);
  io.out(`request endpoint: ${serving.url}/api/requests (a test receiver: requests are kept in memory only until Ctrl+C and cannot be read back; for real requests use the FG console, "bijsluiter console")`);
  io.out('Set these as registerUrl and requestEndpoint on the options page (or by policy) with your public key. Ctrl+C stops.');
  await new Promise(() => undefined);
  return 0;
}
