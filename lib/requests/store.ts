/**
 * The outbox in IndexedDB. Each write is one transaction; every record is validated on read,
 * and one that fails is kept aside and reported, never deleted, so nothing a teacher asked for
 * disappears silently.
 */
import type { Database } from '../storage/db';
import { outboxRecordSchema, type OutboxRecord } from './schema';

/** A stored record that no longer passes the schema. */
export interface DamagedRecord {
  key: string;
  reason: string;
}

/** Stores (or replaces) a record. */
export async function putRecord(db: Database, record: OutboxRecord): Promise<void> {
  await db.put('outbox', record, record.id);
}

/** Reads one record; null when absent or damaged. */
export async function getRecord(db: Database, id: string): Promise<OutboxRecord | null> {
  const parsed = outboxRecordSchema.safeParse(await db.get('outbox', id));
  return parsed.success ? parsed.data : null;
}

/** Reads every record, oldest first, with the damaged ones apart. */
export async function readOutbox(db: Database): Promise<{ records: OutboxRecord[]; damaged: DamagedRecord[] }> {
  const tx = db.transaction('outbox', 'readonly');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
  const records: OutboxRecord[] = [];
  const damaged: DamagedRecord[] = [];
  values.forEach((value, i) => {
    const parsed = outboxRecordSchema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else damaged.push({ key: String(keys[i]), reason: parsed.error.issues.slice(0, 2).map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
  });
  records.sort((a, b) => a.request.createdAt.localeCompare(b.request.createdAt));
  return { records, damaged };
}
