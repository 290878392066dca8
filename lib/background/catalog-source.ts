/** The bundled catalogue of well-known learning sites (public/catalog.json), loaded once. */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { buildMatchIndex, type MatchIndex } from '../matcher';
import { catalogSchema, type CatalogEntry } from '../register/schema';

/** Fetches, validates and indexes the packaged catalogue; null (and a console note) if damaged. */
export async function loadBundledCatalog(browser: Browser): Promise<MatchIndex<CatalogEntry> | null> {
  try {
    const response = await fetch(browser.runtime.getURL('/catalog.json'));
    const parsed = catalogSchema.safeParse(await response.json());
    if (!parsed.success) {
      console.error('Bijsluiter: the bundled catalogue is invalid', parsed.error.issues.slice(0, 3));
      return null;
    }
    return buildMatchIndex(parsed.data.tools);
  } catch (error) {
    console.error('Bijsluiter: the bundled catalogue could not be read', error);
    return null;
  }
}
