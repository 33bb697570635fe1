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

export interface Evidence {
  kind: EvidenceKind;
  effect: EvidenceEffect;
  /** One plain-English sentence for the investigator. */
  text: string;
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

export interface MatchResult {
  /** In [0, 1], rounded to 3 decimals. */
  score: number;
  match: boolean;
  explanation: Evidence[];
}
