/**
 * zod schemas for the register (shared/spec/register.md): the DSSE envelope and payload v1 with
 * the privacy sheet (bijsluiter, sections A–H). These schemas are the boundary: nothing from a
 * register is used before it passed them. `docs/register.schema.json` is generated from them.
 */
import { z } from '../zod';
import { ALL_PURPOSE_LETTERS, FRAMEWORKS, purposeProblem, type Framework } from './framework';
import { parsePattern, patternKey } from './pattern';
import { isListedPublicSuffix } from './public-suffix-list';

/** The payloadType every Bijsluiter register envelope carries. */
export const REGISTER_PAYLOAD_TYPE = 'application/vnd.bijsluiter.register+json';
/** The only payload format this version reads. */
export const REGISTER_FORMAT = 'bijsluiter-register/v1';

/** The longest a register may stay valid: the extension and the FG's tool refuse anything longer. */
export const MAX_VALIDITY_DAYS = 400;

const SHORT = 200;
const TEXT = 4000;

const shortText = z.string().trim().min(1).max(SHORT);
const longText = z.string().trim().max(TEXT);

/** An absolute https URL (the only scheme a register may link to). */
export const httpsUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https:// URL');

const email = z.email().max(254);
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "NL"');
const phone = z.string().trim().max(40);

/** Tool ids: lowercase letters, digits and hyphens, as the spec says. */
export const toolId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and hyphens (at most 64)');

/** One match pattern string, checked against the grammar. */
export const matchPattern = z
  .string()
  .max(300)
  .superRefine((value, ctx) => {
    const parsed = parsePattern(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `invalid pattern "${value}": ${parsed.reason}` });
    // the full list, shared by the background and the FG's tool (the popup's matcher has the compact one)
    else if (isListedPublicSuffix(parsed.pattern.host)) {
      ctx.addIssue({ code: 'custom', message: `invalid pattern "${value}": "${parsed.pattern.host}" is on the Public Suffix List; it would approve every site under it` });
    }
  });

const purposeLetter = z.enum(ALL_PURPOSE_LETTERS as [string, ...string[]]);

/** The agreement a sheet follows (lib/register/framework.ts): the Dutch Convenant 4.0 or the Flemish Intentieverklaring. */
export const frameworkSchema = z.enum(FRAMEWORKS);

/** Issues for purpose letters the framework does not have, at `path` + index. */
function checkPurposes(purposes: readonly string[] | undefined, framework: Framework, ctx: z.RefinementCtx, path: (string | number)[]): void {
  purposes?.forEach((letter, i) => {
    const problem = purposeProblem(framework, letter);
    if (problem) ctx.addIssue({ code: 'custom', path: [...path, i], message: problem });
  });
}

/**
 * Section A–H of the model privacy sheet. Every section is optional: missing means "not given".
 * A sheet that names its `framework` is checked against it here; one that does not follows the
 * publisher's (checked with the payload).
 */
export const bijsluiterSchema = z.object({
  framework: frameworkSchema.optional(),
  version: z.string().trim().min(1).max(40).optional(),
  date: isoDate.optional(),
  url: httpsUrl.optional(),
  product: z
    .object({
      description: longText.optional(),
      url: httpsUrl.optional(),
      audience: z.array(z.enum(['PO', 'VO', 'MBO', 'HO', 'SO', 'VSO'])).max(10).optional(),
      users: z.array(shortText).max(20).optional(),
    })
    .optional(),
  services: z
    .object({
      core: z.array(longText).max(100).optional(),
      optional: z.array(z.object({ name: longText, enabled: z.boolean() })).max(100).optional(),
    })
    .optional(),
  type: z.enum(['leermiddel', 'informatiemiddel']).optional(),
  purposes: z.array(purposeLetter).max(21).optional(),
  personalData: z
    .object({
      categories: z.array(shortText).max(200).optional(),
      optional: z.array(shortText).max(200).optional(),
      special: z.array(shortText).max(50).optional(),
    })
    .optional(),
  security: z
    .object({
      certifications: z.array(shortText).max(50).optional(),
      audits: z.array(shortText).max(50).optional(),
      storageCountries: z.array(country).max(250).optional(),
      processingCountries: z.array(country).max(250).optional(),
    })
    .optional(),
  subprocessors: z.array(z.object({ name: shortText, task: longText.optional(), country })).max(200).optional(),
  contact: z
    .object({ email: email.nullish(), phone: phone.nullish(), url: httpsUrl.nullish() })
    .optional(),
}).superRefine((sheet, ctx) => {
  if (sheet.framework) checkPurposes(sheet.purposes, sheet.framework, ctx, ['purposes']);
});

