import { z } from 'zod';
import { ZCountryCode, ZId } from './api.js';

/**
 * Secure messaging: the HTTP contract. Subjects, bodies, conditions and attachment names are
 * encrypted at rest on the server; everything here travels over TLS to people who may read it.
 */

export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type THandlingCode = (typeof HANDLING_CODES)[number];
export const EVALUATION_SOURCES = ['A', 'B', 'C', 'X'] as const;
export const EVALUATION_INFO = [1, 2, 3, 4] as const;
export const PRIORITIES = ['routine', 'urgent', 'immediate'] as const;
export type TPriority = (typeof PRIORITIES)[number];
/** Urgent and immediate messages must be acknowledged explicitly by each recipient. */
export const ACK_REQUIRED_PRIORITIES: readonly TPriority[] = ['urgent', 'immediate'];
export const FOLDERS = ['inbox', 'sent', 'drafts', 'archive', 'trash'] as const;
export type TFolder = (typeof FOLDERS)[number];
export const MESSAGE_SORTS = ['date_desc', 'date_asc', 'sender_asc', 'sender_desc', 'priority'] as const;
export type TMessageSort = (typeof MESSAGE_SORTS)[number];
/** Days a message stays in the trash before it is purged. */
export const TRASH_RETENTION_DAYS = 30;
export const MAX_RECIPIENT_ENTRIES = 200;

export const ZHandlingCode = z.enum(HANDLING_CODES);
export const ZPriority = z.enum(PRIORITIES);
export const ZFolder = z.enum(FOLDERS);

/** Someone a message is addressed to: a person, every active focal point of a country, or every member of a case (the sender must be one). */
export const ZRecipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: ZId }),
  z.object({ kind: z.literal('country'), code: ZCountryCode }),
  z.object({ kind: z.literal('case'), id: ZId }),
]);
export type TRecipient = z.infer<typeof ZRecipient>;

const ZDate = z.iso.date();

/** A draft as the composer saves it; every field may still be incomplete. */
export const ZDraftInput = z.object({
  to: z.array(ZRecipient).max(MAX_RECIPIENT_ENTRIES).default([]),
  cc: z.array(ZRecipient).max(MAX_RECIPIENT_ENTRIES).default([]),
  subject: z.string().max(500).default(''),
  /** Markdown; shown sanitised, without remote content. */
  body: z.string().max(1_000_000).default(''),
  handlingCode: ZHandlingCode.default('H0'),
  /** The conditions of an H3 message, written out (required for H3). */
  conditions: z.string().max(4000).default(''),
  evaluationSource: z.enum(EVALUATION_SOURCES).default('X'),
  evaluationInfo: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(4),
  priority: ZPriority.default('routine'),
  replyBy: ZDate.nullable().default(null),
  /** Set when replying: the message answered (the reply joins its thread). */
  inReplyTo: ZId.nullable().default(null),
  /** Set when forwarding: the message forwarded (its handling code and conditions travel). */
  forwardOf: ZId.nullable().default(null),
  /**
   * Set when writing about a request for assistance the sender's country is a side of: the
   * message is listed with the request. Fixed when the draft is created; a reply inherits it.
   */
  requestId: ZId.nullable().default(null),
});
export type TDraftInput = z.input<typeof ZDraftInput>;
export type TDraftValues = z.output<typeof ZDraftInput>;

export const ZPerson = z.object({
  id: ZId,
  name: z.string(),
  nameLatin: z.string(),
  country: ZCountryCode,
});
export type TPerson = z.infer<typeof ZPerson>;

