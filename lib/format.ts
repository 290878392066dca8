/**
 * Formatting for the teacher's view: dates as Dutch schools write them, country names in the
 * UI language, and the only links we allow (https, and mailto for an e-mail address).
 */
import { uiLanguage } from './i18n';
import { isOutsideEea } from './eea';

const locale = () => (uiLanguage() === 'nl' ? 'nl-NL' : 'en-GB');

/** `2025-03-01` → `1 maart 2025` / `1 March 2025`. Unparseable input comes back as it is. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(date);
}

let regionNames: { lang: string; names: Intl.DisplayNames } | undefined;

/** `US` → `United States` / `Verenigde Staten`. */
export function countryName(code: string): string {
  const lang = locale();
  if (regionNames?.lang !== lang) regionNames = { lang, names: new Intl.DisplayNames([lang], { type: 'region' }) };
  try {
    return regionNames.names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Countries outside the EEA among `codes`, without duplicates, in the order given. */
export function outsideEea(codes: readonly string[]): string[] {
  return [...new Set(codes.filter(isOutsideEea))];
}

/** `value` when it is an https URL we may link to, else null (shown as text instead). */
export function safeHttpsUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

/** A mailto: link for a plain e-mail address, else null. */
export function safeMailto(email: string | null | undefined): string | null {
  if (!email || !/^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}$/i.test(email)) return null;
  return `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}`;
}
