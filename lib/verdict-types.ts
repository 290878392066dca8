/**
 * The words the verdict is said in, apart from how it is computed: the kinds of verdict, a
 * teacher's open request, what a sign-in screen says. The verdict (verdict.ts), its policy
 * (verdict-policy.ts) and the sign-in screens (signin/) all use them; none of those import each
 * other for a type, so there is no circle.
 */
import type { SignInRequest } from './signin/recognise';

/** The verdicts of the spec's table. */
export const VERDICT_KINDS = ['none', 'unknown', 'approved', 'changed', 'expired', 'stale', 'pending', 'unvetted', 'rejected'] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

/** One of the teacher's own open vetting requests, as far as the verdict needs it. */
export interface OpenRequest {
  id: string;
  /** Host and path of the page the request was made on. */
  host: string;
  path: string;
  /** The register tool id, when the register listed the tool. */
  registerId: string | null;
  /** The bundled catalogue id, when only the catalogue knew the site. */
  catalogId: string | null;
  createdAt: string;
}

/** How the tool asking was found. */
export type IdentifiedBy = 'signIn' | 'site' | null;

/** What the views need to know about the sign-in screen. */
export interface SignInContext {
  provider: SignInRequest['provider'];
  idpHost: string;
  client: string | null;
  /** The host the answer goes to (the tool's site), when the screen says. */
  returnHost: string | null;
  scopes: string[];
  identifiedBy: IdentifiedBy;
}
