/** When to try a failed notification again: 1 min, 5 min, 30 min, 2 h, then every 6 h; give up after 12 tries (about 2.5 days). */
export const NOTIFY_MAX_ATTEMPTS = 12;
const STEPS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
const CAP_MS = 6 * 3_600_000;

export function nextAttemptAt(attemptsSoFar: number, now: Date, random = Math.random): Date | null {
  if (attemptsSoFar + 1 >= NOTIFY_MAX_ATTEMPTS) return null;
  const base = STEPS_MS[attemptsSoFar] ?? CAP_MS;
  // up to 20 % jitter so instances do not hit a recovering receiver together
  return new Date(now.getTime() + base + Math.floor(random() * base * 0.2));
}
