import { z } from 'zod';
import { ZId } from './api.js';
import { ZPerson } from './messaging.js';

/** Entity matching across cases: the HTTP contract (the matcher itself is in @focal/core). */

/**
 * What a piece of the matcher's evidence says, as a stable name the interface renders in the
 * reader's language (the same list as @focal/core's EVIDENCE_CODES; `blind.*`: decided on keyed
 * hashes only). Explanations stored before codes existed have none: their English `text` is shown.
 */
export const EVIDENCE_CODES = [
  'name.compared',
  'name.abbreviation',
  'name.missing',
  'schema.mismatch',
  'identifier.same',
  'identifier.different',
  'birthDate.sameDay',
  'birthDate.sameMonth',
  'birthDate.sameYear',
  'birthDate.swapped',
  'birthDate.different',
  'birthDate.possibleAlias',
  'country.shared',
  'country.personApart',
  'country.companyApart',
  'legalForm.same',
  'legalForm.compatible',
  'legalForm.close',
  'legalForm.otherJurisdiction',
  'legalForm.otherKind',
  'blind.sameIdentifier',
  'blind.identifiersDiffer',
  'blind.birthDatesDiffer',
  'blind.birthDateAndNameKeys',
  'blind.nameKeys',
] as const;
export type TEvidenceCode = (typeof EVIDENCE_CODES)[number];
/** How two name parts were found to correspond (`detail.parts[].agreement`), as @focal/core says it. */
export const PART_AGREEMENTS = ['exact', 'spelling variant', 'sounds alike', 'vowel-tolerant', 'initial', 'nickname', 'typo', 'similar', 'abbreviation'] as const;
/** Kinds of strong identifier the matcher compares (`params.identifierKind`). */
export const MATCH_IDENTIFIER_KINDS = ['iban', 'registration', 'tax', 'passport', 'crypto', 'lei', 'bic', 'account'] as const;

export const ZEvidence = z.object({
  kind: z.string(),
  effect: z.enum(['for', 'against', 'neutral']),
  /** One plain English sentence for the investigator (logs, exports, the CLI). */
  text: z.string(),
  /** What the sentence says, for the interface to word it in the reader's language. */
  code: z.string().optional(),
  /** The values it names: names as written, ISO dates and country codes, identifier kinds, counts. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type TEvidence = z.infer<typeof ZEvidence>;

export const ZMatchedEntity = z.object({
  id: ZId,
  caseId: ZId,
  caseReference: z.string(),
  leadCountry: z.string(),
  schema: z.string(),
  caption: z.string(),
});

export const MATCH_VERDICTS = ['same', 'not_same', 'unsure'] as const;

/** A pair the caller may see in full, or a bare hit on an entity they cannot see. */
export const ZMatchItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('match'),
    candidateId: ZId,
    score: z.number(),
    isMatch: z.boolean(),
    /** Compared on keyed hashes only (one side is "hit/no-hit only"). */
    blind: z.boolean(),
    explanation: z.array(ZEvidence),
    entity: ZMatchedEntity,
    other: ZMatchedEntity,
    verdict: z.enum(MATCH_VERDICTS).nullable(),
  }),
  z.object({
    kind: z.literal('hit'),
    candidateId: ZId,
    entity: ZMatchedEntity,
    /** All that is told of the other side: the lead country of the case holding it. */
    leadCountry: z.string(),
    accessRequest: z.enum(['pending', 'granted', 'refused']).nullable(),
  }),
]);
export type TMatchItem = z.infer<typeof ZMatchItem>;

export const ZJudgement = z.object({ verdict: z.enum(MATCH_VERDICTS) });
export const ZAccessRequestCreate = z.object({ reason: z.string().trim().min(3).max(2000) });

export const ZMatchAccessRequest = z.object({
  id: ZId,
  status: z.enum(['pending', 'granted', 'refused']),
  reason: z.string(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  requester: ZPerson,
  /** Shown to the deciding lead only. */
  entity: z.object({ id: ZId, caption: z.string(), schema: z.string(), caseId: ZId, caseReference: z.string() }).nullable(),
  leadCountry: z.string(),
  canDecide: z.boolean(),
});
export type TMatchAccessRequest = z.infer<typeof ZMatchAccessRequest>;

export const ZSharedEntity = ZMatchedEntity.extend({ properties: z.record(z.string(), z.array(z.string())) });
export type TSharedEntity = z.infer<typeof ZSharedEntity>;

/** Schemata the matcher compares: parties and the accounts, wallets and vessels that identify them. */
export const MATCHABLE_SCHEMATA = ['Person', 'Company', 'Organization', 'LegalEntity', 'BankAccount', 'CryptoWallet', 'Vessel', 'Airplane', 'Security'] as const;

export const ZMatchCounts = z.object({
  /** Pairs I can see both sides of and have not judged. */
  review: z.number().int(),
  /** Hits on my entities I have not asked about. */
  hits: z.number().int(),
  /** Access requests waiting for my decision. */
  decisions: z.number().int(),
});

export const ZEntitySearchResult = z.object({
  items: z.array(z.object({ score: z.number(), explanation: z.array(ZEvidence), entity: ZMatchedEntity })),
  /** Matches in entities the caller cannot see, counted by the lead country of their case. */
  hits: z.array(z.object({ leadCountry: z.string(), count: z.number().int() })),
});
export type TEntitySearchResult = z.infer<typeof ZEntitySearchResult>;
