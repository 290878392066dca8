// Writes docs/register.schema.json and docs/envelope.schema.json from the zod schemas.
import { writeFileSync } from 'node:fs';
import { registerJsonSchemas } from '../lib/register/json-schema';

const { envelope, payload } = registerJsonSchemas();
writeFileSync('docs/register.schema.json', `${JSON.stringify(payload, null, 2)}\n`);
writeFileSync('docs/envelope.schema.json', `${JSON.stringify(envelope, null, 2)}\n`);
console.log('wrote docs/register.schema.json and docs/envelope.schema.json');
