/** The identity provider as a teacher names it: "Google", "Microsoft", or the sign-in server's host. */
import type { SignInProvider } from './recognise';

/** Entree Federatie's sign-in hosts (Kennisnet), recognised by name. */
const ENTREE = /(^|\.)entree\.kennisnet\.nl$/;

export function providerName(provider: SignInProvider, idpHost: string): string {
  if (provider === 'google') return 'Google';
  if (provider === 'microsoft') return 'Microsoft';
  if (ENTREE.test(idpHost)) return 'Entree';
  return idpHost;
}
