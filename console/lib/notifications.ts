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

type Lang = 'nl' | 'en';

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
  const nl = lang === 'nl';
  return {
    kind: 'email',
    to,
    subject: nl ? `Nieuwe aanvraag: ${quotedName(row.toolName)} (${row.toolHost})` : `New request: ${quotedName(row.toolName)} (${row.toolHost})`,
    text: [
      nl ? `Er is een nieuwe aanvraag binnengekomen om ${quotedName(row.toolName)} (${row.toolHost}) te beoordelen voor ${board.name}.` : `A new request to vet ${quotedName(row.toolName)} (${row.toolHost}) has arrived for ${board.name}.`,
      '',
      nl ? `Bekijk de aanvraag: ${inboxUrl(ctx, board, row.requestId)}` : `Open the request: ${inboxUrl(ctx, board, row.requestId)}`,
      '',
      nl ? 'U krijgt dit bericht omdat u FG bent in de Bijsluiter-console. U kunt kiezen voor één overzicht per uur of geen e-mail.' : 'You receive this as an FG in the Bijsluiter console. You can choose one digest per hour or no e-mail.',
    ].join('\n'),
  };
}

export function digestEmail(ctx: ConsoleContext, board: Board, rows: readonly Pick<RequestRow, 'toolName' | 'toolHost'>[], to: string, lang: Lang): OutboxMessage {
  const nl = lang === 'nl';
  return {
    kind: 'email',
    to,
    subject: nl ? `${rows.length} nieuwe aanvraag/aanvragen voor ${board.name}` : `${rows.length} new request(s) for ${board.name}`,
    text: [
      nl ? 'Binnengekomen in het afgelopen uur:' : 'Arrived in the last hour:',
      ...rows.map((r) => `- ${quotedName(r.toolName)} (${r.toolHost})`),
      '',
      nl ? `Naar de inbox: ${inboxUrl(ctx, board)}` : `Open the inbox: ${inboxUrl(ctx, board)}`,
    ].join('\n'),
  };
}

export function attentionEmail(ctx: ConsoleContext, board: Board, lines: readonly string[], to: string, lang: Lang): OutboxMessage {
  const nl = lang === 'nl';
  return {
    kind: 'email',
    to,
    subject: nl ? `Wekelijks: aandachtspunten voor ${board.name}` : `Weekly: needs attention for ${board.name}`,
    text: [nl ? 'Dit vraagt uw aandacht:' : 'This needs your attention:', ...lines.map((l) => `- ${l}`), '', `${ctx.settings.publicUrl}/b/${board.slug}/fg/attention`].join('\n'),
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

export function accountEventEmail(ctx: ConsoleContext, board: Board, event: AccountEvent, to: string, lang: Lang): OutboxMessage {
  const nl = lang === 'nl';
  const what: Record<AccountEvent, [string, string]> = {
    'mfa.enrol': ['Two-step verification was set up for your account (a new authenticator app).', 'Voor je account is tweestapsverificatie ingesteld (een nieuwe authenticator-app).'],
    'mfa.recovery-used': ['One of your recovery codes was used to log in.', 'Er is ingelogd met een van je herstelcodes.'],
    'mfa.reset': ['The second factor of your account was removed by the console\'s administrator; you set it up again at your next login.', 'De tweede stap van je account is verwijderd door de beheerder van de console; je stelt hem opnieuw in bij de volgende keer inloggen.'],
    'sso.linked': ['Your account was linked to a single sign-on account; from now on only that account logs in as you.', 'Je account is gekoppeld aan een account voor eenmalig inloggen; alleen dat account logt voortaan als jou in.'],
  };
  return {
    kind: 'email',
    to,
    subject: nl ? `Bijsluiter-console ${board.name}: inloggen gewijzigd` : `Bijsluiter console ${board.name}: sign-in changed`,
    text: [
      what[event][nl ? 1 : 0],
      '',
      nl ? 'Was jij dit niet? Meld het direct aan je IT-beheerder en de FG van je bestuur.' : 'Was this not you? Tell your IT admin and your board\'s FG at once.',
      `${ctx.settings.publicUrl}/b/${board.slug}/fg/settings`,
    ].join('\n'),
  };
}
