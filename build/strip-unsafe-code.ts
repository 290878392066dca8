/**
 * A build step that removes the only two pieces of code in our dependencies that could evaluate
 * strings or write raw HTML, so the bundles are provably free of both (web-ext lint checks it):
 *
 * - zod's `allowsEval` probe calls `new Function("")`; under `jitless` (which we set) it is never
 *   reached, but the code is still in the bundle. It becomes `return false`.
 * - Preact writes `innerHTML` only for `dangerouslySetInnerHTML`, which we never use: every
 *   string from a register is text. The assignments go to an inert property instead, so even a
 *   future mistake cannot inject HTML.
 *
 * If a dependency update changes that code, the build fails here instead of silently shipping it.
 */
import type { Plugin } from 'vite';

const RULES: { file: RegExp; pattern: RegExp; replacement: string; expected: number }[] = [
  {
    file: /node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    pattern: /try \{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}\s*catch \(_\) \{\s*return false;\s*\}/,
    replacement: 'return false;',
    expected: 1,
  },
  {
    file: /node_modules[\\/]preact[\\/]dist[\\/]preact\.module\.js$/,
    pattern: /\.innerHTML=/g,
    replacement: '.__bijsluiterNoRawHtml=',
    expected: 2,
  },
];

export function stripUnsafeCode(): Plugin {
  return {
    name: 'bijsluiter-strip-unsafe-code',
    enforce: 'pre',
    transform(code, id) {
      const rule = RULES.find((r) => r.file.test(id));
      if (!rule) return null;
      const found = code.match(new RegExp(rule.pattern.source, 'g'))?.length ?? 0;
      if (found !== rule.expected) {
        throw new Error(`strip-unsafe-code: expected ${rule.expected} match(es) of ${rule.pattern} in ${id}, found ${found}; review the dependency update`);
      }
      return { code: code.replace(rule.pattern, rule.replacement), map: null };
    },
  };
}
