/**
 * The limits every login step passes (the password form, the code form), in an order an outsider
 * cannot turn against the FG. The FG's e-mail address is public (it is in the signed register),
 * so a lock per account would let anyone lock the FG out from any address. Instead:
 *   1. the address (IPv4, or an IPv6 /64) is limited first, over all accounts;
 *   2. an account is locked only for the address that failed (account × address);
 *   3. failures of an account from everywhere add a delay, doubling to a few seconds, never a lock;
 *   4. wrong second-factor codes of an account are limited from everywhere together (only someone
 *      who has the password reaches the code step, so this lock cannot be had by an outsider, and
 *      a million codes cannot be tried from a /48 of /64s).
 * Every attempt is counted before the password is checked (a burst cannot slip past), and a
 * successful one gives its counts back. A lock is written to the audit log when it starts.
 */
import type { ConsoleContext } from '../context';
import { audit } from './audit';
import { giveBack, hit, type Limit } from './limits';

export type LoginGate =
  | { open: true; delayMs: number; settle(success: boolean): Promise<void> }
  | { open: false; retryAfter: number; scope: 'address' | 'account-address' | 'account-codes' };

/** `email` is what was typed (normalised); `address` the client's limit key (clientAddress). */
export async function enterLoginGate(ctx: ConsoleContext, boardId: number, email: string, address: string, step: 'password' | 'code'): Promise<LoginGate> {
  const now = ctx.now();
  const { loginPerAddress, loginPerAccount, loginAccountDelay, codesPerAccount } = ctx.settings.limits;
  const byAddress: Limit = { key: `login-ip:${address}`, ...loginPerAddress };
  const byPair: Limit = { key: `login-pair:${boardId}:${email}:${address}`, ...loginPerAccount };
  const byAccount: Limit = { key: `login-acct:${boardId}:${email}`, max: Number.MAX_SAFE_INTEGER, windowMs: loginAccountDelay.windowMs };

  const fromAddress = await hit(ctx.db, byAddress, now);
  if (!fromAddress.allowed) {
    if (fromAddress.count === byAddress.max + 1) await audit(ctx.db, boardId, 'system', 'login.locked', address, { scope: 'address', step, minutes: Math.round(byAddress.windowMs / 60_000) }, now);
    return { open: false, retryAfter: fromAddress.retryAfter, scope: 'address' };
  }
  const pair = await hit(ctx.db, byPair, now);
  if (!pair.allowed) {
    if (pair.count === byPair.max + 1) await audit(ctx.db, boardId, 'system', 'login.locked', email, { scope: 'account-address', address, step, minutes: Math.round(byPair.windowMs / 60_000) }, now);
    return { open: false, retryAfter: pair.retryAfter, scope: 'account-address' };
  }
  const byCodes: Limit = { key: `login-codes:${boardId}:${email}`, ...codesPerAccount };
  if (step === 'code') {
    const codes = await hit(ctx.db, byCodes, now);
    if (!codes.allowed) {
      if (codes.count === byCodes.max + 1) await audit(ctx.db, boardId, 'system', 'login.locked', email, { scope: 'account-codes', address, step, minutes: Math.round(byCodes.windowMs / 60_000) }, now);
      return { open: false, retryAfter: codes.retryAfter, scope: 'account-codes' };
    }
  }
  const account = await hit(ctx.db, byAccount, now);
  const over = account.count - loginAccountDelay.after;
  const delayMs = over > 0 ? Math.min(loginAccountDelay.baseMs * 2 ** Math.min(over - 1, 20), loginAccountDelay.maxMs) : 0;
  return {
    open: true,
    delayMs,
    async settle(success) {
      if (!success) return;
      for (const limit of step === 'code' ? [byAddress, byPair, byAccount, byCodes] : [byAddress, byPair, byAccount]) await giveBack(ctx.db, limit, now);
    },
  };
}