/** The agreement (verwerkersovereenkomst) the board signed for a tool. */
export const agreementSchema = z.object({
  type: z.enum(['model-verwerkersovereenkomst', 'other']),
  modelVersion: z.string().trim().max(20).optional(),
  signedOn: isoDate,
  validUntil: isoDate.nullish(),
  reference: z.string().trim().max(SHORT).nullish(),
  bijsluiterVersion: z.string().trim().max(40).nullish(),
});

/** Google's OAuth client ids: a project number and a key under apps.googleusercontent.com. */
const googleClientId = z.string().trim().toLowerCase().regex(/^[0-9]{1,20}-[a-z0-9_]{1,64}\.apps\.googleusercontent\.com$/, 'must be a Google OAuth client id such as 123-abc.apps.googleusercontent.com');
/** Microsoft Entra application (client) ids are GUIDs. */
const microsoftClientId = z.string().trim().toLowerCase().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a Microsoft application (client) id, a GUID');
/** A SAML service provider's entity id: a URL or URN, as its metadata says. */
const samlEntityId = z.string().trim().min(1).max(1024).regex(/^(https?:\/\/|urn:)[^\s]+$/i, 'must be the service provider\'s entity id, an https:// address or urn:');

/** One sign-in client a tool uses: how its "Sign in with …" screen names it. */
export const signInClientSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('google'), clientId: googleClientId }),
  z.object({ provider: z.literal('microsoft'), clientId: microsoftClientId }),
  z.object({ provider: z.literal('saml'), entityId: samlEntityId }),
  // any other OAuth 2 / OpenID Connect server, named by its host (an Entree or school IdP)
  z.object({ provider: z.literal('oauth'), host: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]{1,253}$/, 'must be the sign-in server\'s host name'), clientId: z.string().trim().min(1).max(256) }),
]);
export type SignInClient = z.infer<typeof signInClientSchema>;

/** The key under which a sign-in client must be unique in a register. */
export function signInClientKey(client: SignInClient): string {
  switch (client.provider) {
    case 'saml':
      return `saml:${client.entityId}`;
    case 'oauth':
      return `oauth:${client.host}:${client.clientId}`;
    default:
      return `${client.provider}:${client.clientId}`;
  }
}

/** One tool in the register. */
export const toolSchema = z
  .object({
    id: toolId,
    name: shortText,
    vendor: z.object({ name: shortText, country: country.optional(), url: httpsUrl.optional() }).optional(),
    category: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a short lowercase word such as "quiz"'),
    match: z.array(matchPattern).min(1).max(500),
    status: z.enum(['approved', 'pending', 'rejected', 'unvetted']),
    agreement: agreementSchema.nullish(),
    conditions: z.array(longText).max(50).default([]),
    reason: longText.nullish(),
    alternatives: z.array(toolId).max(20).default([]),
    bijsluiter: bijsluiterSchema.optional(),
    signIn: z.array(signInClientSchema).max(20).optional(),
  })
  .superRefine((tool, ctx) => {
    if (tool.status === 'approved' && !tool.agreement) {
      ctx.addIssue({ code: 'custom', path: ['agreement'], message: 'an approved tool needs its agreement' });
    }
  });

