// Thin wiring: every listener is registered synchronously at the top of the background's main,
// so an event that wakes the worker finds its listener; the work happens in lib/background.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '../../lib/background/background';
import { defaultEffects } from '../../lib/background/default-effects';
import { benchCommitted } from '../../lib/bench-hooks';

export default defineBackground({
  type: 'module',
  main() {
    const controller = createBackground(defaultEffects(browser));
    const report = (what: string) => (error: unknown) => console.error(`Bijsluiter: ${what} failed`, error);

    browser.webNavigation.onCommitted.addListener((details) => {
      if (details.frameId !== 0) return;
      benchCommitted(details.tabId, details.url, details.timeStamp);
      controller.updateTab(details.tabId, details.url).catch(report('badge'));
    });
    browser.webNavigation.onHistoryStateUpdated.addListener((details) => {
      if (details.frameId === 0) controller.updateTab(details.tabId, details.url).catch(report('badge'));
    });
    // Firefox (only Firefox) resets a tab's badge when its page changes; if that reset lands after
    // the badge set on commit, the tab shows nothing. Setting it again when loading completes
    // covers that. In Chromium it would only race the commit's own update and delay the badge.
    if (import.meta.env.FIREFOX) {
      browser.tabs.onUpdated.addListener((tabId, change, tab) => {
        if (change.status === 'complete' && tab.url) controller.updateTab(tabId, tab.url).catch(report('badge'));
      });
    }
    browser.tabs.onRemoved.addListener((tabId) => controller.onTabRemoved(tabId));
    browser.runtime.onInstalled.addListener((details) => {
      controller.onInstalled(details.reason).catch(report('install'));
    });
    browser.runtime.onStartup.addListener(() => {
      controller.onStartup().catch(report('start-up'));
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      controller.onAlarm(alarm.name).catch(report('alarm'));
    });
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') controller.reloadConfig().catch(report('policy change'));
    });
    browser.runtime.onMessage.addListener((message, sender) => controller.onMessage(message, sender));
    globalThis.addEventListener?.('online', () => {
      controller.onOnline().catch(report('delivery'));
    });

    controller.wake().catch(report('wake'));
  },
});
