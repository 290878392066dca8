/**
 * The extension's own messages (public/_locales) on the server, so the console renders the
 * privacy sheet with the same components and words as the popup.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setMessageSource, type MessageSource } from '../../lib/i18n';
import type { Lang } from './messages';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const cache = new Map<Lang, Messages>();

function load(lang: Lang): Messages {
  let messages = cache.get(lang);
  if (!messages) {
    messages = JSON.parse(readFileSync(fileURLToPath(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url)), 'utf8')) as Messages;
    cache.set(lang, messages);
  }
  return messages;
}

export function extensionMessages(lang: Lang): MessageSource {
  const messages = load(lang);
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

/** Renders with the extension's messages in `lang` set for the duration of the (synchronous) call. */
export function withExtensionMessages<T>(lang: Lang, render: () => T): T {
  setMessageSource(extensionMessages(lang));
  try {
    return render();
  } finally {
    setMessageSource(null);
  }
}
