import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import i18n from '../../i18n';
import { invalidateMailbox } from './api';

interface MailEvent {
  type: 'mail';
  reason: 'received' | 'changed' | 'receipt' | 'consent' | 'reminder';
  messageId?: string;
}

function parse(data: string): MailEvent | null {
  try {
    const event = JSON.parse(data) as Partial<MailEvent>;
    return event && typeof event.reason === 'string' ? (event as MailEvent) : null;
  } catch {
    return null;
  }
}

/**
 * The server says the mailbox changed: refresh the lists, counts and open message. A new
 * message is announced without any of its content (the notice may be seen over a shoulder).
 */
export function onMailEvent(client: QueryClient, data: string): void {
  const event = parse(data);
  if (!event) return;
  void invalidateMailbox(client);
  if (event.reason === 'received') {
    notifications.show({
      id: `mail-received-${event.messageId ?? Date.now()}`,
      color: 'focal',
      title: i18n.t('mail.notify.newTitle'),
      message: i18n.t('mail.notify.newBody'),
      autoClose: 8000,
    });
  }
}
