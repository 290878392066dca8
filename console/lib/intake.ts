/**
 * Checks one vetting request at the intake boundary, before anything is stored: JSON, the
 * contract schema (the extension's own), the Idempotency-Key, the board's e-mail domains. Every
 * refusal is a status and a message that says what was wrong.
 */
import { createHash } from 'node:crypto';
import { describeIssues } from '../../lib/register/describe-issues';
import { vettingRequestSchema, type VettingRequest } from '../../lib/requests/schema';
import { canonicalJson } from './canonical-json';

export type IntakeCheck =
  | { ok: true; request: VettingRequest; bodyHash: string }
  | { ok: false; status: 400 | 403 | 415; error: string };

export function checkIntake(input: { contentType: string | undefined; body: string; idempotencyKey: string | undefined; emailDomains: readonly string[] }): IntakeCheck {
  if (!/^application\/json\b/i.test(input.contentType ?? '')) return { ok: false, status: 415, error: 'send the request as application/json' };
  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    return { ok: false, status: 400, error: 'the body is not valid JSON' };
  }
  const parsed = vettingRequestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, error: `the request is not valid: ${describeIssues(parsed.error.issues, json)}` };
  const request = parsed.data;
  if (!input.idempotencyKey) return { ok: false, status: 400, error: 'the Idempotency-Key header is missing (it carries the request id)' };
  if (input.idempotencyKey.toLowerCase() !== request.id.toLowerCase()) return { ok: false, status: 400, error: 'the Idempotency-Key header must equal the request id' };
  if (!emailAllowed(request.requester.email, input.emailDomains)) {
    return { ok: false, status: 403, error: `requests are accepted from school e-mail addresses only (${input.emailDomains.join(', ')})` };
  }
  return { ok: true, request, bodyHash: createHash('sha256').update(canonicalJson(request)).digest('hex') };
}

/** An empty list allows every domain; else the address's domain or a subdomain of a listed one. */
export function emailAllowed(email: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}
