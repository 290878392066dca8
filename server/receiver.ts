/**
 * TEST DOUBLE, for tests and demos only: not for real use. Real teachers' requests go to the FG
 * console (`bijsluiter console`, console/), which asks for the board's intake token, keeps
 * requests in a database readable only by the FG and forgets them after the retention period.
 * This receiver checks no token and has no accounts.
 *
 * It accepts the contract (shared/spec/deployment-and-requests.md), deduplicates by
 * Idempotency-Key, keeps requests in memory (or, only when `storeFile` is given, in a JSON file
 * written whole, then renamed) and serves each request's statusUrl. It has no failure modes and
 * no way to be told to fail: the tests' fault injection (HTTP 5xx, 400 with a message, a slow
 * answer, a dropped connection, an answer lost after storing) lives in the test harness,
 * harness/faulty-receiver.ts, which builds its own transport around `receive`, the contract
 * without HTTP. It offers no HTTP route that lists or returns stored requests: tests and the demo
 * read them in-process (`requests()`, `posts`).
 *
 *   tsx server/receiver.ts [--port 8787] [--store requests.json]
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { FG_STATUSES, vettingRequestSchema, type FgStatus, type VettingRequest } from '../lib/requests/schema';

/** One POST whose body reached the contract, and what became of the request. */
export interface PostRecord {
  /** The request id in the body; null when the body was not JSON with an id. */
  id: string | null;
  /** Stored, found already stored (409), or refused as invalid (400). */
  result: 'stored' | 'duplicate' | 'invalid';
}

/** What `receive` decided for one POST: the answer to send, and the record it added to `posts`. */
export interface Received {
  status: number;
  body: Record<string, unknown>;
  post: PostRecord;
}

export interface StoredRequest {
  request: VettingRequest;
  receivedAt: string;
  status: FgStatus;
}

export interface ReceiverOptions {
  port?: number;
  /** JSON file to keep requests in; in memory only when absent. */
  storeFile?: string;
  /** Base URL the statusUrl is built on; defaults to http://127.0.0.1:port. */
  publicUrl?: string;
  /** Called once for each request newly stored (not for repeats). */
  onStored?: (stored: StoredRequest) => void;
}

/** The receiver's logic, without a server of its own (mount `handle` anywhere). */
export interface ReceiverCore {
  /**
   * Handles POST /api/requests, GET /api/requests/ID/status and OPTIONS; answers 404 for anything
   * else (there is no listing of stored requests over HTTP). A POST is `readBody`, `receive`,
   * `respond`.
   */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * The contract for one POST whose body has been read, without HTTP: validates the body, checks
   * the Idempotency-Key, stores the request or finds it already stored, records the POST in
   * `posts` and returns the answer to send. `handle` is built on it; a test transport can be
   * built around it too (the test harness's fault injection, harness/faulty-receiver.ts).
   */
  receive(body: string, idempotencyKey: string | undefined): Received;
  /** Requests by id, in the order first received. */
  requests(): StoredRequest[];
  /** Every POST `receive` saw, in the order received, repeats included. */
  posts: PostRecord[];
  /** POSTs under way in `handle` now (received, not yet answered or closed). */
  inFlight(): number;
  setStatus(id: string, status: FgStatus['status'], note?: string): void;
}

/** The receiver on a server of its own. */
export interface Receiver extends ReceiverCore {
  url: string;
  endpoint: string;
  close(): Promise<void>;
}

export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key',
};

/** Sends a JSON answer with the receiver's CORS headers. */
export function respond(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS, 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Creates the receiver; `publicUrl` is the base its statusUrl answers are built on. */
export function createReceiver(options: ReceiverOptions & { publicUrl: string }): ReceiverCore {
  const store = new Map<string, StoredRequest>();
  if (options.storeFile && existsSync(options.storeFile)) {
    for (const item of JSON.parse(readFileSync(options.storeFile, 'utf8')) as StoredRequest[]) store.set(item.request.id, item);
  }
  const posts: PostRecord[] = [];
  let inFlight = 0;
  const base = options.publicUrl;

  const persist = () => {
    if (!options.storeFile) return;
    const tmp = `${options.storeFile}.tmp`;
    writeFileSync(tmp, JSON.stringify([...store.values()], null, 2));
    renameSync(tmp, options.storeFile);
  };
  const statusUrl = (id: string) => `${base}/api/requests/${id}/status`;

  function receive(text: string, idempotencyKey: string | undefined): Received {
    const answer = (post: PostRecord, status: number, body: Record<string, unknown>): Received => {
      posts.push(post);
      return { status, body, post };
    };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return answer({ id: null, result: 'invalid' }, 400, { message: 'the body is not JSON' });
    }
    const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : null;
    const parsed = vettingRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return answer({ id, result: 'invalid' }, 400, { message: `invalid request: ${issue?.path.join('.')} ${issue?.message}` });
    }
    if (idempotencyKey !== parsed.data.id) return answer({ id, result: 'invalid' }, 400, { message: 'Idempotency-Key must equal the request id' });
    if (store.has(parsed.data.id)) {
      return answer({ id, result: 'duplicate' }, 409, { status: 'received', statusUrl: statusUrl(parsed.data.id), message: 'already received' });
    }
    const receivedAt = new Date().toISOString();
    const stored: StoredRequest = { request: parsed.data, receivedAt, status: { status: 'received', note: '', updatedAt: receivedAt } };
    store.set(parsed.data.id, stored);
    persist();
    options.onStored?.(stored);
    return answer({ id, result: 'stored' }, 201, { status: 'received', statusUrl: statusUrl(parsed.data.id) });
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    if (req.method === 'POST' && path === '/api/requests') {
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
      });
      readBody(req)
        .then((text) => {
          const { status, body } = receive(text, idempotencyKeyOf(req));
          respond(res, status, body);
        })
        .catch(() => respond(res, 500, { message: 'receiver error' }));
      return;
    }
    const status = /^\/api\/requests\/([0-9a-f-]{36})\/status$/.exec(path);
    if (req.method === 'GET' && status) {
      const item = store.get(status[1]!);
      return item ? respond(res, 200, item.status) : respond(res, 404, { message: 'unknown request' });
    }
    respond(res, 404, { message: 'not found' });
  }

  return {
    handle,
    receive,
    requests: () => [...store.values()],
    posts,
    inFlight: () => inFlight,
    setStatus(id, value, note = '') {
      const item = store.get(id);
      if (!item || !FG_STATUSES.includes(value)) throw new Error(`unknown request ${id}`);
      item.status = { status: value, note, updatedAt: new Date().toISOString() };
      persist();
    },
  };
}

/** The Idempotency-Key header of a request, when it was sent once. */
export function idempotencyKeyOf(req: IncomingMessage): string | undefined {
  const value = req.headers['idempotency-key'];
  return typeof value === 'string' ? value : undefined;
}

/** Starts the receiver on its own HTTP server on 127.0.0.1 (a fixed `port` lets a test restart it). */
export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  let core: ReceiverCore | null = null;
  const server: Server = createServer((req, res) => core!.handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const base = options.publicUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  core = createReceiver({ ...options, publicUrl: base });
  return {
    ...core,
    url: base,
    endpoint: `${base}/api/requests`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Reads a request body as UTF-8, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const store = arg('store');
  const receiver = await startReceiver({ port: Number(arg('port') ?? 8787), storeFile: store });
  console.log('TEST DOUBLE for tests and demos only, not for real use: real requests go to the FG console (bijsluiter console).');
  console.log(`Request receiver listening: POST ${receiver.endpoint} (${store ? `store: ${store}` : 'kept in memory only'})`);
}
