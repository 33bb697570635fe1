import { describe, expect, it } from 'vitest';
import type { TRequestDetail, TRequestMessage } from '@focal/shared';
import { requestTimeline, subjectAbout } from './timeline';

const event = (action: string, at: string): TRequestDetail['events'][number] => ({ at, action, fromState: null, toState: action, actor: null, country: 'FR', note: '' });
const message = (id: string, date: string): TRequestMessage => ({
  id,
  threadId: id,
  subject: `Subject ${id}`,
  sender: { id: 'u1', name: 'Lukas Meier', nameLatin: 'Lukas Meier', country: 'CH' },
  date,
  role: 'to',
  unread: false,
  inReplyTo: null,
});

describe('the request timeline', () => {
  it('interleaves steps and messages, newest first', () => {
    const items = requestTimeline(
      [event('create', '2026-03-01T08:00:00.000Z'), event('send', '2026-03-01T09:00:00.000Z'), event('answer', '2026-03-03T10:00:00.000Z')],
      [message('m1', '2026-03-02T12:00:00.000Z'), message('m2', '2026-03-04T07:00:00.000Z')],
    );
    expect(items.map((i) => (i.kind === 'event' ? i.event.action : i.message.id))).toEqual(['m2', 'answer', 'm1', 'send', 'create']);
  });

  it('puts a message written at the same moment as a step above it, and keeps the server’s order within each kind', () => {
    const at = '2026-03-01T09:00:00.000Z';
    const items = requestTimeline([event('send', at), event('acknowledge', at)], [message('a', at), message('b', at)]);
    expect(items.map((i) => (i.kind === 'event' ? i.event.action : i.message.id))).toEqual(['b', 'a', 'acknowledge', 'send']);
  });

  it('is just the steps when there is no message', () => {
    expect(requestTimeline([event('create', '2026-03-01T08:00:00.000Z')], []).map((i) => i.kind)).toEqual(['event']);
  });
});

describe('a message about a request', () => {
  it('starts with the request’s reference and title as its subject, within the subject’s limit', () => {
    expect(subjectAbout({ reference: 'RA-2026-FR-0007', title: 'Freeze the account' })).toBe('RA-2026-FR-0007 · Freeze the account');
    expect(subjectAbout({ reference: 'RA-2026-FR-0007', title: 'x'.repeat(600) })).toHaveLength(500);
  });
});
