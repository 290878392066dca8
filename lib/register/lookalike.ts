/**
 * Hosts as a person sees them (UTS #39 in spirit): a label that mixes Latin with Cyrillic or
 * Greek letters, or a host that folds to a known tool's host once look-alike letters are mapped
 * to Latin (`wordwаll.net` with a Cyrillic а), is shown to the FG with its punycode beside it.
 */
import { hostToUnicode } from '../punycode';

/** Cyrillic and Greek letters that look like Latin ones (lowercase), after the usual tables. */
const LOOK_ALIKE: Record<string, string> = {
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', н: 'h', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', т: 't', у: 'y', х: 'x', ԝ: 'w', ь: 'b', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', γ: 'y',
};

type Script = 'Latin' | 'Cyrillic' | 'Greek';

function scriptOf(ch: string): Script | null {
  if (/\p{Script=Latin}/u.test(ch)) return 'Latin';
  if (/\p{Script=Cyrillic}/u.test(ch)) return 'Cyrillic';
  if (/\p{Script=Greek}/u.test(ch)) return 'Greek';
  return null;
}

/** The scripts mixed within one label, when there is more than one of Latin, Cyrillic, Greek. */
export function mixedScripts(label: string): Script[] | null {
  const scripts = new Set<Script>();
  for (const ch of label) {
    const script = scriptOf(ch);
    if (script) scripts.add(script);
  }
  return scripts.size > 1 ? [...scripts].sort() : null;
}

/** The host with look-alike letters mapped to Latin: two hosts with the same skeleton look alike. */
export function skeleton(host: string): string {
  return [...hostToUnicode(host).toLowerCase()].map((ch) => LOOK_ALIKE[ch] ?? ch).join('');
}
