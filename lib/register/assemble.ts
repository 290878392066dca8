/**
 * A register from its parts, the same way wherever one is made (the CLI's build and sign, the
 * console's publish, the demo, the tests, the bench): the payload's format and dates, and the
 * signed envelope as the text that is served.
 */
import { signEnvelope } from './dsse';
import { REGISTER_FORMAT, REGISTER_PAYLOAD_TYPE, type Envelope, type RegisterPayload } from './schema';

/** How long a register is valid unless its source says otherwise: teachers' extensions treat approvals as unconfirmed after that. */
export const REGISTER_VALID_DAYS = 60;

/** A time as the register writes it: ISO 8601 in UTC, to the second. */
export function registerTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The payload of `serial` issued at `issuedAt`, valid `validDays`: publisher and tools as given (lint checks them). */
export function assemblePayload<P, T>(input: { serial: number; issuedAt: Date; validDays?: number; publisher: P; tools: T[] }) {
  const days = input.validDays ?? REGISTER_VALID_DAYS;
  return {
    format: REGISTER_FORMAT,
    serial: input.serial,
    issuedAt: registerTime(input.issuedAt),
    expiresAt: registerTime(new Date(input.issuedAt.getTime() + days * 86_400_000)),
    publisher: input.publisher,
    tools: input.tools,
  };
}

/** The payload signed as a DSSE envelope over its JSON bytes. */
export async function signRegisterEnvelope(payload: RegisterPayload | object, privateKey: CryptoKey, publicKeyRaw: Uint8Array): Promise<Envelope> {
  return signEnvelope(new TextEncoder().encode(JSON.stringify(payload)), REGISTER_PAYLOAD_TYPE, privateKey, publicKeyRaw);
}

/** The signed register as the text served at register.json (and written by `bijsluiter sign`, with a newline). */
export async function signRegisterText(payload: RegisterPayload | object, privateKey: CryptoKey, publicKeyRaw: Uint8Array): Promise<string> {
  return JSON.stringify(await signRegisterEnvelope(payload, privateKey, publicKeyRaw));
}
