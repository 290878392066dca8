/**
 * Which sign-in screens may show a tool as approved. Any page can put `client_id=…&redirect_uri=…`
 * or a SAMLRequest in its own address; if that were enough, evil.example could name an approved
 * tool and get a green ✓ for itself. So an approval counts only where the screen is served by an
 * identity provider the extension knows (Google's and Microsoft's fixed hosts, Entree Federatie)
 * or one the board's register names as a tool's sign-in server. On any other host the page keeps
 * its own verdict when it is a known tool, and is never approved by it (tool-asking.ts).
 */
import type { RegisterPayload } from '../register/schema';
import type { SignInRequest } from './recognise';

/** Entree Federatie's sign-in hosts (Kennisnet). */
export const ENTREE_HOSTS = /(^|\.)entree\.kennisnet\.nl$/;

export function vouchesForApproval(request: SignInRequest, payload: RegisterPayload | null | undefined): boolean {
  // recognise.ts gives these providers only on their own hosts
  if (request.provider === 'google' || request.provider === 'microsoft') return true;
  if (ENTREE_HOSTS.test(request.idpHost)) return true;
  return payload?.tools.some((tool) => tool.signIn?.some((client) => client.provider === 'oauth' && client.host === request.idpHost)) ?? false;
}
