import type { QueryClient } from '@tanstack/react-query';
import { meetingKeys } from './keys';

/**
 * The server says a meeting changed, someone was invited or taken off, or a notice arrived:
 * refresh what may show it. Events carry ids only; the pages fetch what they may see.
 */
export function onMeetingEvent(client: QueryClient, data: string): void {
  let meetingId: string | undefined;
  try {
    meetingId = (JSON.parse(data) as { meetingId?: string }).meetingId;
  } catch {
    meetingId = undefined;
  }
  void client.invalidateQueries({ queryKey: meetingKeys.counts });
  void client.invalidateQueries({ queryKey: meetingKeys.notices });
  void client.invalidateQueries({ queryKey: ['meetings', 'list'] });
  void client.invalidateQueries({ queryKey: meetingKeys.actions });
  if (meetingId) void client.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
}
