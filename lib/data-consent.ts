/**
 * Firefox's built-in consent for data transmission: a vetting request carries the teacher's name
 * and e-mail and the tool's site to the school's FG, which the Firefox manifest declares as
 * optional data collection. The teacher is asked when sending; if they decline, the request goes
 * as an e-mail they send themselves, and the extension transmits nothing. Other browsers have no
 * such prompt. Must be called synchronously in the click handler (a user gesture).
 */
import { browser } from 'wxt/browser';

export const REQUEST_DATA_TYPES = ['personallyIdentifyingInfo', 'browsingActivity'];

/** Resolves true when the extension may send the request itself. */
export function askRequestConsent(): Promise<boolean> {
  if (!import.meta.env.FIREFOX) return Promise.resolve(true);
  const permissions = browser.permissions as unknown as { request(p: { data_collection: string[] }): Promise<boolean> };
  // a Firefox without the API has no consent to ask for
  return permissions.request({ data_collection: REQUEST_DATA_TYPES }).catch(() => true);
}
