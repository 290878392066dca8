/**
 * Text in the browser's language (Dutch or English) from public/_locales. A thin wrapper so the
 * message keys are typed and a missing key shows itself instead of an empty string.
 */
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** Where messages come from: the browser's i18n in the extension, a table on a server. */
export interface MessageSource {
  getMessage(key: string, substitutions: string[]): string;
  getUILanguage(): string;
}

let serverSource: MessageSource | null = null;

/**
 * Outside the extension (the FG console renders the same components on the server) the messages
 * come from `source`; rendering is synchronous, so a server sets it right before each render.
 */
export function setMessageSource(source: MessageSource | null): void {
  serverSource = source;
}

const messages = (): MessageSource => serverSource ?? browser.i18n;

let officer: string | null = null;

/**
 * How the data protection officer is called where it is not "FG" (a Flemish board's "DPO", or
 * the register's `publisher.fg.title`): every message then reads that word for "FG", so the
 * teacher's popup uses the board's own term throughout. Null (or "FG") leaves the messages as
 * written.
 */
export function setOfficerWord(word: string | null): void {
  officer = word && word !== 'FG' ? word : null;
}

/**
 * The text for `key` with `$1`, `$2`… filled in from `substitutions`. Message names cannot hold
 * '-', so keys built from values such as `error_${code}` have their hyphens read as '_'.
 */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const name = key.replace(/-/g, '_') as MessageKey;
  if (!officer) return messages().getMessage(name, substitutions.map(String)) || key;
  // the word is replaced in the message only, never in what is filled in (a tool named "FG Toets")
  const marks = substitutions.map((_, i) => `\u0001${i}\u0001`);
  const text = messages().getMessage(name, marks);
  if (!text) return key;
  return text.replace(/\bFG\b/g, () => officer!).replace(/\u0001(\d+)\u0001/g, (_, i: string) => String(substitutions[Number(i)]));
}

/** The UI language in use: 'nl' for Dutch browsers, else 'en'. */
export function uiLanguage(): 'nl' | 'en' {
  return messages().getUILanguage().toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/** A date and time written the way a Dutch or English reader expects, in the school's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return t('popup_never');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(uiLanguage() === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}
