import type { TEntitySearchResult, TMatchAccessRequest, TMatchItem } from '@focal/shared';

/** A pair the reader can see both sides of. */
export type MatchPair = Extract<TMatchItem, { kind: 'match' }>;
/** A bare hit: only the lead country of the case holding the other side is told. */
export type MatchHit = Extract<TMatchItem, { kind: 'hit' }>;
export type HitCount = TEntitySearchResult['hits'][number];

/** The matcher's score (0 to 1) as a whole percentage; rounded down, so only 1 reads as 100 %. */
export function scorePercent(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(100, Math.max(0, Math.floor(score * 100 + 1e-9)));
}

/** "87%", "87 %" (French): the score in the reader's language. */
export function formatScore(score: number, lang: string): string {
  const value = scorePercent(score) / 100;
  try {
    return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${Math.round(value * 100)}%`;
  }
}

export type ScoreBand = 'strong' | 'possible' | 'weak';

/**
 * How strongly a score suggests the same subject, for colour: the matcher's own verdict
 * (`isMatch`) when it gave one, else the score alone.
 */
export function scoreBand(score: number, isMatch?: boolean): ScoreBand {
  if (score >= 0.9 && isMatch !== false) return 'strong';
  if (isMatch ?? score >= 0.6) return 'possible';
  return 'weak';
}

export const SCORE_COLOR: Record<ScoreBand, string> = { strong: 'teal', possible: 'yellow', weak: 'gray' };

/** A hit can be asked about when no request is pending (a refused one may be asked again). */
export function canAskAccess(hit: Pick<MatchHit, 'accessRequest'>): boolean {
  return hit.accessRequest === null || hit.accessRequest === 'refused';
}

const HIT_ORDER = { none: 0, refused: 1, pending: 2, granted: 3 } as const;

/**
 * The review queue in two piles: pairs to judge (best score first) and hits (those I can still
 * ask about first). A judged pair (the server leaves them out of the queue) is not shown again.
 */
export function splitQueue(items: readonly TMatchItem[]): { review: MatchPair[]; hits: MatchHit[] } {
  const review = items.filter((i): i is MatchPair => i.kind === 'match' && i.verdict === null).sort((a, b) => b.score - a.score);
  const hits = items
    .filter((i): i is MatchHit => i.kind === 'hit')
    .sort((a, b) => HIT_ORDER[a.accessRequest ?? 'none'] - HIT_ORDER[b.accessRequest ?? 'none'] || a.entity.caption.localeCompare(b.entity.caption));
  return { review, hits };
}

const byPendingThenNewest = (a: TMatchAccessRequest, b: TMatchAccessRequest) =>
  Number(b.status === 'pending') - Number(a.status === 'pending') || b.createdAt.localeCompare(a.createdAt);

/** Requests for access I decide (as lead of the hidden entity's case) and those I made. */
export function splitAccessRequests(items: readonly TMatchAccessRequest[], meId: string | undefined): { toDecide: TMatchAccessRequest[]; mine: TMatchAccessRequest[] } {
  return {
    toDecide: items.filter((r) => r.requester.id !== meId).sort(byPendingThenNewest),
    mine: items.filter((r) => r.requester.id === meId).sort(byPendingThenNewest),
  };
}

/**
 * What waits on me (the navigation badge): pairs to judge, hits I have not asked about yet,
 * and requests for access I must decide.
 */
export function workCount(queue: readonly TMatchItem[] | undefined, requests: readonly TMatchAccessRequest[] | undefined): number {
  const { review, hits } = splitQueue(queue ?? []);
  return review.length + hits.filter(canAskAccess).length + (requests ?? []).filter((r) => r.canDecide).length;
}

/**
 * "Nigeria (1), Kenya (2)" in the reader's language: most hits first, then by country name.
 */
export function hitsSummary(hits: readonly HitCount[], nameOf: (code: string) => string, lang: string): string {
  const collator = new Intl.Collator(lang);
  const number = new Intl.NumberFormat(lang);
  const parts = [...hits]
    .filter((h) => h.count > 0)
    .map((h) => ({ name: nameOf(h.leadCountry) || h.leadCountry, count: h.count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.name, b.name))
    .map((h) => `${h.name} (${number.format(h.count)})`);
  try {
    return new Intl.ListFormat(lang, { style: 'long', type: 'unit' }).format(parts);
  } catch {
    return parts.join(', ');
  }
}

/**
 * A pair with the reader's own side first. When the reader may see both entities (a member of
 * one case, granted sight of the other) the queue's order is arbitrary: the side in a case they
 * are a member of is theirs.
 */
export function orientPair(item: MatchPair, memberCaseIds: ReadonlySet<string> | null): MatchPair {
  if (memberCaseIds && !memberCaseIds.has(item.entity.caseId) && memberCaseIds.has(item.other.caseId)) return { ...item, entity: item.other, other: item.entity };
  return item;
}

/** Where an entity opens: its case's entity drawer. */
export function caseEntityPath(caseId: string, entityId: string): string {
  return `/cases/${encodeURIComponent(caseId)}/entities?entity=${encodeURIComponent(entityId)}`;
}

/**
 * The link for an entity I may see: in its case when I am a member there, else the small
 * shared-entity view (an entity seen through a granted request for access). While my cases are
 * not known yet, the shared view, which shows members too.
 */
export function entityLink(entity: { id: string; caseId: string }, memberCaseIds: ReadonlySet<string> | null): { to: string; inCase: boolean } {
  if (memberCaseIds?.has(entity.caseId)) return { to: caseEntityPath(entity.caseId, entity.id), inCase: true };
  return { to: `/shared-entities/${encodeURIComponent(entity.id)}`, inCase: false };
}

export interface CrossRefProgress {
  /** The most entities seen waiting since the count was last zero. */
  peak: number;
  /** Done so far, 0 to 100. */
  percent: number;
}

/**
 * Progress of cross-referencing from successive "N entities still queued" answers: the server
 * tells only what is left, so the first and largest count seen is taken as the whole.
 */
export function crossRefProgress(previousPeak: number, pending: number): CrossRefProgress {
  if (pending <= 0) return { peak: 0, percent: 100 };
  const peak = Math.max(previousPeak, pending);
  return { peak, percent: Math.round(((peak - pending) / peak) * 100) };
}

export const REASON_MIN = 3;
export const REASON_MAX = 2000;

/** The reason for a request for access, checked as the server does (3 to 2,000 characters, trimmed). */
export function reasonProblem(reason: string): 'tooShort' | 'tooLong' | null {
  const length = reason.trim().length;
  if (length < REASON_MIN) return 'tooShort';
  if (length > REASON_MAX) return 'tooLong';
  return null;
}

/**
 * Schemata the server's matcher compares (parties, and the accounts and wallets that identify
 * them): the same list as the server's MATCHABLE_SCHEMATA, which the shared contract does not
 * export. Other entities have no possible matches to show.
 */
const MATCHABLE_SCHEMATA = new Set(['Person', 'Company', 'Organization', 'LegalEntity', 'BankAccount', 'CryptoWallet', 'Vessel', 'Airplane', 'Security']);
export const isMatchable = (schema: string) => MATCHABLE_SCHEMATA.has(schema);
