/**
 * A board's single sign-on (its OpenID Provider and the console's client there, the secret
 * sealed under the master key) and its login rules: whether passwords still work, whether a
 * second factor is compulsory for password accounts.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { ConsoleContext } from '../context';
import type { Db } from '../db/open';
import { boards, sessions, users } from '../db/schema';
import { issuerProblem, forgetProviderConfigs, type SsoSettings } from '../lib/oidc';
import { seal, unseal } from '../lib/secrets';
import { audit } from './audit';
import type { Board } from './boards';

const secretContext = (board: Pick<Board, 'slug'>) => `sso-secret:${board.slug}`;

export function boardSso(ctx: Pick<ConsoleContext, 'master'>, board: Board): SsoSettings | null {
  if (!board.ssoIssuer || !board.ssoClientId || !board.ssoClientSecretEnc) return null;
  return { issuer: board.ssoIssuer, clientId: board.ssoClientId, clientSecret: unseal(ctx.master, board.ssoClientSecretEnc, secretContext(board)).toString(), name: board.ssoName || 'SSO' };
}

/** The address the provider sends the browser back to: register it at the provider. */
export function ssoRedirectUri(publicUrl: string, board: Pick<Board, 'slug'>): string {
  return `${publicUrl.replace(/\/+$/, '')}/b/${board.slug}/fg/sso/callback`;
}

export type SsoInput = { issuer: string; clientId: string; clientSecret: string; name: string };

/** Null when the settings are usable; else what is wrong, in words. */
export function ssoInputProblem(input: SsoInput): string | null {
  const problem = issuerProblem(input.issuer);
  if (problem) return problem;
  if (!/^[\x21-\x7e]{1,255}$/.test(input.clientId)) return 'the client id is 1–255 visible characters';
  if (!/^[\x20-\x7e]{1,1024}$/.test(input.clientSecret)) return 'the client secret is 1–1024 visible characters';
  if (!/^[^\x00-\x1f\x7f]{1,40}$/.test(input.name)) return 'the name shown on the button is 1–40 characters';
  return null;
}

export async function setBoardSso(master: Buffer, db: Db, board: Board, input: SsoInput | null, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const values = input
      ? { ssoIssuer: input.issuer.replace(/\/+$/, ''), ssoClientId: input.clientId, ssoClientSecretEnc: seal(master, Buffer.from(input.clientSecret), secretContext(board)), ssoName: input.name }
      : { ssoIssuer: null, ssoClientId: null, ssoClientSecretEnc: null, ssoName: null, passwordLogin: true };
    await tx.update(boards).set(values).where(eq(boards.id, board.id));
    // another provider (or none): the accounts' links to the old provider's people mean nothing there
    if (!input || input.issuer.replace(/\/+$/, '') !== board.ssoIssuer) await tx.update(users).set({ ssoSubject: null }).where(eq(users.boardId, board.id));
    await audit(tx, board.id, actor, input ? 'sso.set' : 'sso.remove', input ? input.issuer : '', input ? { clientId: input.clientId, name: input.name } : {});
  });
  forgetProviderConfigs();
}

/** Passwords on or off for the board; off ends every session that was not made by single sign-on. */
export async function setPasswordLogin(db: Db, board: Board, on: boolean, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(boards).set({ passwordLogin: on }).where(eq(boards.id, board.id));
    if (!on) await tx.delete(sessions).where(and(eq(sessions.boardId, board.id), ne(sessions.method, 'sso')));
    await audit(tx, board.id, actor, on ? 'password-login.on' : 'password-login.off', '');
  });
}

export async function setMfaRequired(db: Db, board: Board, required: boolean, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(boards).set({ mfaRequired: required }).where(eq(boards.id, board.id));
    await audit(tx, board.id, actor, required ? 'mfa.required' : 'mfa.optional', '');
  });
}

/** The provider's person an account is linked to: `ISSUER SUB`. */
export function ssoSubjectOf(identity: { issuer: string; subject: string }): string {
  return `${identity.issuer} ${identity.subject}`;
}

/** Links an account to the provider's person at its first single sign-on; later ones must be that person. */
export async function linkSsoSubject(db: Db, userId: number, subject: string): Promise<void> {
  await db.update(users).set({ ssoSubject: subject }).where(eq(users.id, userId));
}

/** Forgets the link (the person got a new account at the provider): the next single sign-on links again. */
export async function unlinkSsoSubject(db: Db, boardId: number, email: string, actor: string): Promise<boolean> {
  const changed = await db.update(users).set({ ssoSubject: null }).where(and(eq(users.boardId, boardId), eq(users.email, email.trim().toLowerCase()))).returning({ id: users.id });
  if (changed.length > 0) await audit(db, boardId, actor, 'sso.unlink', email.trim().toLowerCase());
  return changed.length > 0;
}
