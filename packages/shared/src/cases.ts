import { z } from 'zod';
import { ZCountryCode, ZId } from './api.js';
import { EVALUATION_SOURCES, ZHandlingCode, ZPerson } from './messaging.js';
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
  warnings: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export const ZTransferPair = z.object({
  id: ZId,
  confidence: z.number(),
  reasons: z.array(z.string()),
  status: z.enum(['suggested', 'confirmed', 'split']),
  amount: ZMoney,
  debit: z.object({ importId: ZId, date: ZDate, line: z.number().int() }),
  credit: z.object({ importId: ZId, date: ZDate, line: z.number().int() }),
});
export const ZStatementList = z.object({ imports: z.array(ZStatementImport), pairs: z.array(ZTransferPair) });
export type TStatementList = z.infer<typeof ZStatementList>;
