import { bestAssignment } from './align.js';
import { compareTokens, type ComparisonContext, type TokenComparison } from './similarity.js';
import type { NameToken, TokenRole } from './token.js';
import type { AlignedPart } from './types.js';

// Scores two token lists. The list with fewer parts must be covered by the other: each of its
// parts contributes its similarity to its partner. Parts only the longer list has cost a little
// (a middle name, a patronymic, a second surname), but a part of the shorter list left without
// partner means both names have a part the other lacks, which is how relatives differ
// ("Rami Makhlouf" / "Hafez Makhlouf"), so it costs a lot on top of contributing nothing.

export interface NameComparison {
  score: number;
  parts: AlignedPart[];
  unmatchedA: string[];
  unmatchedB: string[];
}

const PERSON = {
  minimumSimilarity: 0.7,
  extraPart: 0.04,
  extraMinorPart: 0.015,
  conflict: 0.12,
  /** A single part shared with a longer name ("Suharto" / "Tommy Suharto") does not identify a person. */
  mononymCap: 0.72,
};
const COMPANY = {
  minimumSimilarity: 0.8,
  extraPart: 0.3,
  extraWeakPart: 0.05,
  conflict: 0.12,
};

const JOINED_MINIMUM = 0.85;

const weight = (role: TokenRole): number => (role === 'initial' || role === 'patronymic' ? 0.5 : role === 'weak' ? 0.3 : 1);

type Memo = Map<NameToken, Map<NameToken, TokenComparison>>;

function compareMemo(a: NameToken, b: NameToken, context: ComparisonContext, memo: Memo): TokenComparison {
  let row = memo.get(a);
  if (!row) memo.set(a, (row = new Map()));
  let result = row.get(b);
  if (!result) {
    result = compareTokens(a, b, context);
    // Patronymics only meet patronymics or initials: "Arkadyevich" is not "Arkady".
    if ((a.role === 'patronymic') !== (b.role === 'patronymic') && a.role !== 'initial' && b.role !== 'initial') result = { similarity: 0, agreement: 'similar' };
    // Joined parts exist to meet the same name written as one word; a loose resemblance of a
    // joined part ("Prado Mejia" / "Prado") would swallow a differing part.
    if ((a.joined || b.joined) && result.similarity < JOINED_MINIMUM) result = { similarity: 0, agreement: 'similar' };
    row.set(b, result);
  }
  return result;
}

/** How two token lists align: the score, and the aligned pairs of the similarity matrix. */
interface Alignment {
  score: number;
  pairs: [number, number][];
  matrix: TokenComparison[][];
}

const weightOf = (tokens: NameToken[]) => tokens.reduce((sum, token) => sum + weight(token.role), 0);

function alignTokenLists(a: NameToken[], b: NameToken[], context: ComparisonContext, memo: Memo): Alignment {
  const matrix = a.map((tokenA) => b.map((tokenB) => compareMemo(tokenA, tokenB, context, memo)));
  const settings = context.company ? COMPANY : PERSON;
  const pairs = bestAssignment(
    matrix.map((row) => row.map((cell) => cell.similarity)),
    settings.minimumSimilarity,
  );
  const alignedA = new Set(pairs.map(([i]) => i));
  const alignedB = new Set(pairs.map(([, j]) => j));
  // The side with fewer parts is covered by the other; on a tie, the one with more initials.
  const aIsShorter = context.company || a.length === b.length ? weightOf(a) <= weightOf(b) : a.length < b.length;
  const shorter = aIsShorter ? a : b;
  const longer = aIsShorter ? b : a;
  const alignedShorter = aIsShorter ? alignedA : alignedB;
  const alignedLonger = aIsShorter ? alignedB : alignedA;

  let covered = 0;
  for (const [i, j] of pairs) {
    const token = aIsShorter ? a[i] : b[j];
    covered += (matrix[i]?.[j]?.similarity ?? 0) * weight(token?.role ?? 'name');
  }
  let score = covered / Math.max(weightOf(shorter), 1e-9);
  const unalignedShorter = shorter.filter((token, index) => !alignedShorter.has(index) && token.role !== 'initial');
  const unalignedLonger = longer.filter((_, index) => !alignedLonger.has(index));
  score -= settings.conflict * unalignedShorter.length;
  for (const token of unalignedLonger) {
    if (context.company) score -= token.role === 'weak' ? COMPANY.extraWeakPart : COMPANY.extraPart;
    else score -= token.role === 'name' ? PERSON.extraPart : PERSON.extraMinorPart;
  }
  if (!context.company) {
    const substantial = (tokens: NameToken[]) => tokens.filter((token) => token.role === 'name').length;
    if (shorter.length === 1 && substantial(longer) >= 2) score = Math.min(score, PERSON.mononymCap);
  }
  return { score: Math.max(0, Math.min(1, score)), pairs, matrix };
}

/** The aligned and unaligned parts of an alignment, in words for the explanation. */
function describeAlignment(a: NameToken[], b: NameToken[], { score, pairs, matrix }: Alignment): NameComparison {
  const alignedA = new Set(pairs.map(([i]) => i));
  const alignedB = new Set(pairs.map(([, j]) => j));
  const parts: AlignedPart[] = pairs.map(([i, j]) => {
    const tokenA = a[i] as NameToken;
    const tokenB = b[j] as NameToken;
    const cell = matrix[i]?.[j] as TokenComparison;
    return {
      a: tokenA.display,
      b: tokenB.display,
      similarity: round(cell.similarity),
      agreement: cell.agreement,
      transliterated: tokenA.origin !== 'latin' || tokenB.origin !== 'latin',
    };
  });
  return {
    score,
    parts,
    unmatchedA: a.filter((_, index) => !alignedA.has(index)).map((token) => token.display),
    unmatchedB: b.filter((_, index) => !alignedB.has(index)).map((token) => token.display),
  };
}

export function compareTokenLists(a: NameToken[], b: NameToken[], context: ComparisonContext, memo: Memo = new Map()): NameComparison {
  return describeAlignment(a, b, alignTokenLists(a, b, context, memo));
}

/** The best comparison over every pair of variants of two names. */
export function compareVariants(a: NameToken[][], b: NameToken[][], context: ComparisonContext, memo: Memo = new Map()): NameComparison {
  // Variants are compared by score alone; only the best is described (most are not kept).
  let best: { alignment: Alignment; a: NameToken[]; b: NameToken[] } | undefined;
  const isJoined = (variant: NameToken[]) => variant.some((token) => token.joined);
  search: for (const variantA of a) {
    for (const variantB of b) {
      // Joining is for meeting a part written as one word on the other side; joining on both
      // sides would compare whole names and hide a differing part ("Ajay Gupta" / "Atul Gupta").
      if (isJoined(variantA) && isJoined(variantB)) continue;
      const alignment = alignTokenLists(variantA, variantB, context, memo);
      if (!best || alignment.score > best.alignment.score) best = { alignment, a: variantA, b: variantB };
      // Other ways of splitting the names cannot beat a perfect comparison.
      if (best.alignment.score >= 1) break search;
    }
  }
  return best ? describeAlignment(best.a, best.b, best.alignment) : { score: 0, parts: [], unmatchedA: [], unmatchedB: [] };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
