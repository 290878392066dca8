/**
 * The toolbar badge per tab (its look comes from lib/badge.ts). Chrome clears per-tab badges on every navigation, so the
 * badge is set again on each commit. Each tab has a sequence number: when an older computation
 * finishes after a newer navigation began, its result is dropped (stale async work).
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { badgeFor, type BadgeLook } from '../badge';
import type { Verdict } from '../verdict';
import type { Translate } from './effects';

/** Tracks the latest navigation per tab so stale results are never applied. */
export class TabSequencer {
  private readonly latest = new Map<number, number>();
  private counter = 0;

  /** Starts a new piece of work for `tabId`; returns a check that says if it is still current. */
  begin(tabId: number): () => boolean {
    const token = ++this.counter;
    this.latest.set(tabId, token);
    return () => this.latest.get(tabId) === token;
  }

  /** Forgets a closed tab. */
  forget(tabId: number): void {
    this.latest.delete(tabId);
  }
}

/** The browser's toolbar action (MV3 `action`, MV2 `browserAction`). */
export function toolbarAction(browser: Browser): Browser['action'] {
  return browser.action ?? (browser as unknown as { browserAction: Browser['action'] }).browserAction;
}

/** Applies the badge for `verdict` to `tabId`. A tab closed meanwhile is not an error. */
export async function applyBadge(action: Browser['action'], tabId: number, verdict: Verdict, t: Translate): Promise<BadgeLook> {
  const look = badgeFor(verdict, t);
  try {
    const calls: Promise<unknown>[] = [
      action.setBadgeText({ tabId, text: look.text }),
      action.setTitle({ tabId, title: look.title }),
    ];
    // (no setBadgeTextColor: Chrome picks a contrasting text colour, white on our dark colours,
    // and every call is one more round trip before the badge is complete)
    if (look.color) calls.push(action.setBadgeBackgroundColor({ tabId, color: look.color }));
    await Promise.all(calls);
  } catch (error) {
    if (!/no tab with id|invalid tab id/i.test((error as Error).message ?? '')) throw error;
  }
  return look;
}
