/** Reading a payload or a signed register from disk, for lint, sign and diff. */
import { decodeBase64 } from '../lib/register/base64';
import { envelopeSchema, registerPayloadSchema, type RegisterPayload } from '../lib/register/schema';
import { describeIssues } from '../lib/register/describe-issues';
import { jsonStructureProblem } from '../lib/register/strict-json';
import { CliError, parseJsonFile, readText } from '../node/io';

/** The payload JSON in a file that holds either a payload or a DSSE envelope (not verified here). */
export function readPayloadJson(path: string): { payload: unknown; signed: boolean } {
  const text = readText(path, 'register');
  strict(path, text);
  const json = parseJsonFile(path, 'register');
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { payload: json, signed: false };
  const bytes = decodeBase64(envelope.data.payload);
  if (!bytes) throw new CliError(`${path}: the envelope's payload is not standard base64`);
  let payloadText: string;
  try {
    payloadText = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${path}: the envelope's payload is not UTF-8 text`);
  }
  strict(`${path} (signed payload)`, payloadText);
  try {
    return { payload: JSON.parse(payloadText), signed: true };
  } catch {
    throw new CliError(`${path}: the envelope's payload is not JSON`);
  }
}

/** The same strictness as the extension: no key twice in an object, no absurd nesting. */
function strict(what: string, text: string): void {
  const problem = jsonStructureProblem(text);
  if (problem) throw new CliError(`${what} is not plain JSON: ${problem}`);
}

/** A payload or register file, validated against the schema. */
export function readValidPayload(path: string): RegisterPayload {
  const { payload } = readPayloadJson(path);
  const parsed = registerPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new CliError(`${path} is not a valid register: ${describeIssues(parsed.error.issues, payload, 3)}`);
  return parsed.data;
}
