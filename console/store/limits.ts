/**
 * Rate limits kept in the database, so every instance behind a load balancer counts the same
 * hits: a fixed window per key, counted with one upsert.
 */
import { lt, sql } from 'drizzle-orm';
import { rows, type Db } from '../db/open';
import { rateLimits } from '../db/schema';

export interface Limit {
  /** What is limited and for whom, e.g. `intake-ip:203.0.113.9`. */
  key: string;
  max: number;
  windowMs: number;
}

export interface LimitResult {
  allowed: boolean;
  /** Hits in this window, this one included. */
  count: number;
  /** Seconds until the window ends (for Retry-After). */
  retryAfter: number;
}

/** Counts one hit against `limit` at `now`; refused once the window holds more than `max`. */
export async function hit(db: Db, limit: Limit, now: Date): Promise<LimitResult> {
  const start = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const result = await db.execute(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${limit.key}, ${start}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
    RETURNING count`);
  const count = Number(rows<{ count: number }>(result)[0]?.count ?? 0);
  return { allowed: count <= limit.max, count, retryAfter: Math.max(1, Math.ceil((start.getTime() + limit.windowMs - now.getTime()) / 1000)) };
}

/** Takes back one hit of the current window (an attempt that turned out fine). */
export async function giveBack(db: Db, limit: Limit, now: Date): Promise<void> {
  const start = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  await db.execute(sql`UPDATE rate_limits SET count = greatest(count - 1, 0) WHERE key = ${limit.key} AND window_start = ${start}`);
}

/** Forgets windows that ended before `before`. */
export async function pruneLimits(db: Db, before: Date): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, before));
}
