/**
 * TEST DOUBLE, for tests and demos only: not for real use. Real teachers' requests go to the FG
 * console (`bijsluiter console`, console/), which asks for the board's intake token, keeps
 * requests in a database readable only by the FG and forgets them after the retention period.
 * This receiver checks no token and has no accounts.
 *
 * It accepts the contract (shared/spec/deployment-and-requests.md), deduplicates by
 * Idempotency-Key, keeps requests in memory (or, only when `storeFile` is given, in a JSON file
 * written whole, then renamed), serves each request's statusUrl, and can be told to fail (HTTP
 * 5xx, 400 with a message, a slow answer, a dropped connection, or an answer lost after the
 * request was stored). It offers no HTTP route that lists or returns stored requests: tests and
 * the demo read them in-process (`requests()`, `posts`).
 *
 *   tsx server/receiver.ts [--port 8787] [--store requests.json]
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { FG_STATUSES, vettingRequestSchema, type FgStatus, type VettingRequest } from '../lib/requests/schema';

/**
 * How a POST fails: an HTTP error, an answer after `slowMs` (the request is then stored, too
 * late for a client that gave up), the connection dropped before storing (`drop`) or after
 * storing (`lost`: the request arrived, the client never hears it).
 */
export type FailureMode = '500' | '503' | '400' | 'slow' | 'drop' | 'lost';

/** One POST and what the receiver did with it. */
export interface PostRecord {
  /** The request id in the body; null when the body was not JSON with an id. */
  id: string | null;
  /** The fault injected into this POST, if any. */
  fault: FailureMode | null;
  /**
   * What became of the request: stored, found already stored (409), refused as invalid; null when
   * a fault ended the POST first. A `slow` or `lost` POST still stores or finds its request.
   */
  result: 'stored' | 'duplicate' | 'invalid' | null;
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
  /** How long a 'slow' answer waits (ms). */
  slowMs?: number;
  /** Base URL the statusUrl is built on; defaults to http://127.0.0.1:port. */
  publicUrl?: string;
  /** Called once for each request newly stored (not for repeats). */
  onStored?: (stored: StoredRequest) => void;
}

/** The receiver's logic and controls, without a server of its own (mount `handle` anywhere). */
export interface ReceiverCore {
  /**
   * Handles POST /api/requests, GET /api/requests/ID/status and OPTIONS; answers 404 for anything
   * else (there is no listing of stored requests over HTTP).
   */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Requests by id, in the order first received. */
  requests(): StoredRequest[];
  /** Every POST seen, in the order received, repeats included. */
  posts: PostRecord[];
  /** POSTs under way now (received, not yet answered or dropped). */
  inFlight(): number;
  /** The next `count` POSTs fail with `mode`. */
  failNext(count: number, mode: FailureMode, message?: string): void;
  /** Each POST fails with probability `rate`, in one of `modes` (both drawn from `random`). */
  failRandomly(rate: number, modes: FailureMode[], random?: () => number): void;
  setStatus(id: string, status: FgStatus['status'], note?: string): void;
}

/** The receiver on a server of its own. */
export interface Receiver extends ReceiverCore {
  url: string;
  endpoint: string;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, idempotency-key',
};

/** Creates the receiver; `publicUrl` is the base its statusUrl answers are built on. */
export function createReceiver(options: ReceiverOptions & { publicUrl: string }): ReceiverCore {
  const store = new Map<string, StoredRequest>();
  if (options.storeFile && existsSync(options.storeFile)) {
    for (const item of JSON.parse(readFileSync(options.storeFile, 'utf8')) as StoredRequest[]) store.set(item.request.id, item);
  }
  const posts: PostRecord[] = [];
  let inFlight = 0;
  let failQueue: { mode: FailureMode; message?: string }[] = [];
  let randomFailure: { rate: number; modes: FailureMode[]; random: () => number } | null = null;
  const base = options.publicUrl;

  const persist = () => {
    if (!options.storeFile) return;
    const tmp = `${options.storeFile}.tmp`;
    writeFileSync(tmp, JSON.stringify([...store.values()], null, 2));
    renameSync(tmp, options.storeFile);
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...CORS, 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const statusUrl = (id: string) => `${base}/api/requests/${id}/status`;

  async function handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      posts.push({ id: null, fault: null, result: 'invalid' });
      return send(res, 400, { message: 'the body is not JSON' });
    }
    const failure = failQueue.shift() ?? (randomFailure && randomFailure.random() < randomFailure.rate
      ? { mode: randomFailure.modes[Math.floor(randomFailure.random() * randomFailure.modes.length)]! }
      : undefined);
    const post: PostRecord = { id: typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : null, fault: failure?.mode ?? null, result: null };
    posts.push(post);
    if (failure) {
      if (failure.mode === 'drop') return void req.socket.destroy();
      if (failure.mode === 'slow') await new Promise((r) => setTimeout(r, options.slowMs ?? 35_000));
      if (failure.mode === '400') return send(res, 400, { message: failure.message ?? 'rejected by the test receiver' });
      if (failure.mode === '500' || failure.mode === '503') return send(res, Number(failure.mode), { message: 'temporarily unavailable' });
    }
    const parsed = vettingRequestSchema.safeParse(json);
    if (!parsed.success) {
      post.result = 'invalid';
      const issue = parsed.error.issues[0];
      return send(res, 400, { message: `invalid request: ${issue?.path.join('.')} ${issue?.message}` });
    }
    if (req.headers['idempotency-key'] !== parsed.data.id) {
      post.result = 'invalid';
      return send(res, 400, { message: 'Idempotency-Key must equal the request id' });
    }
    if (store.has(parsed.data.id)) {
      post.result = 'duplicate';
      if (failure?.mode === 'lost') return void req.socket.destroy();
      return send(res, 409, { status: 'received', statusUrl: statusUrl(parsed.data.id), message: 'already received' });
    }
    const receivedAt = new Date().toISOString();
    const stored: StoredRequest = { request: parsed.data, receivedAt, status: { status: 'received', note: '', updatedAt: receivedAt } };
    store.set(parsed.data.id, stored);
    persist();
    post.result = 'stored';
    options.onStored?.(stored);
    if (failure?.mode === 'lost') return void req.socket.destroy();
    return send(res, 201, { status: 'received', statusUrl: statusUrl(parsed.data.id) });
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    if (req.method === 'POST' && path === '/api/requests') {
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
      });
      handlePost(req, res).catch(() => send(res, 500, { message: 'receiver error' }));
      return;
    }
    const status = /^\/api\/requests\/([0-9a-f-]{36})\/status$/.exec(path);
    if (req.method === 'GET' && status) {
      const item = store.get(status[1]!);
      return item ? send(res, 200, item.status) : send(res, 404, { message: 'unknown request' });
    }
    send(res, 404, { message: 'not found' });
  }

  return {
    handle,
    requests: () => [...store.values()],
    posts,
    inFlight: () => inFlight,
    failNext(count, mode, message) {
      failQueue = [...failQueue, ...Array.from({ length: count }, () => ({ mode, message }))];
    },
    failRandomly(rate, modes, random = Math.random) {
      randomFailure = rate > 0 ? { rate, modes, random } : null;
    },
    setStatus(id, value, note = '') {
      const item = store.get(id);
      if (!item || !FG_STATUSES.includes(value)) throw new Error(`unknown request ${id}`);
      item.status = { status: value, note, updatedAt: new Date().toISOString() };
      persist();
    },
  };
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

function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<string> {
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
