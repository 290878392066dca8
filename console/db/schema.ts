/**
 * The tables as Drizzle sees them, for typed queries. The SQL that creates them is in
 * migrations.ts; a test compares the two on a migrated database.
 */
import type { RegisterPayload, Tool } from '../../lib/register/schema';
import { FG_STATUSES, type VettingRequest } from '../../lib/requests/schema';
import type { OutboxMessage } from '../notify/message';
import { bigint, bigserial, boolean, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const boards = pgTable('boards', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  fgName: text('fg_name').notNull(),
  fgEmail: text('fg_email').notNull(),
  fgPhone: text('fg_phone'),
  infoUrl: text('info_url'),
  intakeTokenHash: text('intake_token_hash'),
  emailDomains: text('email_domains').array().notNull(),
  webhookUrl: text('webhook_url'),
  webhookSecretEnc: text('webhook_secret_enc'),
  signingKeyEnc: text('signing_key_enc').notNull(),
  publicKey: text('public_key').notNull(),
  attentionDigestAt: at('attention_digest_at'),
  ssoIssuer: text('sso_issuer'),
  ssoClientId: text('sso_client_id'),
  ssoClientSecretEnc: text('sso_client_secret_enc'),
  ssoName: text('sso_name'),
  passwordLogin: boolean('password_login').notNull().default(true),
  mfaRequired: boolean('mfa_required').notNull().default(false),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  boardId: integer('board_id').notNull(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['fg', 'viewer'] }).notNull(),
  notify: text('notify', { enum: ['instant', 'hourly', 'off'] }).notNull(),
  language: text('language', { enum: ['nl', 'en'] }).notNull(),
  digestSentAt: at('digest_sent_at'),
  totpSecretEnc: text('totp_secret_enc'),
  totpPendingEnc: text('totp_pending_enc'),
  totpEnabledAt: at('totp_enabled_at'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }).notNull().default(0),
  /** The provider's `iss` and `sub` of the first single sign-on: later ones must be the same person, whatever e-mail address they claim. */
  ssoSubject: text('sso_subject'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull(),
  boardId: integer('board_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  expiresAt: at('expires_at').notNull(),
  /** How the login was made: the password alone, the password and a code, or the board's single sign-on. */
  method: text('method', { enum: ['password', 'totp', 'sso'] }).notNull().default('password'),
  /** When the strongest factor the account has was last shown (publishing and new API tokens want it within 15 minutes). */
  verifiedAt: at('verified_at'),
});

export const recoveryCodes = pgTable('recovery_codes', {
  userId: integer('user_id').notNull(),
  codeHash: text('code_hash').notNull(),
  usedAt: at('used_at'),
}, (t) => [primaryKey({ columns: [t.userId, t.codeHash] })]);

/** A login between its steps: the password was right and the code is due, or the provider is asked. */
export const loginSteps = pgTable('login_steps', {
  tokenHash: text('token_hash').primaryKey(),
  boardId: integer('board_id').notNull(),
  userId: integer('user_id'),
  kind: text('kind', { enum: ['code', 'sso'] }).notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  expiresAt: at('expires_at').notNull(),
});

export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  boardId: integer('board_id').notNull(),
  userId: integer('user_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  label: text('label').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  lastUsedAt: at('last_used_at'),
});

export const requests = pgTable('requests', {
  id: serial('id').primaryKey(),
  boardId: integer('board_id').notNull(),
  requestId: uuid('request_id').notNull(),
  bodyHash: text('body_hash').notNull(),
  body: jsonb('body').$type<VettingRequest | null>(),
  toolHost: text('tool_host').notNull(),
  toolName: text('tool_name').notNull(),
  registerId: text('register_id'),
  requesterEmail: text('requester_email'),
  status: text('status', { enum: FG_STATUSES }).notNull(),
  note: text('note').notNull(),
  toolId: text('tool_id'),
  receivedAt: at('received_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  decidedAt: at('decided_at'),
  decidedBy: text('decided_by'),
  redactedAt: at('redacted_at'),
});

export const tools = pgTable('tools', {
  boardId: integer('board_id').notNull(),
  toolId: text('tool_id').notNull(),
  data: jsonb('data').$type<Tool>().notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
}, (t) => [primaryKey({ columns: [t.boardId, t.toolId] })]);

export const registers = pgTable('registers', {
  boardId: integer('board_id').notNull(),
  serial: integer('serial').notNull(),
  envelope: text('envelope').notNull(),
  payload: jsonb('payload').$type<RegisterPayload>().notNull(),
  etag: text('etag').notNull(),
  publishedAt: at('published_at').notNull().defaultNow(),
  publishedBy: text('published_by').notNull(),
}, (t) => [primaryKey({ columns: [t.boardId, t.serial] })]);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  boardId: integer('board_id').notNull(),
  at: at('at').notNull().defaultNow(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
});

export const rateLimits = pgTable('rate_limits', {
  key: text('key').notNull(),
  windowStart: at('window_start').notNull(),
  count: integer('count').notNull(),
}, (t) => [primaryKey({ columns: [t.key, t.windowStart] })]);

export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  boardId: integer('board_id').notNull(),
  kind: text('kind', { enum: ['email', 'webhook'] }).notNull(),
  message: jsonb('message').$type<OutboxMessage>().notNull(),
  attempts: integer('attempts').notNull(),
  nextAt: at('next_at').notNull().defaultNow(),
  doneAt: at('done_at'),
  lastError: text('last_error'),
});
