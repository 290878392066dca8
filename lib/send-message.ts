/** The pages' side of the message protocol: send a request, get its typed response or throw. */
import { browser } from 'wxt/browser';
import type { Envelope, Request, ResponseMap } from './messages';

/** Sends `request` to the background and returns its data; throws with the background's reason. */
export async function sendRequest<R extends Request>(request: R): Promise<ResponseMap[R['type']]> {
  const reply = (await browser.runtime.sendMessage(request)) as Envelope<ResponseMap[R['type']]> | undefined;
  if (!reply) throw new Error('the background did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
