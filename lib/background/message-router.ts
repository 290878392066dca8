/**
 * The background's side of the message protocol: a message is answered only when it comes from
 * this extension's own pages and passes the schema; each type has one handler, and the map's
 * type makes a missing or mistyped handler a compile error.
 */
import { messageSchema, type Message, type MessageType, type Reply, type ResponseMap } from '../messages';

export type Handler<K extends MessageType> = (message: Extract<Message, { type: K }>) => Promise<ResponseMap[K]>;
export type Handlers = { [K in MessageType]: Handler<K> };

/** Who may talk to the background: this extension's id and the address its pages live under. */
export interface OwnPages {
  extensionId: string;
  /** runtime.getURL('/'): every page of this extension starts with it. */
  baseUrl: string;
}

export async function routeMessage(handlers: Handlers, message: unknown, sender: { id?: string; url?: string }, own: OwnPages): Promise<Reply<unknown>> {
  if (sender.id !== own.extensionId || !sender.url?.startsWith(own.baseUrl)) {
    return { ok: false, error: 'messages are only accepted from Bijsluiter\'s own pages' };
  }
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: `invalid message: ${parsed.error.issues[0]?.message ?? ''}` };
  const handler = handlers[parsed.data.type] as (message: Message) => Promise<unknown>;
  try {
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
