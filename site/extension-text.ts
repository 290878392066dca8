/**
 * The extension's own messages (public/_locales) for the public site, so the privacy sheet and
 * its neighbours read exactly as in the popup. The same substitution as browser.i18n and the
 * console's extension-messages.ts; the JSON is imported (not read from disk by path), so the
 * renderer works wherever it is bundled or tested.
 */
import { setMessageSource, type MessageSource } from '../lib/i18n';
import en from '../public/_locales/en/messages.json';
import nl from '../public/_locales/nl/messages.json';
import type { SiteLang } from './messages';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const TABLES: Record<SiteLang, Messages> = { en, nl };

export function siteMessageSource(lang: SiteLang): MessageSource {
  const messages = TABLES[lang];
  return {
    getUILanguage: () => lang,
    getMessage(key, substitutions) {
      const entry = messages[key];
      if (!entry) return '';
      // $NAME$ → the placeholder's content ($1…) → the substitution, as browser.i18n does
      return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
        const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
        return content.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
      });
    },
  };
}

/** Runs the (synchronous) render with the extension's messages in `lang`. */
export function withSiteMessages<T>(lang: SiteLang, render: () => T): T {
  setMessageSource(siteMessageSource(lang));
  try {
    return render();
  } finally {
    setMessageSource(null);
  }
}
