// Entity matching: names in any script, companies and their legal forms, birth dates,
// countries and identifiers, scored with a readable explanation; blocking keys for indexes.
export type {
  AlignedPart,
  CodedEvidence,
  Evidence,
  EvidenceCode,
  EvidenceEffect,
  EvidenceKind,
  IdentifierKind,
  MatchEntity,
  MatchIdentifier,
  MatchResult,
  EvidenceParams,
  PartAgreement,
} from './types.js';
export { EVIDENCE_CODES } from './types.js';
export { EVIDENCE_WEIGHTS, MATCH_THRESHOLD, scoreEntities, scorePrepared } from './score.js';
export { scoreCeiling } from './ceiling.js';
export { entityKind, prepareEntity, type EntityKind, type PreparedEntity, type PreparedName } from './prepare.js';
export { blockingKeys, blockingRecall, shareBlockingKey } from './blocking.js';
export { normalizeIdentifier } from './identifiers.js';
export { compareDates, parsePartialDate, type DateAgreement, type PartialDate } from './dates.js';
export { parsePairsTsv, PairsFileError, type EntityPair } from './pairs-tsv.js';
export { evaluateMatching, scorePairs, type KindAccuracy, type MatchingEvaluation, type ScoredPair } from './evaluate.js';
export { transliterateWord } from './transliterate.js';
export { looseKey, consonantSkeleton } from './keys.js';
