// Every unit test starts with a clean fake browser and a fresh fake IndexedDB, and reads the
// real English messages, so a missing locale key shows up as the key itself.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import messages from '../../public/_locales/en/messages.json';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

export function englishMessage(key: string, substitutions: string | string[] = []): string {
  const entry = (messages as Record<string, Entry>)[key];
  if (!entry) return '';
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, d: string) => subs[Number(d) - 1] ?? '');
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  Object.assign(fakeBrowser, {
    i18n: { getMessage: englishMessage, getUILanguage: () => 'en-GB' },
  });
  Object.assign(fakeBrowser.runtime, { getManifest: () => ({ manifest_version: 3, name: 'Bijsluiter', version: '0.1.0' }) });
});
