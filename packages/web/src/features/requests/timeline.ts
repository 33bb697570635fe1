import type { TRequestDetail, TRequestMessage } from '@focal/shared';

export type RequestTimelineItem = { kind: 'event'; at: string; event: TRequestDetail['events'][number] } | { kind: 'message'; at: string; message: TRequestMessage };

/**
 * A request's history with the messages about it that the reader holds, newest first. At the
 * same instant a message comes after (reads below) the step it accompanies.
 */
export function requestTimeline(events: TRequestDetail['events'], messages: readonly TRequestMessage[]): RequestTimelineItem[] {
  const items: RequestTimelineItem[] = [
    ...events.map((event) => ({ kind: 'event' as const, at: event.at, event })),
    ...messages.map((message) => ({ kind: 'message' as const, at: message.date, message })),
  ];
  const rank = { event: 0, message: 1 } as const;
  // Stable sort by time then kind, then reversed: the server's order holds within each kind.
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => Date.parse(a.item.at) - Date.parse(b.item.at) || rank[a.item.kind] - rank[b.item.kind] || a.index - b.index)
    .map(({ item }) => item)
    .reverse();
}

/** The subject a message about a request starts with: its reference and title (the writer may change it). */
export function subjectAbout(request: Pick<TRequestDetail, 'reference' | 'title'>): string {
  return `${request.reference} · ${request.title}`.slice(0, 500);
}
