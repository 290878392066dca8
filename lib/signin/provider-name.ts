/** The identity provider as a teacher names it: "Google", "Microsoft", or the sign-in server's host. */
import type { SignInProvider } from './recognise';

import { ENTREE_HOSTS } from './identity-providers';

export function providerName(provider: SignInProvider, idpHost: string): string {
  if (provider === 'google') return 'Google';
  if (provider === 'microsoft') return 'Microsoft';
  if (ENTREE_HOSTS.test(idpHost)) return 'Entree';
  return idpHost;
}
