/**
 * What the extension itself sends, recorded two ways so neither blind spot hides a request: in
 * the browser (Playwright sees every request of the extension's service worker and pages,
 * whatever host, with or without an Origin header) and at the stand-in internet (every request
 * reaching it whose Origin is the extension's). The checks are plain functions, so a test can
 * show them firing on a request made on purpose.
 */
import type { BrowserContext, Request } from 'playwright-core';
import { EXTENSION_ID } from '../../harness/chromium';
import type { LocalInternet } from '../../harness/server';

const OURS = `chrome-extension://${EXTENSION_ID}/`;

/** Who made a request: the service worker's or the frame's URL ('' when neither is known). */
function initiator(request: Request): string {
  const worker = request.serviceWorker();
  if (worker) return worker.url();
  try {
    return request.frame().url();
  } catch {
    return ''; // a request of no frame and no service worker
  }
}

/** Starts recording, in the browser, every network request the extension makes (its own files left out). */
export function recordExtensionRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => {
    if (initiator(request).startsWith(OURS) && !request.url().startsWith('chrome-extension:')) urls.push(request.url());
  });
  return urls;
}

/** The requests that reached the stand-in internet with the extension's Origin, as full URLs. */
export function extensionRequestsAtServer(internet: LocalInternet): string[] {
  return internet.requests.filter((r) => r.origin.startsWith('chrome-extension://')).map((r) => `https://${r.host}${r.url}`);
}

/** Every URL in `urls` that is not exactly one of `allowed` (query and all), each once. */
export function foreignUrls(urls: readonly string[], allowed: readonly string[]): string[] {
  return [...new Set(urls.filter((url) => !allowed.includes(url)))];
}

/** Every URL in `urls` that names one of the `visited` hosts or contains one of the `marks`. */
export function urlsCarrying(urls: readonly string[], visited: readonly string[], marks: readonly string[]): string[] {
  return [...new Set(urls.filter((url) => {
    const decoded = decodeURIComponent(url).toLowerCase();
    return visited.some((host) => decoded.includes(host.toLowerCase())) || marks.some((mark) => decoded.includes(mark));
  }))];
}
