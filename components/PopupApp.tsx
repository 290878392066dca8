/** The popup: the verdict for the active tab (or `?tab=<id>`) and the register's state. */
import { setOfficerWord } from '../lib/i18n';
import { officerWord } from '../lib/register/framework';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';
import type { TabView } from '../lib/messages';
import { sendMessage } from '../lib/send-message';
import { RegisterStatus } from './RegisterStatus';
import { FgContact } from './FgContact';
import { MyRequests, useRequests } from './MyRequests';
import { RequestSlot } from './RequestSlot';
import { ToolDetails } from './ToolDetails';

/** The tab to show: `?tab=<id>` when given (tests, the options page), else the active tab. */
async function targetTabId(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export function PopupApp() {
  const [view, setView] = useState<TabView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const [requests, reloadRequests] = useRequests(view !== null);
  const loadTab = () =>
    targetTabId()
      .then((tabId) => (tabId === null ? Promise.reject(new Error(t('popup_noTab'))) : sendMessage({ type: 'getTabView', tabId })))
      .then((next) => {
        if (!performance.getEntriesByName('bijsluiter-view-received').length) performance.mark('bijsluiter-view-received');
        // the board's own word for its officer ("DPO" in Flanders) in every text from here on
        setOfficerWord(officerWord(next.status.fg?.framework, next.status.fg?.title));
        setView(next);
      }, (error: Error) => setProblem(error.message));

  useEffect(() => {
    void loadTab();
  }, []);
  // the moment the teacher can read the verdict, for `npm run bench` (a mark costs nothing)
  useEffect(() => {
    if (view && !performance.getEntriesByName('bijsluiter-verdict-visible').length) performance.mark('bijsluiter-verdict-visible');
  }, [view]);
  // a request changes the verdict (pending): follow the outbox
  useEffect(() => {
    if (requests) void loadTab();
  }, [requests]);

  return (
    <main class="popup">
      {problem ? <p role="alert">{problem}</p> : null}
      {!view && !problem ? <p>{t('popup_loading')}</p> : null}
      {view ? (
        <>
          <ToolDetails view={view.view}>
            <RequestSlot tab={view} onSubmitted={reloadRequests} />
          </ToolDetails>
          <MyRequests view={requests} onChange={reloadRequests} hideWhenEmpty />
          <FgContact fg={view.status.fg} />
          <RegisterStatus status={view.status} />
        </>
      ) : null}
      <nav>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noopener">{t('popup_openOptions')}</a>
      </nav>
    </main>
  );
}
