import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerJsonSchemas } from '../../lib/register/json-schema';

describe('published JSON Schema', () => {
  it('docs/*.schema.json match the zod schemas (run `npm run schema` after changing them)', () => {
    const { envelope, payload } = registerJsonSchemas();
    expect(JSON.parse(readFileSync('docs/register.schema.json', 'utf8'))).toEqual(payload);
    expect(JSON.parse(readFileSync('docs/envelope.schema.json', 'utf8'))).toEqual(envelope);
  });
  it('names the fields other tools must produce', () => {
    const schema = registerJsonSchemas().payload as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['format', 'serial', 'issuedAt', 'expiresAt', 'publisher', 'tools']));
  });
});
