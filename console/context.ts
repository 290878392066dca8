/**
 * What every part of the console is given instead of reaching for globals: the database, the
 * instance's settings and secrets, the clock, and the notification sender.
 */
import type { Db } from './db/open';

export interface ConsoleSettings {
  /** The address teachers' browsers and FGs reach the console at (https in production). */
  publicUrl: string;
  /** Personal data of decided requests is removed after this many days. */
  retentionDays: number;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean;
  /** SMTP server for notifications (smtp://user:pass@host:port); none: no e-mail goes out. */
  smtpUrl: string | null;
  /** Also write each published register to DIR/SLUG/register.json, for a static web host. */
  registerDir: string | null;
  /** Webhooks may go to private and local networks (an on-premise ticketing system). */
  allowPrivateWebhooks: boolean;
  /** Sender address of notifications. */
  mailFrom: string;
  /** Limits of the intake, per window. */
  limits: {
    intakePerAddress: { max: number; windowMs: number };
    intakePerEmail: { max: number; windowMs: number };
    /** Failed logins (and codes) of one account from one address (/64 for IPv6) before that pair is locked for the window. */
    loginPerAccount: { max: number; windowMs: number };
    /** Logins from one address, any account: checked first, so one address cannot spend an account's attempts. */
    loginPerAddress: { max: number; windowMs: number };
    /** Failed logins of one account from anywhere: past `after`, each attempt waits longer (doubling from `baseMs` to `maxMs`), never a lock. */
    loginAccountDelay: { after: number; baseMs: number; maxMs: number; windowMs: number };
    /** Single sign-on steps (starts and callbacks) from one address: a login is two. */
    ssoPerAddress: { max: number; windowMs: number };
    /** Wrong second-factor codes of one account from all addresses together before its code step is locked for the window. */
    codesPerAccount: { max: number; windowMs: number };
    apiPerToken: { max: number; windowMs: number };
  };
}

export interface ConsoleContext {
  db: Db;
  settings: ConsoleSettings;
  /** 32 bytes: seals signing keys, derives statusUrl secrets. */
  master: Buffer;
  now(): Date;
}

export const DEFAULT_LIMITS: ConsoleSettings['limits'] = {
  // a school's teachers may share one address (NAT): generous per address, tighter per person
  intakePerAddress: { max: 60, windowMs: 10 * 60_000 },
  intakePerEmail: { max: 20, windowMs: 60 * 60_000 },
  loginPerAccount: { max: 5, windowMs: 15 * 60_000 },
  loginPerAddress: { max: 30, windowMs: 15 * 60_000 },
  // an outsider who knows the FG's address (it is in the signed register) may slow its logins
  // down by a few seconds, never lock the FG out: a lock is per account and address only
  loginAccountDelay: { after: 10, baseMs: 250, maxMs: 4_000, windowMs: 15 * 60_000 },
  codesPerAccount: { max: 10, windowMs: 60 * 60_000 },
  // generous: a school's FGs and their colleagues may share one address
  ssoPerAddress: { max: 100, windowMs: 15 * 60_000 },
  apiPerToken: { max: 600, windowMs: 60_000 },
};

export function defaultSettings(publicUrl: string): ConsoleSettings {
  return { publicUrl: publicUrl.replace(/\/+$/, ''), retentionDays: 365, trustProxy: false, smtpUrl: null, registerDir: null, allowPrivateWebhooks: false, mailFrom: 'bijsluiter@localhost', limits: DEFAULT_LIMITS };
}
