/**
 * The register's JSON Schema, generated from the zod schemas so other tools can produce
 * registers against the same contract. Checks that JSON Schema cannot express (patterns against
 * the public-suffix list, unique ids, agreement required when approved) are described in
 * shared/spec/register.md and enforced by the extension and the FG's tool.
 */
import { envelopeSchema, registerPayloadSchema } from './schema';
import { z } from '../zod';

/** JSON Schema documents for the envelope and the payload. */
export function registerJsonSchemas(): { envelope: unknown; payload: unknown } {
  return {
    envelope: { $id: 'urn:bijsluiter:schema:envelope', title: 'Bijsluiter register envelope (DSSE)', ...z.toJSONSchema(envelopeSchema, { io: 'input' }) },
    payload: { $id: 'urn:bijsluiter:schema:register:v1', title: 'Bijsluiter register payload, format v1', ...z.toJSONSchema(registerPayloadSchema, { io: 'input', unrepresentable: 'any' }) },
  };
}
