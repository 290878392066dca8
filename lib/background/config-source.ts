/**
 * Reading the settings in force: policy (storage.managed) merged over what was typed on the
 * options page. A slow or missing managed area never blocks: after `timeoutMs` the local
 * settings apply, and a later storage.onChanged on the managed area applies policy then.
 */
import type { WxtBrowser as Browser } from 'wxt/browser';
import { mergeSettings, type EffectiveConfig, type SettingProblem } from '../config/settings';
import { importPublicKey, type TrustedKey } from '../register/dsse';

/** How long start-up waits for policy before it goes on without it. */
export const MANAGED_READ_TIMEOUT_MS = 1500;

/** What reading managed storage gave. */
export interface ManagedRead {
  values: unknown;
  error?: string;
  /** When the read was too slow: settles once the browser answers (then re-read the config). */
  late?: Promise<unknown>;
}

/**
 * Reads managed storage; `{}` with a reason when the browser has none or it is slow. A slow read
 * is not abandoned: `late` settles when it completes, because a browser that loads its cached
 * policy late at start-up fires no storage.onChanged for values that did not change.
 */
export async function readManaged(browser: Browser, timeoutMs = MANAGED_READ_TIMEOUT_MS): Promise<ManagedRead> {
  const managed = browser.storage.managed;
  if (!managed) return { values: {} };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const read = managed.get();
  const timeout = new Promise<ManagedRead>((resolve) => {
    timer = setTimeout(() => resolve({ values: {}, error: `policy was not readable within ${timeoutMs} ms; it applies as soon as the browser reports it`, late: read.catch(() => undefined) }), timeoutMs);
  });
  try {
    return await Promise.race([read.then((values) => ({ values })), timeout]);
  } catch (error) {
    // Firefox throws when no policy names this extension: that simply means "not managed".
    const message = (error as Error).message ?? String(error);
    if (/managed storage manifest not found|not found/i.test(message)) return { values: {} };
    return { values: {}, error: `policy could not be read (${message})` };
  } finally {
    clearTimeout(timer);
  }
}

/** The settings in force now, with their sources and problems; `late` as in readManaged. */
export async function readConfig(browser: Browser, readLocal: () => Promise<Record<string, unknown>>, managedTimeoutMs?: number): Promise<{ config: EffectiveConfig; late?: Promise<unknown> }> {
  const [managed, local] = await Promise.all([readManaged(browser, managedTimeoutMs), readLocal().catch(() => ({}))]);
  return { config: mergeSettings(managed.values, local, managed.error), late: managed.late };
}

/** Imports public keys; a bad key becomes a problem, the good ones still apply. */
export async function importKeys(texts: readonly string[], source: SettingProblem['source']): Promise<{ keys: TrustedKey[]; problems: SettingProblem[] }> {
  const keys: TrustedKey[] = [];
  const problems: SettingProblem[] = [];
  for (const [index, text] of texts.entries()) {
    const imported = await importPublicKey(text);
    if ('error' in imported) problems.push({ source, key: `publicKeys[${index}]`, reason: `public key ${imported.error}` });
    else keys.push(imported);
  }
  return { keys, problems };
}
