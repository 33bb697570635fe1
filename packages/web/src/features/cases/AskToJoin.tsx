import { Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TCaseStub } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAskToJoin } from './api';

/** Ask the case's lead to be made a member, with a reason; or show that the request is pending. */
export function AskToJoin({ stub, size = 'sm' }: { stub: Pick<TCaseStub, 'id' | 'reference' | 'joinRequested'>; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const ask = useAskToJoin();

  if (stub.joinRequested) {
    return (
      <Badge color="yellow" variant="light" size={size === 'md' ? 'lg' : 'md'} data-testid="join-pending">
        {t('cases.join.pending')}
      </Badge>
    );
  }

  const submit = async () => {
    try {
      await ask.mutateAsync({ caseId: stub.id, reason: reason.trim() });
      notifications.show({ color: 'teal', message: t('cases.join.sent', { reference: stub.reference }) });
      setOpened(false);
      setReason('');
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <>
      <Button size={size} variant="light" onClick={() => setOpened(true)} data-testid="join-ask">
        {t('cases.join.ask')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('cases.join.title', { reference: stub.reference })} centered>
        <Stack>
          <Text size="sm">{t('cases.join.help')}</Text>
          <Textarea
            label={t('cases.join.reason')}
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            dir="auto"
            data-testid="join-reason"
          />
          <ErrorAlert error={ask.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void submit()} loading={ask.isPending} data-testid="join-submit">
              {t('cases.join.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
