import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TDraftInput, TMessage, TRecipient } from '@focal/shared';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useBulkAction, useCreateDraft, useWithdraw } from './api';
import { forwardSubject, quoteBody, replyAllRecipients, replySubject } from './format';
import { rememberPeople } from './recipients';

type Start = 'reply' | 'replyAll' | 'forward';

const users = (ids: string[]): TRecipient[] => ids.map((id) => ({ kind: 'user', id }));

/** Reply, reply all, forward (each opens a new draft), archive, delete and, for its sender, withdraw. */
export function MessageActions({ message }: { message: TMessage }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateDraft();
  const bulk = useBulkAction();
  const withdraw = useWithdraw();
  const mine = message.sender.id === me?.id;
  const sent = message.status === 'sent';

  const start = async (kind: Start) => {
    const header = t('mail.quote.header', { date: formatDateTime(message.date, i18n.language, me?.timeZone), name: message.sender.name });
    const body = quoteBody(header, message.body);
    let values: TDraftInput;
    if (kind === 'forward') {
      values = { subject: forwardSubject(message.subject), body, forwardOf: message.id };
    } else {
      let to: TRecipient[];
      let cc: TRecipient[] = [];
      if (kind === 'replyAll') ({ to, cc } = replyAllRecipients(message, me?.id ?? ''));
      else to = mine ? users(message.to.map((p) => p.id)) : users([message.sender.id]);
      values = {
        to,
        cc,
        subject: replySubject(message.subject),
        body,
        inReplyTo: message.id,
        handlingCode: message.handlingCode,
        conditions: message.conditions,
      };
    }
    rememberPeople([message.sender, ...message.to, ...message.cc]);
    try {
      const draft = await create.mutateAsync(values);
      navigate(`/mail/compose/${draft.id}`);
    } catch {
      // Shown below the buttons.
    }
  };

  const move = async (action: 'archive' | 'trash' | 'restore' | 'inbox') => {
    try {
      await bulk.mutateAsync({ ids: [message.id], action });
      notifications.show({ color: 'teal', message: t(`mail.moved.${action}`) });
      navigate(action === 'restore' || action === 'inbox' ? `/mail/message/${message.id}` : `/mail/${message.folder}`);
    } catch {
      // Shown below the buttons.
    }
  };

  return (
    <div>
      <Group gap="xs" wrap="wrap" data-testid="message-actions">
        {sent ? (
          <>
            <Button size="sm" onClick={() => void start('reply')} loading={create.isPending && create.variables?.inReplyTo != null} data-testid="message-reply">
              {t('mail.actions.reply')}
            </Button>
            <Button size="sm" variant="light" onClick={() => void start('replyAll')} data-testid="message-reply-all">
              {t('mail.actions.replyAll')}
            </Button>
            <Button size="sm" variant="light" onClick={() => void start('forward')} loading={create.isPending && create.variables?.forwardOf != null} data-testid="message-forward">
              {t('mail.actions.forward')}
            </Button>
          </>
        ) : null}
        {message.folder === 'inbox' || message.folder === 'sent' ? (
          <Button size="sm" variant="default" onClick={() => void move('archive')} data-testid="message-archive">
            {t('mail.actions.archive')}
          </Button>
        ) : null}
        {message.folder === 'archive' ? (
          <Button size="sm" variant="default" onClick={() => void move('inbox')} data-testid="message-to-inbox">
            {t('mail.bulk.inbox')}
          </Button>
        ) : null}
        {message.folder === 'trash' ? (
          <Button size="sm" variant="default" onClick={() => void move('restore')} data-testid="message-restore">
            {t('mail.bulk.restore')}
          </Button>
        ) : (
          <Button size="sm" variant="default" color="red" onClick={() => void move('trash')} data-testid="message-delete">
            {t('mail.actions.delete')}
          </Button>
        )}
        {mine && message.canWithdraw ? (
          <ConfirmButton
            size="sm"
            variant="outline"
            title={t('mail.withdraw.title')}
            message={t('mail.withdraw.message')}
            confirmLabel={t('mail.withdraw.confirm')}
            onConfirm={() => withdraw.mutateAsync(message.id)}
            data-testid="message-withdraw"
          >
            {t('mail.withdraw.button')}
          </ConfirmButton>
        ) : null}
      </Group>
      <ErrorAlert error={create.error ?? bulk.error} />
    </div>
  );
}
