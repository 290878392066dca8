/**
 * Vetting requests (shared/spec/deployment-and-requests.md, "Vetting requests"): the form a
 * teacher fills in, the JSON the receiver gets, the receiver's answers, and the outbox record
 * kept in IndexedDB. One set of schemas for the extension, the reference receiver and the tests.
 */
import { parsePageUrl } from '../url';
import { z } from '../zod';

/**
 * Characters no field of a request may hold: C0 and C1 controls (CR/LF would start a new header
 * line in the FG's e-mail), DEL, the Unicode line and paragraph separators, and the bidi
 * overrides and marks (and the invisible characters that make one name look like another: zero
 * width space, word joiners, the byte-order mark) that make text read differently than it is
 * stored; joiners that scripts need (U+200C, U+200D) stay. Multi-line fields (the purpose,
 * the message) may hold line breaks and tabs.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
export const hasControlCharacters = (value: string, multiline = false) => (multiline ? CONTROL_BUT_LINES : CONTROL).test(value);
const line = (max: number, message?: string) => z.string().max(max).refine((v) => !hasControlCharacters(v), message ?? 'no control characters (line breaks, tabs, direction marks)');
const lines = (max: number, message?: string) => z.string().max(max).refine((v) => !hasControlCharacters(v, true), message ?? 'no control characters (other than line breaks and tabs)');

const text = (max: number, message = 'text') => z.string().trim().max(max).refine((v) => !hasControlCharacters(v), message);
const required = (max: number, message: string) => z.string().trim().min(1, message).max(max).refine((v) => !hasControlCharacters(v), message);
const requiredLines = (max: number, message: string) => z.string().trim().min(1, message).max(max).refine((v) => !hasControlCharacters(v, true), message);

/** What the teacher types. Limits keep a request readable and a hostile page from bloating it. */
export const requestFormSchema = z.object({
  toolName: required(200, 'tool'),
  pageUrl: z.string().max(2048).refine((v) => !hasControlCharacters(v), 'pageUrl'),
  includeFullUrl: z.boolean(),
  registerId: z.string().max(64).nullable(),
  catalogId: z.string().max(64).nullable(),
  name: required(120, 'name'),
  email: z.email('email').max(254),
  school: text(200, 'school'),
  purpose: requiredLines(500, 'purpose'),
  subject: text(120, 'subject'),
  groups: text(120, 'groups'),
  studentCount: z.number().int('studentCount').min(1, 'studentCount').max(100_000, 'studentCount').nullable(),
  studentAge: text(40, 'studentAge'),
  personalData: z.array(z.string().trim().min(1).max(120).refine((v) => !hasControlCharacters(v), 'personalData')).max(30),
  neededBy: z.union([z.iso.date('neededBy'), z.literal('')]),
  message: z.string().trim().max(2000).refine((v) => !hasControlCharacters(v, true), 'message'),
  /** The teacher chose (or Firefox's consent prompt left) e-mail instead of direct delivery. */
  sendByEmail: z.boolean().default(false),
});
export type RequestForm = z.input<typeof requestFormSchema>;

/** The JSON POSTed to the request endpoint (the contract). */
export const vettingRequestSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  tool: z
    .object({
      name: line(200).pipe(z.string().min(1)),
      url: line(2048),
      host: line(253).pipe(z.string().min(1)),
      registerId: line(64).nullable(),
    })
    // the host is the URL's: else the FG's request page proposes a match pattern for another site
    // than the one the teacher was on ("Baamboozle" at classroom.google.com)
    .refine((tool) => parsePageUrl(tool.url)?.host === tool.host, { message: 'tool.host must be the host of tool.url', path: ['host'] }),
  requester: z.object({ name: line(120).pipe(z.string().min(1)), email: z.email().max(254), school: line(200) }),
  use: z.object({
    purpose: lines(500).pipe(z.string().min(1)),
    subject: line(120),
    groups: line(120),
    studentCount: z.number().int().min(1).nullable(),
    studentAge: line(40),
    personalData: z.array(line(120)).max(30),
    neededBy: z.union([z.iso.date(), z.literal('')]),
  }),
  message: lines(2000),
  client: z.object({ extensionVersion: line(40), browser: line(40), registerSerial: z.number().int().nullable() }),
});
export type VettingRequest = z.infer<typeof vettingRequestSchema>;

/** The FG's status of a request, as statusUrl answers it. */
export const FG_STATUSES = ['received', 'in-review', 'approved', 'rejected'] as const;
export const fgStatusSchema = z.object({
  status: z.enum(FG_STATUSES),
  note: z.string().max(2000).optional().default(''),
  updatedAt: z.string().max(40).optional().default(''),
});
export type FgStatus = z.infer<typeof fgStatusSchema>;

/** The body of a 2xx answer (optional). */
export const receivedSchema = z.object({ status: z.string().max(40).optional(), statusUrl: z.string().max(2048).optional() });

export const OUTBOX_STATES = ['queued', 'sending', 'delivered', 'failed', 'cancelled', 'mailto'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One request in the teacher's outbox. */
export const outboxRecordSchema = z.object({
  id: z.uuid(),
  state: z.enum(OUTBOX_STATES),
  request: vettingRequestSchema,
  /** Where it goes; null when it went by e-mail. */
  endpoint: z.string().max(2048).nullable(),
  catalogId: z.string().max(64).nullable(),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().max(1000).nullable(),
  deliveredAt: z.string().nullable(),
  statusUrl: z.string().max(2048).nullable(),
  fgStatus: fgStatusSchema.extend({ checkedAt: z.string() }).nullable(),
});
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;
