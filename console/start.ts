/**
 * Starts a console: database (embedded or PostgreSQL) migrated, the HTTP application behind a
 * Node server that cuts off slow clients, and the background jobs. Used by `bijsluiter console`,
 * the demo and the tests.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { DEFAULT_LIMITS, defaultSettings, type ConsoleContext, type ConsoleSettings } from './context';
import { openDatabase, type Database } from './db/open';
import { createApp } from './http/app';
import { startJobs, type Jobs } from './jobs';
import { loadMasterKey } from './master-key';
import { realSenders, type Senders } from './notify/send';

export interface StartOptions {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  host?: string;
  /** Where browsers reach it; default http://HOST:PORT (loopback only). */
  publicUrl?: string;
  settings?: Partial<ConsoleSettings>;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  senders?: Senders;
  log?: (line: string) => void;
  /** Serve HTTPS directly (tests and trials; production puts a TLS proxy in front). */
  tls?: { key: Buffer | string; cert: Buffer | string };
  /** Run the background jobs (default true). */
  jobs?: boolean;
  poolSize?: number;
  /** Overrides of SERVER_TIMEOUTS (tests use short ones). */
  serverTimeouts?: Partial<typeof SERVER_TIMEOUTS>;
}

export interface RunningConsole {
  url: string;
  ctx: ConsoleContext;
  database: Database;
  jobs: Jobs | null;
  /** The Node request handler, to mount the console inside another server (the test internet). */
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** Slow clients are cut off: the whole request within 10 s, its headers within 5 s. */
export const SERVER_TIMEOUTS = { requestTimeout: 10_000, headersTimeout: 5_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 };

export async function startConsole(options: StartOptions = {}): Promise<RunningConsole> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.error(line));
  const master = loadMasterKey({ env, dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const database = await openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, poolSize: options.poolSize });
  const host = options.host ?? '127.0.0.1';
  let server: Server | null = null;
  try {
    const ctx: ConsoleContext = { db: database.db, master, now: options.now ?? (() => new Date()), settings: defaultSettings(options.publicUrl ?? 'http://127.0.0.1') };
    const app = createApp(ctx, log);
    const handle = getRequestListener(app.fetch) as (req: IncomingMessage, res: ServerResponse) => void;
    const timeouts = { ...SERVER_TIMEOUTS, ...options.serverTimeouts };
    server = options.tls ? createHttpsServer({ ...timeouts, key: options.tls.key, cert: options.tls.cert }, handle) : createHttpServer(timeouts, handle);
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(options.port ?? 0, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
    checkPublicUrl(publicUrl);
    Object.assign(ctx.settings, defaultSettings(publicUrl), { smtpUrl: env.SMTP_URL || null, mailFrom: env.MAIL_FROM ?? defaultSettings(publicUrl).mailFrom, trustProxy: env.BIJSLUITER_TRUST_PROXY === '1', allowPrivateWebhooks: env.BIJSLUITER_ALLOW_PRIVATE_WEBHOOKS === '1', limits: limitsFromEnv(env) }, options.settings ?? {});
    const jobs = options.jobs === false ? null : startJobs(ctx, options.senders ?? realSenders(ctx), log);
    const running = server;
    return {
      url,
      ctx,
      database,
      jobs,
      handle,
      async close() {
        await jobs?.stop();
        running.closeAllConnections();
        await new Promise<void>((resolve) => running.close(() => resolve()));
        await database.close();
      },
    };
  } catch (error) {
    server?.close();
    await database.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Intake limits an operator may raise (a large school behind one address): BIJSLUITER_INTAKE_LIMIT
 * requests per address per 10 minutes, BIJSLUITER_INTAKE_PER_PERSON per e-mail address per hour.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv): ConsoleSettings['limits'] {
  const count = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    ...DEFAULT_LIMITS,
    intakePerAddress: { ...DEFAULT_LIMITS.intakePerAddress, max: count('BIJSLUITER_INTAKE_LIMIT', DEFAULT_LIMITS.intakePerAddress.max) },
    intakePerEmail: { ...DEFAULT_LIMITS.intakePerEmail, max: count('BIJSLUITER_INTAKE_PER_PERSON', DEFAULT_LIMITS.intakePerEmail.max) },
  };
}

/** https, or http on this machine only: teachers' data never crosses a network in the clear. */
export function checkPublicUrl(publicUrl: string): void {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`--public-url ${publicUrl} is not a URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new Error(`--public-url must be https:// (http only for 127.0.0.1 or localhost): ${publicUrl}`);
  if (url.pathname !== '/' || url.search || url.hash) throw new Error('--public-url is the origin only, without a path (the console lives at /b/SLUG/…)');
}
