/**
 * Fault injection for the tests, around the shipped reference receiver (server/receiver.ts), which
 * has none. `withFaults` puts a transport of its own in front of the receiver's `receive` (the
 * request contract without HTTP): it reads each POST, decides whether to fail it, and only then
 * lets the receiver see it, or not. Status pages and OPTIONS go to the receiver's own `handle`.
 *
 * A POST can fail with an HTTP error ('500', '503', '400' with a message: nothing stored), an
 * answer after `slowMs` ('slow': the request is then stored, too late for a client that gave up),
 * the connection dropped before storing ('drop') or after storing ('lost': the request arrived,
 * the client never hears it). A body that is not JSON is never failed: it goes straight to the
 * receiver, which refuses it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createReceiver, idempotencyKeyOf, readBody, respond,
  type PostRecord, type ReceiverCore, type ReceiverOptions,
} from '../server/receiver';

export type FailureMode = '500' | '503' | '400' | 'slow' | 'drop' | 'lost';

/** One POST, the fault injected into it, and what became of the request. */
export interface FaultyPostRecord {
  /** The request id in the body; null when the body was not JSON with an id. */
  id: string | null;
  /** The fault injected into this POST, if any. */
  fault: FailureMode | null;
  /**
   * What the receiver did with the request; null when a fault ended the POST before the receiver
   * saw it. A `slow` or `lost` POST still stores or finds its request.
   */
  result: PostRecord['result'] | null;
}

export interface FaultOptions {
  /** How long a 'slow' answer waits (ms). */
  slowMs?: number;
}

/**
 * The receiver with fault injection: `posts` and `inFlight` count every POST, faulted or not.
 * (No `receive`: everything goes through `handle`, where the faults are.)
 */
export interface FaultyReceiverCore extends Omit<ReceiverCore, 'posts' | 'receive'> {
  /** Every POST seen, in the order received, repeats included, with its fault. */
  posts: FaultyPostRecord[];
  /** The next `count` POSTs fail with `mode` (`message` is the 400's). */
  failNext(count: number, mode: FailureMode, message?: string): void;
  /** Each POST fails with probability `rate`, in one of `modes` (both drawn from `random`); 0 stops it. */
  failRandomly(rate: number, modes: FailureMode[], random?: () => number): void;
}

/** The faulty receiver on a server of its own. */
export interface FaultyReceiver extends FaultyReceiverCore {
  url: string;
  endpoint: string;
  close(): Promise<void>;
}

interface Failure {
  mode: FailureMode;
  message?: string;
}

/** Wraps a receiver in fault injection (nothing fails until `failNext` or `failRandomly`). */
export function withFaults(core: ReceiverCore, options: FaultOptions = {}): FaultyReceiverCore {
  const posts: FaultyPostRecord[] = [];
  let inFlight = 0;
  let failQueue: Failure[] = [];
  let randomFailure: { rate: number; modes: FailureMode[]; random: () => number } | null = null;

  const draw = (): Failure | undefined => failQueue.shift() ?? (randomFailure && randomFailure.random() < randomFailure.rate
    ? { mode: randomFailure.modes[Math.floor(randomFailure.random() * randomFailure.modes.length)]! }
    : undefined);

  /** Lets the receiver take the POST and records what it did. */
  const receive = (text: string, req: IncomingMessage, post: FaultyPostRecord) => {
    const received = core.receive(text, idempotencyKeyOf(req));
    post.result = received.post.result;
    return received;
  };

  async function handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: no fault, the receiver refuses it
      const post: FaultyPostRecord = { id: null, fault: null, result: null };
      posts.push(post);
      const { status, body } = receive(text, req, post);
      return respond(res, status, body);
    }
    const failure = draw();
    const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : null;
    const post: FaultyPostRecord = { id, fault: failure?.mode ?? null, result: null };
    posts.push(post);
    switch (failure?.mode) {
      case 'drop':
        return void req.socket.destroy();
      case '400':
        return respond(res, 400, { message: failure.message ?? 'rejected by the test receiver' });
      case '500':
      case '503':
        return respond(res, Number(failure.mode), { message: 'temporarily unavailable' });
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 35_000));
        break;
      default:
    }
    const { status, body } = receive(text, req, post);
    // lost: the receiver has the request (stored now, or before), the client never hears it
    if (failure?.mode === 'lost' && post.result !== 'invalid') return void req.socket.destroy();
    respond(res, status, body);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'POST' || path !== '/api/requests') return core.handle(req, res);
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
    });
    handlePost(req, res).catch(() => respond(res, 500, { message: 'receiver error' }));
  }

  return {
    handle,
    requests: core.requests,
    posts,
    inFlight: () => inFlight,
    setStatus: core.setStatus,
    failNext(count, mode, message) {
      failQueue = [...failQueue, ...Array.from({ length: count }, () => ({ mode, message }))];
    },
    failRandomly(rate, modes, random = Math.random) {
      randomFailure = rate > 0 ? { rate, modes, random } : null;
    },
  };
}

/** Starts a faulty receiver on its own HTTP server on 127.0.0.1 (a fixed `port` lets a test restart it). */
export async function startFaultyReceiver(options: ReceiverOptions & FaultOptions = {}): Promise<FaultyReceiver> {
  let faulty: FaultyReceiverCore | null = null;
  const server: Server = createServer((req, res) => faulty!.handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const base = options.publicUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  faulty = withFaults(createReceiver({ ...options, publicUrl: base }), options);
  return {
    ...faulty,
    url: base,
    endpoint: `${base}/api/requests`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
