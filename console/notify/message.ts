/** A notification waiting in the outbox: an e-mail to an FG, or the board's webhook event. */
export type OutboxMessage =
  | { kind: 'email'; to: string; subject: string; text: string }
  | { kind: 'webhook'; event: 'request.received' | 'request.decided' | 'register.published'; data: Record<string, unknown> };
