/** Kinds of strong identifier the matcher compares. */
export type IdentifierKind = 'iban' | 'registration' | 'tax' | 'passport' | 'crypto' | 'lei' | 'bic' | 'account';

export interface MatchIdentifier {
  kind: IdentifierKind;
  value: string;
}

/** A FollowTheMoney-style record reduced to what matching needs. */
export interface MatchEntity {
  schema: string;
  /** The entity's name and its aliases; the best pair of aliases decides the name evidence. */
  names: string[];
  /** ISO date, possibly partial: `1961`, `1961-04` or `1961-04-02`. */
  birthDate?: string;
  /** ISO 3166 alpha-2 codes: nationality for people, jurisdiction for companies. */
  countries?: string[];
  identifiers?: MatchIdentifier[];
}

export type EvidenceKind = 'name' | 'identifier' | 'birthDate' | 'country' | 'legalForm';
export type EvidenceEffect = 'for' | 'against' | 'neutral';

/** How two name parts were found to correspond. */
export type PartAgreement =
  | 'exact'
  | 'spelling variant'
  | 'sounds alike'
  | 'vowel-tolerant'
  | 'initial'
  | 'nickname'
  | 'typo'
  | 'similar'
  | 'abbreviation';

export interface AlignedPart {
  a: string;
  b: string;
  similarity: number;
  agreement: PartAgreement;
  transliterated: boolean;
}

/**
 * What each piece of evidence says, as a stable name: an interface renders it in the reader's
 * language from the code and its `params` (the `text` is English, for logs and the CLI). The
 * same list is in @focal/shared's contract (`EVIDENCE_CODES`); `blind.*` are the pairs decided
 * on keyed hashes only, where one side is hit/no-hit only.
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
export type EvidenceCode = (typeof EVIDENCE_CODES)[number];

/**
 * The values a code's sentence names, unformatted: names as written, dates as ISO (possibly
 * partial: `1961`, `1961-04`), ISO 3166 country codes, identifier kinds, legal forms as written,
 * counts. Name parts and their agreement are in `detail.parts`.
 */
export type EvidenceParams = Record<string, string | number | string[]>;

export interface Evidence {
  kind: EvidenceKind;
  effect: EvidenceEffect;
  /** One plain-English sentence for the investigator. */
  text: string;
  /** Set by the matcher on every piece of evidence; absent only on explanations stored before codes existed. */
  code?: EvidenceCode;
  params?: EvidenceParams;
  detail?: {
    aName?: string;
    bName?: string;
    parts?: AlignedPart[];
    unmatchedA?: string[];
    unmatchedB?: string[];
    a?: string | string[];
    b?: string | string[];
  };
}

/** Evidence as the matcher gives it: always with its code and params. */
export type CodedEvidence = Evidence & { code: EvidenceCode; params: EvidenceParams };

export interface MatchResult {
  /** In [0, 1], rounded to 3 decimals. */
  score: number;
  match: boolean;
  explanation: CodedEvidence[];
}
