import type { QueryClient } from '@tanstack/react-query';
import { matchingKeys } from '../matching/keys';
import { caseKeys, requestKeys } from './keys';

interface CaseEvent {
  type: 'case';
  reason: 'join_requested' | 'membership' | 'changed' | 'request';
  caseId?: string;
  requestId?: string;
}

function parse(data: string): CaseEvent | null {
  try {
    const event = JSON.parse(data) as Partial<CaseEvent>;
    return event && typeof event.reason === 'string' ? (event as CaseEvent) : null;
  } catch {
    return null;
  }
}

/**
 * The server says a case or a request changed (a join request, a membership decision, a review
 * prompt, a request moving on): refresh what may show it. Events carry ids only.
 */
export function onCaseEvent(client: QueryClient, data: string): void {
  const event = parse(data);
  if (!event) return;
  if (event.reason === 'request') {
    void client.invalidateQueries({ queryKey: requestKeys.all });
    if (event.caseId) {
      void client.invalidateQueries({ queryKey: caseKeys.timeline(event.caseId) });
      void client.invalidateQueries({ queryKey: caseKeys.detail(event.caseId) });
      void client.invalidateQueries({ queryKey: ['cases', 'list'] });
    }
    return;
  }
  // Membership changes what this person may see of the case and its requests; requests for
  // access to matched entities, made or decided, change the lists of matches.
  void client.invalidateQueries({ queryKey: caseKeys.all });
  void client.invalidateQueries({ queryKey: matchingKeys.all });
  if (event.reason === 'membership') void client.invalidateQueries({ queryKey: requestKeys.all });
}