const publisherSchema = z.object({
  name: shortText,
  /** The framework of every sheet that names none; default `convenant-4.0`. */
  framework: frameworkSchema.optional(),
  /** `title`: how the data protection officer is named ("DPO", "privacy officer"); default per framework. */
  fg: z.object({ name: shortText.optional(), title: z.string().trim().min(1).max(80).optional(), email, phone: phone.optional() }),
  requestEndpoint: httpsUrl.optional(),
  infoUrl: httpsUrl.optional(),
});

/** The register payload, format v1. Ids and patterns must be unique across tools. */
export const registerPayloadSchema = z
  .object({
    format: z.literal(REGISTER_FORMAT),
    serial: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issuedAt: isoDateTime,
    expiresAt: isoDateTime,
    publisher: publisherSchema,
    tools: z.array(toolSchema).max(100_000),
  })
  .superRefine((payload, ctx) => {
    if (Date.parse(payload.expiresAt) <= Date.parse(payload.issuedAt)) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after issuedAt' });
    }
    // a register "valid until 9999" would keep approvals confirmed long after the FG stopped publishing
    if (Date.parse(payload.expiresAt) - Date.parse(payload.issuedAt) > MAX_VALIDITY_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: `must be at most ${MAX_VALIDITY_DAYS} days after issuedAt` });
    }
    const ids = new Map<string, number>();
    const patterns = new Map<string, string>();
    const signInClients = new Map<string, string>();
    payload.tools.forEach((tool, index) => {
      // a sheet without its own framework follows the publisher's (its own was checked with the sheet)
      if (tool.bijsluiter && !tool.bijsluiter.framework && payload.publisher.framework) {
        checkPurposes(tool.bijsluiter.purposes, payload.publisher.framework, ctx, ['tools', index, 'bijsluiter', 'purposes']);
      }
      const first = ids.get(tool.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['tools', index, 'id'], message: `duplicate id "${tool.id}" (also tools[${first}])` });
      } else ids.set(tool.id, index);
      tool.match.forEach((source, m) => {
        const parsed = parsePattern(source);
        if (!parsed.ok) return;
        const key = patternKey(parsed.pattern);
        const owner = patterns.get(key);
        if (owner !== undefined && owner !== tool.id) {
          ctx.addIssue({ code: 'custom', path: ['tools', index, 'match', m], message: `pattern "${source}" is also claimed by tool "${owner}"` });
        } else patterns.set(key, tool.id);
      });
      // a sign-in screen must name one tool: two tools claiming a client would make it guesswork
      tool.signIn?.forEach((client, c) => {
        const key = signInClientKey(client);
        const owner = signInClients.get(key);
        if (owner !== undefined && owner !== tool.id) {
          ctx.addIssue({ code: 'custom', path: ['tools', index, 'signIn', c], message: `sign-in client "${key}" is also claimed by tool "${owner}"` });
        } else signInClients.set(key, tool.id);
      });
    });
  });

/** The DSSE envelope around the payload. */
export const envelopeSchema = z.object({
  payloadType: z.string().max(200),
  payload: z.string().min(1),
  signatures: z
    .array(z.object({ keyid: z.string().max(200).optional(), sig: z.string().min(1).max(200) }))
    .max(16),
});

/** A bundled catalogue entry: a well-known learning site, not vetted by this school. */
export const catalogEntrySchema = z.object({
  id: toolId,
  name: shortText,
  category: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  match: z.array(matchPattern).min(1).max(50),
  vendor: z.object({ name: shortText, country: country.optional() }).optional(),
});

/** The bundled catalogue file in public/catalog.json. */
export const catalogSchema = z.object({
  format: z.literal('bijsluiter-catalog/v1'),
  tools: z.array(catalogEntrySchema),
});

export type RegisterPayload = z.infer<typeof registerPayloadSchema>;
export type Tool = z.infer<typeof toolSchema>;
export type Agreement = z.infer<typeof agreementSchema>;
export type Bijsluiter = z.infer<typeof bijsluiterSchema>;
export type Envelope = z.infer<typeof envelopeSchema>;
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type Catalog = z.infer<typeof catalogSchema>;
