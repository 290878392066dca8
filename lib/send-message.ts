/** The pages' side of the message protocol: send a message, get its typed answer or throw. */
import { browser } from 'wxt/browser';
import type { Message, Reply, ResponseMap } from './messages';

/** Sends `message` to the background and returns its data; throws with the background's reason. */
export async function sendMessage<M extends Message>(message: M): Promise<ResponseMap[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<ResponseMap[M['type']]> | undefined;
  if (!reply) throw new Error('the background did not answer');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}