export const ZAttachment = z.object({
  id: ZId,
  name: z.string(),
  size: z.number().int(),
  /** Detected from the content, not taken from the uploader. */
  contentType: z.string(),
  sha256: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZEvaluation = z.object({ source: z.enum(EVALUATION_SOURCES), info: z.number().int().min(1).max(4) });

export const MESSAGE_STATUSES = ['draft', 'pending_consent', 'sent', 'withdrawn', 'refused'] as const;

export const ZMessageSummary = z.object({
  id: ZId,
  threadId: ZId,
  folder: ZFolder,
  status: z.enum(MESSAGE_STATUSES),
  sender: ZPerson,
  /** Up to five recipients, for the sent and drafts folders. */
  recipients: z.array(ZPerson),
  recipientCount: z.number().int(),
  subject: z.string(),
  /** The start of the body as plain text. */
  snippet: z.string(),
  /** Sent time, or last saved time for a draft. */
  date: z.iso.datetime(),
  handlingCode: ZHandlingCode,
  priority: ZPriority,
  replyBy: ZDate.nullable(),
  unread: z.boolean(),
  attachments: z.number().int(),
  /** For a recipient: whether this message waits for their acknowledgement. */
  ackPending: z.boolean(),
  labels: z.array(ZId),
});
export type TMessageSummary = z.infer<typeof ZMessageSummary>;

export const ZMessageQuery = z.object({
  folder: ZFolder.default('inbox'),
  sort: z.enum(MESSAGE_SORTS).default('date_desc'),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Words that must all appear in the subject or body. */
  q: z.string().max(500).optional(),
  /** Name (any script) of the sender. */
  from: z.string().max(200).optional(),
  /** Name (any script) of a recipient. */
  to: z.string().max(200).optional(),
  code: ZHandlingCode.optional(),
  after: ZDate.optional(),
  before: ZDate.optional(),
  label: ZId.optional(),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Search every folder except the trash, instead of `folder` alone. */
  all: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type TMessageQuery = z.input<typeof ZMessageQuery>;

/**
 * A word search counts its matches up to this many and no further: an exact count of a word in
 * half of a 100,000-message mailbox would cost more than the page itself.
 */
export const SEARCH_COUNT_CAP = 1000;

export const ZMessagePage = z.object({
  items: z.array(ZMessageSummary),
  nextCursor: z.string().nullable(),
  /** Messages matching the query, across all pages (on the first page; -1 on the next ones). */
  total: z.number().int(),
  /** The count stopped at `total` (SEARCH_COUNT_CAP) with more to come: "1,000+ messages". */
  totalAtLeast: z.boolean(),
});
export type TMessagePage = z.infer<typeof ZMessagePage>;

export const ZReceipt = z.object({
  person: ZPerson,
  role: z.enum(['to', 'cc']),
  openedAt: z.iso.datetime().nullable(),
  ackRequired: z.boolean(),
  acknowledgedAt: z.iso.datetime().nullable(),
  remindersSent: z.number().int(),
});
export type TReceipt = z.infer<typeof ZReceipt>;

export const ZMessage = ZMessageSummary.extend({
  body: z.string(),
  conditions: z.string(),
  evaluation: ZEvaluation.nullable(),
  to: z.array(ZPerson),
  cc: z.array(ZPerson),
  /** How the sender addressed it (countries stay countries). */
  addressing: z.array(z.object({ field: z.enum(['to', 'cc']), kind: z.enum(['user', 'country', 'case']), id: z.string() })),
  attachmentList: z.array(ZAttachment),
  inReplyTo: ZId.nullable(),
  forwardOf: ZId.nullable(),
  /** Whose permission H1/H2/H3 refer to: the original provider of forwarded content. */
  provider: ZPerson,
  /** Only for the sender: who opened and acknowledged. */
  receipts: z.array(ZReceipt).nullable(),
  ackRequired: z.boolean(),
  acknowledgedAt: z.iso.datetime().nullable(),
  canWithdraw: z.boolean(),
  /** Other messages of the thread this person holds, oldest first. */
  thread: z.array(z.object({ id: ZId, sender: ZPerson, date: z.iso.datetime(), subject: z.string(), status: z.enum(MESSAGE_STATUSES) })),
  /** For a forward waiting for consent, or refused. */
  consent: z.object({ status: z.enum(['pending', 'granted', 'refused']), provider: ZPerson }).nullable(),
  /** The request for assistance this message is about, when the reader's country is a side of it. */
  request: z.object({ id: ZId, reference: z.string(), title: z.string() }).nullable(),
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZDraft = z.object({
  id: ZId,
  values: ZDraftInput.extend({ to: z.array(ZRecipient), cc: z.array(ZRecipient) }),
  attachments: z.array(ZAttachment),
  updatedAt: z.iso.datetime(),
});
export type TDraft = z.infer<typeof ZDraft>;

export const ZSendResult = z.object({
  id: ZId,
  threadId: ZId,
  status: z.enum(['sent', 'pending_consent']),
  recipients: z.number().int(),
});
export type TSendResult = z.infer<typeof ZSendResult>;

export const MAIL_BULK_ACTIONS = ['archive', 'inbox', 'trash', 'restore', 'delete_forever', 'read', 'unread', 'label', 'unlabel'] as const;
export const ZMailBulk = z.object({
  ids: z.array(ZId).min(1).max(500),
  action: z.enum(MAIL_BULK_ACTIONS),
  /** For label and unlabel. */
  labelId: ZId.optional(),
});
export const ZMailBulkResult = z.object({ changed: z.number().int() });

export const ZMailCounts = z.object({
  inboxUnread: z.number().int(),
  drafts: z.number().int(),
  /** Messages waiting for my acknowledgement. */
  ackPending: z.number().int(),
  /** Forward requests waiting for my decision. */
  consentsPending: z.number().int(),
});
export type TMailCounts = z.infer<typeof ZMailCounts>;

export const ZLabel = z.object({ id: ZId, name: z.string(), color: z.string() });
export type TLabel = z.infer<typeof ZLabel>;
export const LABEL_COLORS = ['blue', 'green', 'orange', 'red', 'violet', 'gray'] as const;
export const ZLabelCreate = z.object({ name: z.string().trim().min(1).max(40), color: z.enum(LABEL_COLORS).default('blue') });

export const ZConsentRequest = z.object({
  id: ZId,
  status: z.enum(['pending', 'granted', 'refused']),
  requester: ZPerson,
  provider: ZPerson,
  /** The provider's original message. */
  originalId: ZId,
  originalSubject: z.string().nullable(),
  /** People the forward would reach who are not on the thread. */
  newRecipients: z.array(ZPerson),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type TConsentRequest = z.infer<typeof ZConsentRequest>;
export const ZConsentDecision = z.object({ decision: z.enum(['grant', 'refuse']) });

export const ZRecipientOption = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: ZId, name: z.string(), nameLatin: z.string(), country: ZCountryCode, agency: z.string().nullable() }),
  z.object({ kind: z.literal('country'), code: ZCountryCode, focalPoints: z.number().int() }),
  z.object({ kind: z.literal('case'), id: ZId, reference: z.string(), title: z.string(), members: z.number().int() }),
]);
export type TRecipientOption = z.infer<typeof ZRecipientOption>;

export const ZMailSettings = z.object({
  attachmentMaxBytes: z.number().int(),
  messageMaxBytes: z.number().int(),
  notifyByEmail: z.boolean(),
  /** Whether the operator configured an SMTP relay. */
  emailAvailable: z.boolean(),
});
export type TMailSettings = z.infer<typeof ZMailSettings>;
