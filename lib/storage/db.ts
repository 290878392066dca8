/**
 * The IndexedDB database: the last good register (version 1) and the outbox of vetting requests
 * (version 2). Versioned from the start; `upgrade` runs every step from the version found.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'bijsluiter';
export const DB_VERSION = 2;

/** The last good register as stored: the signed envelope, re-verified when loaded. */
export interface StoredRegister {
  /** The URL it was fetched from. */
  url: string;
  /** The envelope exactly as downloaded (UTF-8 text). */
  envelopeText: string;
  serial: number;
  payloadSha256: string;
  etag: string | null;
  lastModified: string | null;
  /** ISO time it was stored. */
  storedAt: string;
  /**
   * The payload as acceptance produced it (defaults filled in), and which build accepted it. The
   * same build reading its own copy at wake checks the signature and digest only, not the whole
   * schema again: that took seconds for a 2,000-tool register in a cold worker. A different
   * build (an update may check more) accepts the envelope again in full.
   */
  accepted?: { by: string; payloadJson: string };
}

interface BijsluiterDb extends DBSchema {
  register: { key: 'current'; value: StoredRegister };
  /** Vetting requests by id; values are validated on read (see lib/requests/store.ts). */
  outbox: { key: string; value: unknown };
}

export type Database = IDBPDatabase<BijsluiterDb>;

/** Opens (and if needed creates or upgrades) the database. */
export function openDatabase(factory?: IDBFactory): Promise<Database> {
  const options = {
    upgrade(db: IDBPDatabase<BijsluiterDb>, oldVersion: number) {
      if (oldVersion < 1) db.createObjectStore('register');
      if (oldVersion < 2) db.createObjectStore('outbox');
    },
  };
  if (factory) {
    // Tests pass a fresh fake-indexeddb factory; idb uses the global one.
    const previous = globalThis.indexedDB;
    globalThis.indexedDB = factory;
    try {
      return openDB<BijsluiterDb>(DB_NAME, DB_VERSION, options);
    } finally {
      globalThis.indexedDB = previous;
    }
  }
  return openDB<BijsluiterDb>(DB_NAME, DB_VERSION, options);
}

/** Reads the last good register; null when there is none. */
export async function loadStoredRegister(db: Database): Promise<StoredRegister | null> {
  return (await db.get('register', 'current')) ?? null;
}

/** Replaces the last good register in one transaction. */
export async function saveStoredRegister(db: Database, record: StoredRegister): Promise<void> {
  const tx = db.transaction('register', 'readwrite');
  await Promise.all([tx.store.put(record, 'current'), tx.done]);
}

/** Forgets the stored register (it no longer verifies with the keys in force). */
export async function deleteStoredRegister(db: Database): Promise<void> {
  await db.delete('register', 'current');
}
