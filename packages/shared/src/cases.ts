import { z } from 'zod';
import { ZCountryCode, ZId } from './api.js';
import { EVALUATION_SOURCES, ZHandlingCode, ZPerson, ZRecipient } from './messaging.js';
import { ZRefusalGround, ZRequestAction, ZRequestContent, ZRequestSide, ZRequestState, ZRequestType, ZUrgency } from './requests.js';

/** UNCAC offences (arts. 15–25), the typology of a case. */
export const OFFENCES = [
  'bribery_national_officials',
  'bribery_foreign_officials',
  'embezzlement',
  'trading_in_influence',
  'abuse_of_functions',
  'illicit_enrichment',
  'private_sector_bribery',
  'private_sector_embezzlement',
  'laundering',
  'concealment',
  'obstruction_of_justice',
] as const;
export const CASE_STATUSES = ['open', 'active', 'suspended', 'closed'] as const;
export type TCaseStatus = (typeof CASE_STATUSES)[number];
/** The part a country plays in a case; the lead country is set when the case is opened. */
export const COUNTRY_ROLES = ['requesting', 'requested', 'victim', 'asset_location', 'observer'] as const;
export type TCountryRole = (typeof COUNTRY_ROLES)[number] | 'lead';
/** Years until a case must be reviewed (renewed with a reason, or closed). */
export const CASE_REVIEW_YEARS = 5;
/** Months before the review date when the owner is asked. */
export const CASE_REVIEW_NOTICE_MONTHS = 6;

const ZEvaluationSource = z.enum(EVALUATION_SOURCES);
const ZEvaluationInfo = z.number().int().min(1).max(4);
const ZDate = z.iso.date();

export const ZCaseCreate = z.object({
  title: z.string().trim().min(3).max(300),
  summary: z.string().max(20_000).default(''),
  offences: z.array(z.enum(OFFENCES)).max(OFFENCES.length).default([]),
  handlingCode: ZHandlingCode.default('H0'),
  conditions: z.string().max(4000).default(''),
  evaluationSource: ZEvaluationSource.default('X'),
  evaluationInfo: ZEvaluationInfo.default(4),
  /** Other countries taking part, with their role. */
  countries: z.array(z.object({ country: ZCountryCode, role: z.enum(COUNTRY_ROLES) })).max(100).default([]),
});
export type TCaseCreate = z.input<typeof ZCaseCreate>;

export const ZCaseUpdate = z.object({
  title: z.string().trim().min(3).max(300).optional(),
  summary: z.string().max(20_000).optional(),
  offences: z.array(z.enum(OFFENCES)).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  handlingCode: ZHandlingCode.optional(),
  conditions: z.string().max(4000).optional(),
  evaluationSource: ZEvaluationSource.optional(),
  evaluationInfo: ZEvaluationInfo.optional(),
});

export const ZCaseReview = z.discriminatedUnion('action', [
  z.object({ action: z.literal('renew'), reason: z.string().trim().min(10).max(2000) }),
  z.object({ action: z.literal('close'), reason: z.string().trim().min(3).max(2000) }),
]);

export const ZCaseCountry = z.object({ country: ZCountryCode, role: z.union([z.enum(COUNTRY_ROLES), z.literal('lead')]) });

export const ZCaseStub = z.object({
  id: ZId,
  reference: z.string(),
  title: z.string(),
  leadCountry: ZCountryCode,
  status: z.enum(CASE_STATUSES),
  countries: z.array(ZCaseCountry),
  /** A pending request of mine to join. */
  joinRequested: z.boolean(),
});
export type TCaseStub = z.infer<typeof ZCaseStub>;

