/**
 * Vetting requests (shared/spec/deployment-and-requests.md, "Vetting requests"): the form a
 * teacher fills in, the JSON the receiver gets, the receiver's answers, and the outbox record
 * kept in IndexedDB. One set of schemas for the extension, the reference receiver and the tests.
 */
import { z } from '../zod';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number, message: string) => z.string().trim().min(1, message).max(max);

/** What the teacher types. Limits keep a request readable and a hostile page from bloating it. */
export const requestFormSchema = z.object({
  toolName: required(200, 'tool'),
  pageUrl: z.string().max(2048),
  includeFullUrl: z.boolean(),
  registerId: z.string().max(64).nullable(),
  catalogId: z.string().max(64).nullable(),
  name: required(120, 'name'),
  email: z.email('email').max(254),
  school: text(200),
  purpose: required(500, 'purpose'),
  subject: text(120),
  groups: text(120),
  studentCount: z.number().int('studentCount').min(1, 'studentCount').max(100_000, 'studentCount').nullable(),
  studentAge: text(40),
  personalData: z.array(z.string().trim().min(1).max(120)).max(30),
  neededBy: z.union([z.iso.date('neededBy'), z.literal('')]),
  message: text(2000),
  /** The teacher chose (or Firefox's consent prompt left) e-mail instead of direct delivery. */
  sendByEmail: z.boolean().default(false),
});
export type RequestForm = z.input<typeof requestFormSchema>;

/** The JSON POSTed to the request endpoint (the contract). */
export const vettingRequestSchema = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  tool: z.object({
    name: z.string().min(1).max(200),
    url: z.string().max(2048),
    host: z.string().min(1).max(253),
    registerId: z.string().max(64).nullable(),
  }),
  requester: z.object({ name: z.string().min(1).max(120), email: z.email().max(254), school: z.string().max(200) }),
  use: z.object({
    purpose: z.string().min(1).max(500),
    subject: z.string().max(120),
    groups: z.string().max(120),
    studentCount: z.number().int().min(1).nullable(),
    studentAge: z.string().max(40),
    personalData: z.array(z.string().max(120)).max(30),
    neededBy: z.union([z.iso.date(), z.literal('')]),
  }),
  message: z.string().max(2000),
  client: z.object({ extensionVersion: z.string().max(40), browser: z.string().max(40), registerSerial: z.number().int().nullable() }),
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
