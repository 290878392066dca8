/**
 * The extension's own messages (public/_locales) outside the browser, so the console's pages and
 * the public site render the privacy sheet and its neighbours with the popup's components and
 * exactly its words. The same substitution as browser.i18n; the JSON is imported (not read from
 * disk by path), so it works wherever the code is bundled or tested.
 */
import { setMessageSource, type MessageSource } from './i18n';
import en from '../public/_locales/en/messages.json';
import nl from '../public/_locales/nl/messages.json';

export type ExtensionLang = 'nl' | 'en';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const TABLES: Record<ExtensionLang, Messages> = { en, nl };

export function extensionMessageSource(lang: ExtensionLang): MessageSource {
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
export function withExtensionMessages<T>(lang: ExtensionLang, render: () => T): T {
  setMessageSource(extensionMessageSource(lang));
  try {
    return render();
  } finally {
    setMessageSource(null);
  }
}
