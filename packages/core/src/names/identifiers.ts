import type { IdentifierKind, MatchIdentifier } from './types.js';

const KIND_NAMES: Record<IdentifierKind, string> = {
  iban: 'IBAN',
  registration: 'registration number',
  tax: 'tax number',
  passport: 'passport number',
  crypto: 'crypto address',
  lei: 'LEI',
  bic: 'SWIFT/BIC code',
  account: 'account number',
};

export function identifierKindName(kind: IdentifierKind): string {
  return KIND_NAMES[kind];
}

/**
 * Identifier in comparable form: spacing, dashes, dots and case removed. Crypto addresses keep
 * their case (Base58 addresses are case-sensitive) except hexadecimal and bech32 ones.
 */
export function normalizeIdentifier(identifier: MatchIdentifier): string {
  const compact = identifier.value.replace(/[\s\-./:]/g, '');
  if (identifier.kind !== 'crypto') return compact.toUpperCase();
  return /^(0x|bc1|ltc1|tb1)/i.test(compact) ? compact.toLowerCase() : compact;
}

/** A SWIFT/BIC without its optional branch code "XXX" names the same institution. */
function comparableValue(kind: IdentifierKind, value: string): string {
  return kind === 'bic' && value.length === 11 && value.endsWith('XXX') ? value.slice(0, 8) : value;
}

export interface IdentifierComparison {
  equal: { kind: IdentifierKind; value: string }[];
  conflicting: { kind: IdentifierKind; a: string; b: string }[];
}

export function compareIdentifiers(a: readonly MatchIdentifier[], b: readonly MatchIdentifier[]): IdentifierComparison {
  const result: IdentifierComparison = { equal: [], conflicting: [] };
  const byKind = (list: readonly MatchIdentifier[]) => {
    const map = new Map<IdentifierKind, Set<string>>();
    for (const identifier of list) {
      const value = comparableValue(identifier.kind, normalizeIdentifier(identifier));
      if (!value) continue;
      if (!map.has(identifier.kind)) map.set(identifier.kind, new Set());
      map.get(identifier.kind)?.add(value);
    }
    return map;
  };
  const mapA = byKind(a);
  const mapB = byKind(b);
  for (const [kind, valuesA] of mapA) {
    const valuesB = mapB.get(kind);
    if (!valuesB) continue;
    const shared = [...valuesA].filter((value) => valuesB.has(value));
    if (shared.length > 0) for (const value of shared) result.equal.push({ kind, value });
    else result.conflicting.push({ kind, a: [...valuesA].join(', '), b: [...valuesB].join(', ') });
  }
  return result;
}
