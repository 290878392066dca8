/**
 * Calendar dates as Dutch and Flemish schools read them: agreement dates are whole days in
 * Europe/Amsterdam (Brussels shares the zone), so "valid until 31 July" holds all of that day.
 */

let dayFormat: Intl.DateTimeFormat | undefined;

/** The calendar day (YYYY-MM-DD) that `at` falls on in the Netherlands and Flanders. */
export function schoolDay(at: Date): string {
  dayFormat ??= new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
  return dayFormat.format(at);
}

/** Whole days from `from` (YYYY-MM-DD) to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