export const ZCaseSummary = ZCaseStub.extend({
  handlingCode: ZHandlingCode,
  offences: z.array(z.enum(OFFENCES)),
  reviewDate: ZDate,
  /** The review date is within six months: the owner must renew or close. */
  reviewDue: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  entities: z.number().int(),
  openRequests: z.number().int(),
  overdueRequests: z.number().int(),
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;

export const ZCaseMember = z.object({ person: ZPerson, isLead: z.boolean(), addedAt: z.iso.datetime() });
export const ZJoinRequest = z.object({ id: ZId, person: ZPerson, reason: z.string(), status: z.enum(['pending', 'accepted', 'refused']), createdAt: z.iso.datetime() });

export const ZCaseDetail = ZCaseSummary.extend({
  summary: z.string(),
  conditions: z.string(),
  evaluation: z.object({ source: ZEvaluationSource, info: z.number().int() }),
  owner: ZPerson,
  members: z.array(ZCaseMember),
  /** Requests to join that the caller may decide. */
  joinRequests: z.array(ZJoinRequest),
  /** What the caller may do, so the UI offers only what the server allows. */
  can: z.object({ edit: z.boolean(), addCountry: z.boolean(), addMembers: z.boolean(), review: z.boolean() }),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

/** A case page: full for members; participants who are not members see that it exists. */
export const ZCaseView = z.discriminatedUnion('access', [
  z.object({ access: z.literal('member'), case: ZCaseDetail }),
  z.object({ access: z.literal('participant'), case: ZCaseStub }),
]);
export type TCaseView = z.infer<typeof ZCaseView>;

export const ZCaseList = z.object({
  /** Cases I am a member of. */
  items: z.array(ZCaseSummary),
  /** Cases my country takes part in that I am not a member of (I may ask to join). */
  known: z.array(ZCaseStub),
});

export const ZCaseListQuery = z.object({
  q: z.string().max(200).optional(),
  status: z.enum(CASE_STATUSES).optional(),
});

export const ZTimelineEvent = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  kind: z.string(),
  actor: ZPerson.nullable(),
  country: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TTimelineEvent = z.infer<typeof ZTimelineEvent>;

// ---------------------------------------------------------------- entities

/** Conditions the provider attaches to what it adds. */
export const ZProvenanceInput = z.object({
  handlingCode: ZHandlingCode.default('H0'),
  /** The written conditions of an H3 item (required for H3). */
  conditions: z.string().trim().max(4000).default(''),
  evaluationSource: ZEvaluationSource.default('X'),
  evaluationInfo: ZEvaluationInfo.default(4),
  /** Countries that may see it (besides the provider); null: every participating country. */
  reach: z.array(ZCountryCode).max(100).nullable().default(null),
});

export const ZEntityCreate = ZProvenanceInput.extend({
  schema: z.string().min(1).max(60),
  /** FtM properties: property name → values. */
  properties: z.record(z.string(), z.array(z.string().max(65_000)).max(100)),
  /** An FtM id of the caller's choosing (import tools keep theirs); generated when absent. */
  ftmId: z.string().max(200).optional(),
});
export type TEntityCreate = z.input<typeof ZEntityCreate>;

export const ZEntityUpdate = ZProvenanceInput.extend({
  add: z.record(z.string(), z.array(z.string().max(65_000)).max(100)).default({}),
  remove: z.record(z.string(), z.array(z.string().max(65_000)).max(100)).default({}),
});

export const ZEntityValue = z.object({
  value: z.string(),
  ownerCountry: ZCountryCode,
  handlingCode: ZHandlingCode,
  conditions: z.string(),
  evaluation: z.object({ source: ZEvaluationSource, info: z.number().int() }),
  addedAt: z.iso.datetime(),
});

export const ZEntity = z.object({
  id: ZId,
  ftmId: z.string(),
  schema: z.string(),
  caption: z.string(),
  ownerCountry: ZCountryCode,
  handlingCode: ZHandlingCode,
  conditions: z.string(),
  evaluation: z.object({ source: ZEvaluationSource, info: z.number().int() }),
  reach: z.array(ZCountryCode).nullable(),
  /** "Hit/no-hit only": matched across cases on keyed hashes alone. */
  blind: z.boolean(),
  properties: z.record(z.string(), z.array(ZEntityValue)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TEntity = z.infer<typeof ZEntity>;

export const ZEntityChange = z.object({
  at: z.iso.datetime(),
  actor: ZPerson.nullable(),
  ownerCountry: ZCountryCode,
  change: z.enum(['created', 'added', 'removed', 'deleted']),
  prop: z.string().nullable(),
  value: z.string().nullable(),
});

export const ZImportResult = z.object({
  imported: z.number().int(),
  /** Lines refused, with their number and the reason. */
  errors: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** all_or_nothing: nothing was imported because of the errors. */
  rolledBack: z.boolean(),
});
export type TImportResult = z.infer<typeof ZImportResult>;

// ---------------------------------------------------------------- requests for assistance

export const ZAssistanceRequestCreate = z.object({
  caseId: ZId.nullable().default(null),
  type: ZRequestType,
  urgency: ZUrgency.default('standard'),
  toCountry: ZCountryCode,
  title: z.string().trim().min(3).max(300),
  content: ZRequestContent,
  handlingCode: ZHandlingCode.default('H0'),
  /** The written conditions of an H3 request (required for H3). */
  conditions: z.string().trim().max(4000).default(''),
  /** Entities of the case to attach (ids). */
  entityIds: z.array(ZId).max(500).default([]),
});
export type TAssistanceRequestCreate = z.input<typeof ZAssistanceRequestCreate>;

export const ZRequestActionInput = z.object({
  action: ZRequestAction,
  ground: ZRefusalGround.optional(),
  groundText: z.string().trim().max(4000).optional(),
  /** The answer, or a note with the transition. */
  note: z.string().max(100_000).default(''),
});

export const ZRequestSummary = z.object({
  id: ZId,
  reference: z.string(),
  caseId: ZId.nullable(),
  caseReference: z.string().nullable(),
  type: ZRequestType,
  legalBasis: z.string(),
  urgency: ZUrgency,
  fromCountry: ZCountryCode,
  toCountry: ZCountryCode,
  state: ZRequestState,
  title: z.string(),
  handlingCode: ZHandlingCode,
  /** My country's side. */
  side: ZRequestSide,
  waiting: z.enum(['me', 'them']).nullable(),
  receivedAt: z.iso.datetime().nullable(),
  deadline: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  clockStoppedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TRequestSummary = z.infer<typeof ZRequestSummary>;

export const ZRequestEvent = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actor: ZPerson.nullable(),
  country: z.string().nullable(),
  note: z.string(),
});

export const ZRequestDetail = ZRequestSummary.extend({
  content: ZRequestContent,
  conditions: z.string(),
  refusalGround: ZRefusalGround.nullable(),
  events: z.array(ZRequestEvent),
  entities: z.array(z.object({ id: ZId, schema: z.string(), caption: z.string() })),
  /** Transitions my side may make now. */
  actions: z.array(ZRequestAction),
  createdBy: ZPerson,
});
export type TRequestDetail = z.infer<typeof ZRequestDetail>;

/**
 * A message about a request, as one who holds it sees it: their own copy (sender or recipient),
 * so the list differs per person; a withdrawn or purged message is not listed.
 */
export const ZRequestMessage = z.object({
  id: ZId,
  threadId: ZId,
  subject: z.string(),
  sender: ZPerson,
  date: z.iso.datetime(),
  /** My copy: sent by me, or received (to or cc). */
  role: z.enum(['sender', 'to', 'cc']),
  unread: z.boolean(),
  inReplyTo: ZId.nullable(),
});
export type TRequestMessage = z.infer<typeof ZRequestMessage>;

export const ZRequestMessages = z.object({
  items: z.array(ZRequestMessage),
  /** Whom a new message about the request goes to: the other side's people on it, or its focal points. */
  recipients: z.array(ZRecipient),
});
export type TRequestMessages = z.infer<typeof ZRequestMessages>;

/** What the browser needs to know before sending evidence: the largest document (each version) the server accepts. */
export const ZCaseSettings = z.object({ documentMaxBytes: z.number().int() });
export type TCaseSettings = z.infer<typeof ZCaseSettings>;

export const ZRequestListQuery = z.object({
  box: z.enum(['waiting_on_me', 'waiting_on_them', 'all']).default('all'),
  scope: z.enum(['mine', 'country']).default('country'),
  caseId: ZId.optional(),
});

// ---------------------------------------------------------------- assets and measures

/** The life of an asset, in order; frozen and seized are alternatives, as are returned and released. */
export const ASSET_STAGES = ['identified', 'traced', 'frozen', 'seized', 'confiscated', 'returned', 'released'] as const;
export type TAssetStage = (typeof ASSET_STAGES)[number];
export const MEASURE_TYPES = [
  'none',
  'freezing_order',
  'seizure',
  'conviction_based_confiscation',
  'non_conviction_based_confiscation',
  'return_agreement',
  'release_order',
] as const;
/** UNCAC art. 57(3): (a) embezzled public funds, (b) other offences with ownership or damage established, (c) other cases. */
export const ART57_BRANCHES = ['a', 'b', 'c'] as const;

export const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');
/** A decimal amount in major units, e.g. "1250000.50" (no thousands separators). */
export const ZAmount = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,3})?$/, 'a positive amount such as 1250000.50');

export const ZValuationCreate = z.object({
  amount: ZAmount,
  currency: ZCurrency,
  valuedOn: ZDate,
  source: z.string().max(500).default(''),
  reach: z.array(ZCountryCode).max(100).nullable().default(null),
});

export const ZMeasureCreate = z.object({
  stage: z.enum(ASSET_STAGES),
  amount: ZAmount,
  currency: ZCurrency,
  jurisdiction: ZCountryCode,
  measureType: z.enum(MEASURE_TYPES).default('none'),
  authority: z.string().max(300).default(''),
  date: ZDate,
  reference: z.string().max(200).default(''),
  documentId: ZId.nullable().default(null),
  /** For a return: the receiving country, the art. 57(3) branch, and expenses deducted (art. 57(4)). */
  receivingCountry: ZCountryCode.nullable().default(null),
  art57Branch: z.enum(ART57_BRANCHES).nullable().default(null),
  expenses: ZAmount.nullable().default(null),
  note: z.string().max(4000).default(''),
  reach: z.array(ZCountryCode).max(100).nullable().default(null),
});
export type TMeasureCreate = z.input<typeof ZMeasureCreate>;

export const ZMoney = z.object({ amount: z.string(), amountMinor: z.number().int(), currency: z.string() });
export type TMoney = z.infer<typeof ZMoney>;

export const ZValuation = ZMoney.extend({ id: z.number().int(), valuedOn: ZDate, source: z.string(), ownerCountry: z.string(), addedAt: z.iso.datetime() });
export const ZMeasure = ZMoney.extend({
  id: ZId,
  stage: z.enum(ASSET_STAGES),
  jurisdiction: z.string(),
  measureType: z.enum(MEASURE_TYPES),
  authority: z.string(),
  date: ZDate,
  reference: z.string(),
  documentId: ZId.nullable(),
  receivingCountry: z.string().nullable(),
  art57Branch: z.enum(ART57_BRANCHES).nullable(),
  expenses: ZMoney.nullable(),
  note: z.string(),
  ownerCountry: z.string(),
  addedAt: z.iso.datetime(),
});

export const ZAsset = z.object({
  entityId: ZId,
  schema: z.string(),
  caption: z.string(),
  /** The furthest stage reached (null: nothing recorded yet). */
  stage: z.enum(ASSET_STAGES).nullable(),
  jurisdiction: z.string().nullable(),
  latestValue: ZMoney.nullable(),
  valuations: z.array(ZValuation),
  measures: z.array(ZMeasure),
});
export type TAsset = z.infer<typeof ZAsset>;

/** Totals per stage: in each currency, and converted to the base currency where a rate exists. */
export const ZTotals = z.object({
  baseCurrency: z.string(),
  stages: z.array(
    z.object({
      stage: z.enum(['identified', 'frozen', 'confiscated', 'returned']),
      byCurrency: z.array(ZMoney),
      /** Sum in the base currency of the amounts that have a rate. */
      converted: ZMoney,
      /** Currencies left out of `converted` for want of a rate. */
      missingRates: z.array(z.string()),
    }),
  ),
});
export type TTotals = z.infer<typeof ZTotals>;

// ---------------------------------------------------------------- evidence

export const ZDocumentVersion = z.object({
  id: ZId,
  version: z.number().int(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: ZPerson.nullable(),
  uploadedAt: z.iso.datetime(),
  /** PDF and images open in the browser; anything else downloads. */
  previewable: z.boolean(),
});
export const ZCaseDocument = z.object({
  id: ZId,
  title: z.string(),
  requestId: ZId.nullable(),
  ownerCountry: z.string(),
  handlingCode: ZHandlingCode,
  reach: z.array(z.string()).nullable(),
  createdAt: z.iso.datetime(),
  versions: z.array(ZDocumentVersion),
});
export type TCaseDocument = z.infer<typeof ZCaseDocument>;
export const ZCustodyEvent = z.object({ at: z.iso.datetime(), action: z.string(), actor: ZPerson.nullable(), country: z.string().nullable(), sha256: z.string().nullable(), version: z.number().int().nullable() });

// ---------------------------------------------------------------- bank statements

export const STATEMENT_FORMATS = ['csv', 'camt053', 'mt940'] as const;
const ZMoneyOrNull = ZMoney.nullable();
export const ZStatementImport = z.object({
  id: ZId,
  format: z.enum(STATEMENT_FORMATS),
  /** The statement file, kept as evidence. */
  documentId: ZId.nullable(),
  accountEntityId: ZId.nullable(),
  account: z.string(),
  currency: z.string(),
  opening: ZMoneyOrNull,
  closing: ZMoneyOrNull,
  sum: ZMoney,
  /** Opening + transactions = closing? A mismatch is shown, not hidden. */
  balance: z.enum(['balanced', 'unbalanced', 'unchecked']),
  difference: ZMoneyOrNull,
  transactions: z.number().int(),
  rowErrors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  /** Every row that could not be read (rowErrors holds the first hundred). */
  rowErrorCount: z.number().int(),
  warnings: z.array(z.string()),
  /** The earliest and latest booking dates. */
  periodFrom: ZDate.nullable(),
  periodTo: ZDate.nullable(),
  /** camt `Stmt/Id`, MT940 `:20:`. */
  statementId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type TStatementImport = z.infer<typeof ZStatementImport>;
export const STATEMENT_JOB_STATUSES = ['queued', 'running', 'failing', 'done', 'failed'] as const;
export const STATEMENT_JOB_PHASES = ['checking', 'writing', 'finishing'] as const;
/**
 * An import running in the background (a large file): the file is read once to check it
 * (`checking`, progress in bytes), then written in batches (`writing`, progress in rows), then
 * published at once (`finishing`). A failed import keeps nothing but this record of why.
 */
export const ZStatementJob = z.object({
  id: ZId,
  format: z.enum(STATEMENT_FORMATS),
  title: z.string(),
  status: z.enum(STATEMENT_JOB_STATUSES),
  phase: z.enum(STATEMENT_JOB_PHASES),
  size: z.number().int(),
  bytesDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  error: z.string().nullable(),
  errorLine: z.number().int().nullable(),
  importIds: z.array(ZId),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type TStatementJob = z.infer<typeof ZStatementJob>;
/** What ties the two sides of a suggested transfer besides amount and dates (see @focal/core's TransferLink). */
export const TRANSFER_LINKS = ['debit_counterparty_account', 'credit_counterparty_account', 'reference', 'holder_name'] as const;
const ZTransferSide = z.object({
  importId: ZId,
  date: ZDate,
  line: z.number().int(),
  /** The statement's account. */
  account: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyAccount: z.string().nullable(),
  reference: z.string().nullable(),
});
export const ZTransferPair = z.object({
  id: ZId,
  confidence: z.number(),
  /** In English, for logs and exports; the interface words `links`. */
  reasons: z.array(z.string()),
  links: z.array(z.enum(TRANSFER_LINKS)),
  status: z.enum(['suggested', 'confirmed', 'split']),
  amount: ZMoney,
  debit: ZTransferSide,
  credit: ZTransferSide,
});
export type TTransferPair = z.infer<typeof ZTransferPair>;
export const ZStatementList = z.object({
  imports: z.array(ZStatementImport),
  pairs: z.array(ZTransferPair),
  /** Imports still running, and failed ones not yet dismissed (the caller's country's). */
  jobs: z.array(ZStatementJob),
});
export type TStatementList = z.infer<typeof ZStatementList>;
/** The answer to an upload: the list, and the job when the file is imported in the background (HTTP 202). */
export const ZStatementUploaded = ZStatementList.extend({ jobId: ZId.nullable() });
export type TStatementUploaded = z.infer<typeof ZStatementUploaded>;

export const ZStatementTransaction = z.object({
  id: z.number().int(),
  line: z.number().int(),
  bookingDate: ZDate,
  /** Signed: positive into the statement's account, negative out of it. */
  amount: ZMoney,
  counterpartyName: z.string().nullable(),
  counterpartyAccount: z.string().nullable(),
  reference: z.string().nullable(),
  paymentEntityId: ZId.nullable(),
});
export type TStatementTransaction = z.infer<typeof ZStatementTransaction>;
export const ZStatementTransactionPage = z.object({ items: z.array(ZStatementTransaction), total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
export type TStatementTransactionPage = z.infer<typeof ZStatementTransactionPage>;

// CSV layouts: the shape of @focal/core's CsvFormat (the server checks that they agree).
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export const CSV_DECIMAL_SEPARATORS = ['.', ','] as const;
export const CSV_DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYYMMDD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'DD-MM-YYYY', 'MM/DD/YYYY', 'MM-DD-YYYY', 'DD.MM.YY', 'DD/MM/YY', 'MM/DD/YY'] as const;
export const CSV_TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
/** What a column of a bank's CSV may hold, in the order the mapping form lists them. */
export const CSV_FIELDS = ['date', 'valueDate', 'amount', 'direction', 'debit', 'credit', 'currency', 'counterpartyName', 'counterpartyAccount', 'counterpartyBic', 'reference', 'description', 'balance'] as const;
export type TCsvField = (typeof CSV_FIELDS)[number];
/** A column by its header name or its 0-based index. */
const ZCsvColumn = z.union([z.string().trim().min(1).max(200), z.number().int().min(0).max(1000)]);
export const ZCsvMapping = z
  .object({
    date: ZCsvColumn,
    valueDate: ZCsvColumn.optional(),
    amount: ZCsvColumn.optional(),
    direction: ZCsvColumn.optional(),
    debit: ZCsvColumn.optional(),
    credit: ZCsvColumn.optional(),
    currency: ZCsvColumn.optional(),
    counterpartyName: ZCsvColumn.optional(),
    counterpartyAccount: ZCsvColumn.optional(),
    counterpartyBic: ZCsvColumn.optional(),
    reference: ZCsvColumn.optional(),
    description: z.union([ZCsvColumn, z.array(ZCsvColumn).min(1).max(10)]).optional(),
    balance: ZCsvColumn.optional(),
  })
  .refine((m) => (m.amount !== undefined) !== (m.debit !== undefined || m.credit !== undefined), { message: 'an amount column, or debit and credit columns (not both)', path: ['amount'] })
  .refine((m) => m.amount !== undefined || (m.debit !== undefined && m.credit !== undefined), { message: 'both a debit and a credit column', path: ['debit'] })
  .refine((m) => m.direction === undefined || m.amount !== undefined, { message: 'a debit/credit indicator needs an amount column', path: ['direction'] });
export type TCsvMapping = z.infer<typeof ZCsvMapping>;
/** The layout of a bank's CSV export as the user confirmed it. */
export const ZCsvFormat = z
  .object({
    encoding: z.enum(CSV_TEXT_ENCODINGS).optional(),
    delimiter: z.enum(CSV_DELIMITERS),
    decimalSeparator: z.enum(CSV_DECIMAL_SEPARATORS),
    dateFormat: z.enum(CSV_DATE_FORMATS),
    hasHeader: z.boolean(),
    skipRows: z.number().int().min(0).max(100).optional(),
    mapping: ZCsvMapping,
  })
  .refine((f) => f.delimiter !== f.decimalSeparator, { message: 'the decimal separator cannot be the delimiter', path: ['decimalSeparator'] });
export type TCsvFormat = z.infer<typeof ZCsvFormat>;
/** The statement's own account: a CSV export does not say it. */
export const ZCsvAccount = z
  .object({
    iban: z.string().trim().max(64).optional(),
    number: z.string().trim().max(64).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    holder: z.string().trim().max(300).optional(),
    bank: z.string().trim().max(300).optional(),
  })
  .refine((a) => Boolean(a.iban || a.number), { message: 'the account’s IBAN or number', path: ['iban'] });
export type TCsvAccount = z.infer<typeof ZCsvAccount>;
export const ZCsvImportOptions = z.object({ format: ZCsvFormat, account: ZCsvAccount });
export type TCsvImportOptions = z.infer<typeof ZCsvImportOptions>;

/** A bank's CSV layout saved by a country's officers, proposed again for files with the same columns. */
export const ZStatementMapping = z.object({
  id: ZId,
  name: z.string(),
  bankBic: z.string().nullable(),
  layoutKey: z.string(),
  format: ZCsvFormat,
  updatedAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type TStatementMapping = z.infer<typeof ZStatementMapping>;
export const ZStatementMappingSave = z.object({
  name: z.string().trim().min(2).max(200),
  bankBic: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/)
    .optional(),
  layoutKey: z.string().min(1).max(4000),
  format: ZCsvFormat,
});
export type TStatementMappingSave = z.infer<typeof ZStatementMappingSave>;

/** What the start of a CSV file looks like, for the user to confirm (see sniffCsv in @focal/core). */
export const ZCsvSniff = z.object({
  encoding: z.enum(CSV_TEXT_ENCODINGS),
  hasBom: z.boolean(),
  delimiter: z.enum(CSV_DELIMITERS),
  decimalSeparator: z.enum(CSV_DECIMAL_SEPARATORS),
  dateFormat: z.enum(CSV_DATE_FORMATS).optional(),
  dateFormatCandidates: z.array(z.enum(CSV_DATE_FORMATS)),
  dateFormatAmbiguous: z.boolean(),
  hasHeader: z.boolean(),
  skipRows: z.number().int(),
  header: z.array(z.string()),
  suggestedMapping: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])),
  preview: z.array(z.array(z.string())),
  warnings: z.array(z.string()),
  /** How a saved mapping recognises this layout. */
  layoutKey: z.string(),
  /** Saved mappings of the caller's country for this layout, the most recently used first. */
  mappings: z.array(ZStatementMapping),
});
export type TCsvSniff = z.infer<typeof ZCsvSniff>;
