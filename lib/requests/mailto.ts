/**
 * The e-mail a request becomes when no endpoint is configured: subject and body in the
 * teacher's language, readable by a person, as a mailto: URL. The request's personal-data codes
 * are written as their labels in that language.
 */
import type { MessageKey } from '../i18n';
import { personalDataLabel, personalDataMessageKey } from './personal-data';
import type { VettingRequest } from './schema';

type Translate = (key: MessageKey, ...subs: string[]) => string;

/** Mail clients cut long mailto: URLs; the free message is shortened first. */
const MAX_BODY = 1800;

/** The subject and body of the e-mail to the FG. */
export function mailText(request: VettingRequest, translate: Translate, formatDate: (iso: string) => string): { subject: string; body: string } {
  const u = request.use;
  const line = (key: MessageKey, value: string | number | null) => (value === null || value === '' ? null : `${translate(key)}: ${value}`);
  const details = [
    line('mail_tool', request.tool.name),
    line('mail_site', request.tool.url),
    line('mail_registerId', request.tool.registerId),
    line('mail_purpose', u.purpose),
    line('mail_subject', u.subject),
    line('mail_groups', u.groups),
    line('mail_count', u.studentCount),
    line('mail_age', u.studentAge),
    line('mail_data', u.personalData.map((value) => personalDataLabel(value, (code) => translate(personalDataMessageKey(code) as MessageKey))).join(', ')),
    line('mail_neededBy', u.neededBy ? formatDate(u.neededBy) : null),
  ].filter((l): l is string => l !== null);
  const signature = [request.requester.name, request.requester.email, request.requester.school].filter(Boolean);
  const head = [translate('mail_greeting'), '', translate('mail_intro', request.tool.name), '', ...details];
  const tail = ['', translate('mail_closing'), ...signature, '', translate('mail_footer', request.id)];
  let message = request.message;
  const fixed = [...head, ...tail].join('\n').length;
  if (message && fixed + message.length + 4 > MAX_BODY) message = `${message.slice(0, Math.max(0, MAX_BODY - fixed - 5))}…`;
  const body = [...head, ...(message ? ['', message] : []), ...tail].join('\n');
  return { subject: translate('mail_subjectLine', request.tool.name), body };
}

/** `mailto:` URL with subject and body encoded. */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '%20');
  return `mailto:${encodeURIComponent(to).replace(/%40/g, '@')}?subject=${enc(subject)}&body=${enc(body.replace(/\n/g, '\r\n'))}`;
}
