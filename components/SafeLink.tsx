/**
 * Links from the register: only https URLs (and mailto for a plain e-mail address) become
 * clickable; anything else is shown as text, so a `javascript:` or `data:` URL can never run.
 */
import type { ComponentChildren } from 'preact';
import { safeHttpsUrl, safeMailto } from '../lib/format';

export function SafeLink({ href, children }: { href: string | null | undefined; children?: ComponentChildren }) {
  const url = safeHttpsUrl(href);
  if (!url) return <span>{children ?? href}</span>;
  return <a href={url} target="_blank" rel="noopener noreferrer">{children ?? url}</a>;
}

export function MailLink({ email }: { email: string | null | undefined }) {
  const href = safeMailto(email);
  if (!href) return <span>{email}</span>;
  return <a href={href}>{email}</a>;
}
