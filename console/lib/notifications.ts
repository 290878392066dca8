/**
 * What the console tells the board's FGs and ticketing system, as outbox messages. E-mails say
 * that there is work and where, nothing about the teacher (no name, no e-mail address, no
 * message): the FG reads those after logging in. The webhook goes to the board's own ticketing
 * system and carries the request itself, as a ticket needs it.
 */
import type { ConsoleContext } from '../context';
import type { Board } from '../store/boards';
import type { OutboxMessage } from '../notify/message';
import type { RequestRow } from '../store/requests';
import { translate, type Lang } from '../ui/messages';


/** Tool names in e-mails are a teacher's text: one line, at most 60 characters, in quotes, so they read as a name and not as the console's own words. */
export const EMAIL_NAME_MAX = 60;
export function quotedName(name: string): string {
  const one = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/["“”]/g, "'");
  const short = [...one].length > EMAIL_NAME_MAX ? `${[...one].slice(0, EMAIL_NAME_MAX - 1).join('').trimEnd()}…` : one;
  return `“${short}”`;
}

function inboxUrl(ctx: ConsoleContext, board: Board, requestId?: string): string {
  return `${ctx.settings.publicUrl}/b/${board.slug}/fg/${requestId ? `requests/${requestId}` : ''}`;
}

export function newRequestEmail(ctx: ConsoleContext, board: Board, row: Pick<RequestRow, 'toolName' | 'toolHost' | 'requestId'>, to: string, lang: Lang): OutboxMessage {
  const name = quotedName(row.toolName);
  return {
    kind: 'email',
    to,
    subject: translate(lang, 'mail_newSubject', name, row.toolHost),
    text: [translate(lang, 'mail_newBody', name, row.toolHost, board.name), '', translate(lang, 'mail_openRequest', inboxUrl(ctx, board, row.requestId)), '', translate(lang, 'mail_whyYou')].join('\n'),
  };
}

export function digestEmail(ctx: ConsoleContext, board: Board, rows: readonly Pick<RequestRow, 'toolName' | 'toolHost'>[], to: string, lang: Lang): OutboxMessage {
  return {
    kind: 'email',
    to,
    subject: translate(lang, 'mail_digestSubject', rows.length, board.name),
    text: [translate(lang, 'mail_digestIntro'), ...rows.map((r) => `- ${quotedName(r.toolName)} (${r.toolHost})`), '', translate(lang, 'mail_openInbox', inboxUrl(ctx, board))].join('\n'),
  };
}

export function attentionEmail(ctx: ConsoleContext, board: Board, lines: readonly string[], to: string, lang: Lang): OutboxMessage {
  return {
    kind: 'email',
    to,
    subject: translate(lang, 'mail_attentionSubject', board.name),
    text: [translate(lang, 'mail_attentionIntro'), ...lines.map((l) => `- ${l}`), '', `${ctx.settings.publicUrl}/b/${board.slug}/fg/attention`].join('\n'),
  };
}

function webhook(board: Board, event: 'request.received' | 'request.decided' | 'register.published', data: Record<string, unknown>): OutboxMessage[] {
  return board.webhookUrl ? [{ kind: 'webhook', event, data }] : [];
}

/** On intake: one e-mail per FG who wants them at once, and the webhook. */
export function requestNotifications(ctx: ConsoleContext, board: Board, row: RequestRow, instant: readonly { email: string; language: Lang }[]): OutboxMessage[] {
  const emails = ctx.settings.smtpUrl ? instant.map((fg) => newRequestEmail(ctx, board, row, fg.email, fg.language)) : [];
  return [...emails, ...webhook(board, 'request.received', { id: row.requestId, receivedAt: row.receivedAt.toISOString(), url: inboxUrl(ctx, board, row.requestId), request: row.body })];
}

export function decisionNotifications(ctx: ConsoleContext, board: Board, row: RequestRow): OutboxMessage[] {
  return webhook(board, 'request.decided', { id: row.requestId, status: row.status, note: row.note, toolId: row.toolId, tool: { name: row.toolName, host: row.toolHost }, url: inboxUrl(ctx, board, row.requestId) });
}

export function publishNotifications(ctx: ConsoleContext, board: Board, serial: number): OutboxMessage[] {
  return webhook(board, 'register.published', { serial, registerUrl: `${ctx.settings.publicUrl}/b/${board.slug}/register.json` });
}

/** What happened to an account's sign-in, told to the account itself (it may not have been them). */
export type AccountEvent = 'mfa.enrol' | 'mfa.recovery-used' | 'mfa.reset' | 'sso.linked';

export function accountEventEmail(ctx: Pick<ConsoleContext, 'settings'>, board: Board, event: AccountEvent, to: string, lang: Lang): OutboxMessage {
  return {
    kind: 'email',
    to,
    subject: translate(lang, 'mail_signInSubject', board.name),
    text: [translate(lang, `mail_${event}`), '', translate(lang, 'mail_notYou'), `${ctx.settings.publicUrl}/b/${board.slug}/fg/settings`].join('\n'),
  };
}
