/**
 * Publishing: the board's tools become the next signed register. One transaction under a
 * per-board lock builds, lints, signs and stores it; a register with lint errors is never
 * stored, a failure anywhere leaves the previous one served, and serials only go up.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { lintPayload, type Problem } from '../../lib/register/lint';
import { diffPayloads, type RegisterDiff } from '../../lib/register/diff';
import { schoolDay } from '../../lib/dates';
import { assemblePayload, signRegisterText } from '../../lib/register/assemble';
import { decodeBase64 } from '../../lib/register/base64';
import { registerPayloadSchema, type RegisterPayload } from '../../lib/register/schema';
import type { ConsoleContext } from '../context';
import type { Db } from '../db/open';
import { registers } from '../db/schema';
import { publishNotifications } from '../lib/notifications';
import { audit } from './audit';
import { boardSigningKey, type Board } from './boards';
import { enqueue } from './outbox';
import { listTools } from './tools';

/** How long a published register stays valid (as the CLI's build). */

export type PublishedRegister = typeof registers.$inferSelect;

export async function latestRegister(db: Db, boardId: number): Promise<PublishedRegister | null> {
  const [row] = await db.select().from(registers).where(eq(registers.boardId, boardId)).orderBy(desc(registers.serial)).limit(1);
  return row ?? null;
}

/** The board's last `limit` published registers, oldest first (for the public site's history). */
export async function recentRegisters(db: Db, boardId: number, limit: number): Promise<PublishedRegister[]> {
  const rows = await db.select().from(registers).where(eq(registers.boardId, boardId)).orderBy(desc(registers.serial)).limit(limit);
  return rows.reverse();
}


/** The payload the board's tools would publish as `serial` at `now`. */
export async function candidatePayload(ctx: ConsoleContext, db: Db, board: Board, serial: number, now: Date) {
  const publicUrl = ctx.settings.publicUrl;
  return assemblePayload({
    serial,
    issuedAt: now,
    publisher: {
      name: board.name,
      fg: { ...(board.fgName ? { name: board.fgName } : {}), email: board.fgEmail, ...(board.fgPhone ? { phone: board.fgPhone } : {}) },
      // the extension accepts only https endpoints from a register
      ...(publicUrl.startsWith('https://') ? { requestEndpoint: `${publicUrl}/b/${board.slug}/api/requests` } : {}),
      ...(board.infoUrl ? { infoUrl: board.infoUrl } : {}),
    },
    tools: await listTools(db, board.id),
  });
}

export interface PublishPreview {
  serial: number;
  problems: Problem[];
  diff: RegisterDiff | null;
}

/** What publishing now would do: the next serial, lint problems, the diff against what is served. */
export async function previewPublish(ctx: ConsoleContext, board: Board): Promise<PublishPreview> {
  const now = ctx.now();
  const latest = await latestRegister(ctx.db, board.id);
  const payload = await candidatePayload(ctx, ctx.db, board, (latest?.serial ?? 0) + 1, now);
  const problems = lintPayload(payload, schoolDay(now));
  const parsed = registerPayloadSchema.safeParse(payload);
  const before = latest ? registerPayloadSchema.safeParse(latest.payload) : null;
  const diff = parsed.success ? diffPayloads(before?.success ? before.data : emptyPayload(parsed.data), parsed.data) : null;
  return { serial: payload.serial, problems, diff };
}

function emptyPayload(like: RegisterPayload): RegisterPayload {
  return { ...like, serial: 0, tools: [] };
}

export type PublishResult = { ok: true; serial: number; warnings: Problem[]; exportError?: string } | { ok: false; errors: Problem[] };

export async function publish(ctx: ConsoleContext, board: Board, actor: string): Promise<PublishResult> {
  const result = await publishInDatabase(ctx, board, actor);
  if (!result.ok || !ctx.settings.registerDir) return result;
  // the database is what the console serves; the folder copy follows it and says when it could not
  try {
    const latest = await latestRegister(ctx.db, board.id);
    const dir = join(ctx.settings.registerDir, board.slug);
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `.register.json.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(tmp, latest!.envelope);
    renameSync(tmp, join(dir, 'register.json'));
    return result;
  } catch (error) {
    return { ...result, exportError: `published, but not written to ${ctx.settings.registerDir}: ${(error as Error).message}` };
  }
}

async function publishInDatabase(ctx: ConsoleContext, board: Board, actor: string): Promise<PublishResult> {
  const key = await boardSigningKey(ctx.master, board);
  const publicRaw = decodeBase64(board.publicKey)!;
  return ctx.db.transaction(async (tx) => {
    // one publish per board at a time, across instances: the second waits, then takes serial + 1
    await tx.execute(sql`SELECT pg_advisory_xact_lock(727274102, ${board.id})`);
    const [latest] = await tx.select({ serial: registers.serial }).from(registers).where(eq(registers.boardId, board.id)).orderBy(desc(registers.serial)).limit(1);
    const now = ctx.now();
    const payload = await candidatePayload(ctx, tx, board, (latest?.serial ?? 0) + 1, now);
    const problems = lintPayload(payload, schoolDay(now));
    const errors = problems.filter((p) => p.level === 'error');
    if (errors.length > 0) return { ok: false, errors };
    const envelope = await signRegisterText(payload, key, publicRaw);
    const etag = `"${createHash('sha256').update(envelope).digest('hex').slice(0, 32)}"`;
    // lint found no error, so the payload is the schema's (parsed again for its type, in milliseconds)
    await tx.insert(registers).values({ boardId: board.id, serial: payload.serial, envelope, payload: registerPayloadSchema.parse(payload), etag, publishedAt: now, publishedBy: actor });
    await audit(tx, board.id, actor, 'register.publish', `serial ${payload.serial}`, { tools: payload.tools.length, warnings: problems.length });
    for (const message of publishNotifications(ctx, board, payload.serial)) await enqueue(tx, board.id, message);
    return { ok: true, serial: payload.serial, warnings: problems.filter((p) => p.level === 'warning') };
  });
}

