/**
 * What JSON.parse lets through and a register must not: an object with the same key twice (the
 * last one wins, so `"status": "rejected", "status": "approved"` reads as approved to a program
 * and as rejected to a person reviewing the file), and nesting deeper than any register needs
 * (unknown fields nested millions of levels deep cost memory and stack before the schema speaks).
 * One pass over the text, before JSON.parse; shared by the extension and the FG's tool.
 */

/** Deeper than the payload's own structure ever goes (tools → sheet → section → list → item). */
export const MAX_JSON_DEPTH = 32;

/** Null when the text has no duplicate key and no nesting beyond `maxDepth`; else the reason. */
export function jsonStructureProblem(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  // per open container: the keys seen (objects) or null (arrays), and whether a key comes next
  const stack: ({ keys: Set<string>; path: string } | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      let raw = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') {
          raw += text.slice(j, j + 2);
          j += 2;
        } else raw += text[j++];
      }
      const top = stack.at(-1);
      if (expectKey && top) {
        let key: string;
        try {
          key = JSON.parse(`"${raw}"`) as string;
        } catch {
          return null; // not JSON at all: JSON.parse says so next
        }
        if (top.keys.has(key)) return `the key ${JSON.stringify(key.slice(0, 60))} appears twice in ${top.path || 'the top level'}`;
        top.keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      if (stack.length >= maxDepth) return `the JSON is nested more than ${maxDepth} levels deep`;
      stack.push(ch === '{' ? { keys: new Set(), path: stack.length === 0 ? '' : `an object ${stack.length} level(s) down` } : null);
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      expectKey = false;
    } else if (ch === ',') {
      expectKey = stack.at(-1) !== null && stack.length > 0;
    }
  }
  return null;
}
