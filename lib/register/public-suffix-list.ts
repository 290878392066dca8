/**
 * The full Public Suffix List, for the checks the background and the FG's tool share (the
 * schema): one list, so the extension refuses exactly what the CLI refuses. The popup never
 * imports it (its matcher uses the compact list in public-suffix.ts). The set is built on the
 * first check, not at load, so a worker that only sets badges never pays for it.
 */
import { PSL_RULES } from './psl-rules';

let rules: Set<string> | null = null;

/** Whether `host` (lowercase ASCII punycode, no trailing dot) is a public suffix on the full list. */
export function isListedPublicSuffix(host: string): boolean {
  if (host.startsWith('[')) return false;
  if (!host.includes('.')) return true;
  rules ??= new Set(PSL_RULES.split(','));
  if (rules.has(host)) return true;
  const parent = host.slice(host.indexOf('.') + 1);
  return rules.has(`*.${parent}`) && !rules.has(`!${host}`);
}
