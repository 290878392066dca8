/**
 * Boards: the unit every query is scoped to. A board has its own signing key (sealed under the
 * master key), intake token (stored as a hash), FG accounts, tools, requests and registers.
 */
import { eq } from 'drizzle-orm';
import { encodeBase64 } from '../../lib/register/base64';
import type { Db } from '../db/open';
import { boards, users } from '../db/schema';
import { hashPassword, hashToken, newToken, seal, unseal } from '../lib/secrets';
import { audit } from './audit';

export type Board = typeof boards.$inferSelect;

/** A key brought along: its PKCS#8 bytes and its raw public half. */
export interface SigningKey {
  pkcs8: Uint8Array;
  publicRaw: Uint8Array;
}

/** Board slugs appear in every address: lowercase letters, digits and hyphens. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

export async function findBoard(db: Db, slug: string): Promise<Board | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const [board] = await db.select().from(boards).where(eq(boards.slug, slug));
  return board ?? null;
}

export async function findBoardById(db: Db, id: number): Promise<Board | null> {
  const [board] = await db.select().from(boards).where(eq(boards.id, id));
  return board ?? null;
}

/**
 * The board's intake settings: the e-mail domains teachers may send from and the webhook. A new
 * webhook address gets a new secret (returned, to be shown once); no webhook, no secret.
 */
export async function setIntake(db: Db, master: Buffer, board: Board, input: { emailDomains: string[]; webhookUrl: string | null }, actor: string): Promise<{ newWebhookSecret: string | null }> {
  const secret = input.webhookUrl && input.webhookUrl !== board.webhookUrl ? newToken('whsec') : null;
  await db.transaction(async (tx) => {
    await tx
      .update(boards)
      .set({ emailDomains: input.emailDomains, webhookUrl: input.webhookUrl, ...(secret ? { webhookSecretEnc: seal(master, Buffer.from(secret), `webhook:${board.slug}`) } : input.webhookUrl ? {} : { webhookSecretEnc: null }) })
      .where(eq(boards.id, board.id));
    await audit(tx, board.id, actor, 'settings.intake', '', { emailDomains: input.emailDomains, webhookUrl: input.webhookUrl });
  });
  return { newWebhookSecret: secret };
}

export interface NewBoard {
  slug: string;
  name: string;
  fgEmail: string;
  fgName?: string;
  password: string;
  /** An existing Ed25519 key (from the CLI's keygen) to keep signing with; else a new one. */
  signingKey?: SigningKey;
}

export interface CreatedBoard {
  board: Board;
  intakeToken: string;
}

/** Creates a board with its signing key, intake token and first FG account; null if the slug is taken. */
export async function createBoard(db: Db, master: Buffer, input: NewBoard): Promise<CreatedBoard | null> {
  let pkcs8: Uint8Array;
  let publicKey: string;
  if (input.signingKey) {
    pkcs8 = input.signingKey.pkcs8;
    publicKey = encodeBase64(input.signingKey.publicRaw);
  } else {
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
    publicKey = encodeBase64(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  }
  const intakeToken = newToken('bji');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [board] = await tx
      .insert(boards)
      .values({
        slug: input.slug,
        name: input.name,
        fgEmail: input.fgEmail,
        fgName: input.fgName ?? '',
        intakeTokenHash: hashToken(intakeToken),
        emailDomains: [],
        signingKeyEnc: seal(master, pkcs8, `signing-key:${input.slug}`),
        publicKey,
      })
      .onConflictDoNothing({ target: boards.slug })
      .returning();
    if (!board) return null;
    await tx.insert(users).values({ boardId: board.id, email: input.fgEmail.toLowerCase(), name: input.fgName ?? '', passwordHash, role: 'fg', notify: 'instant', language: 'nl' });
    return { board, intakeToken };
  });
}

/** The board's private signing key, opened with the master key. */
export async function boardSigningKey(master: Buffer, board: Board): Promise<CryptoKey> {
  const pkcs8 = unseal(master, board.signingKeyEnc, `signing-key:${board.slug}`);
  return crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), { name: 'Ed25519' }, false, ['sign']);
}

/** The addresses the extension needs, as policy values. */
export function boardPolicy(publicUrl: string, board: Board, intakeToken?: string) {
  const base = `${publicUrl.replace(/\/+$/, '')}/b/${board.slug}`;
  return {
    registerUrl: `${base}/register.json`,
    publicKeys: [board.publicKey],
    requestEndpoint: `${base}/api/requests`,
    ...(intakeToken ? { requestToken: intakeToken } : {}),
  };
}
