import { Alert, Anchor, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useMe } from '../../api/hooks';
import { MY_CALENDAR_URL, useCreateFeed, useFeedStatus, useRevokeFeed } from './api';

/**
 * The person's whole calendar: a download for this session, or a subscription address for a
 * calendar application (a secret in the address, shown once, replaceable and revocable).
 */
export function CalendarDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const status = useFeedStatus(opened);
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const [url, setUrl] = useState<string | null>(null);
  const close = () => {
    setUrl(null);
    onClose();
  };
  const make = async () => {
    const created = await create.mutateAsync();
    setUrl(created.url ?? null);
  };
  const active = status.data?.active ?? false;
  return (
    <Modal opened={opened} onClose={close} title={t('meetings.calendar.title')} size="lg" centered>
      <Stack gap="md" data-testid="calendar-dialog">
        <div>
          <Anchor href={MY_CALENDAR_URL} download data-testid="calendar-download">
            {t('meetings.calendar.download')}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('meetings.calendar.downloadHelp')}
          </Text>
        </div>
        <div>
          <Title order={3} size="h5">
            {t('meetings.calendar.subscribe')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('meetings.calendar.subscribeHelp')}
          </Text>
        </div>
        {url ? (
          <Stack gap="xs">
            <Alert color="orange" variant="light">
              {t('meetings.calendar.warning')}
            </Alert>
            <CopyField value={url} label={t('meetings.calendar.copy')} testId="calendar-feed-url" />
          </Stack>
        ) : (
          <Text size="sm" data-testid="calendar-feed-status">
            {active
              ? t('meetings.calendar.active', { date: formatDateTime(status.data?.createdAt, i18n.language, me?.timeZone) })
              : t('meetings.calendar.none')}
            {active && status.data?.lastUsedAt ? ` ${t('meetings.calendar.lastUsed', { date: formatDateTime(status.data.lastUsedAt, i18n.language, me?.timeZone) })}` : ''}
          </Text>
        )}
        <ErrorAlert error={create.error ?? revoke.error} />
        <Group>
          <Button onClick={() => void make()} loading={create.isPending} variant={active ? 'default' : 'filled'} data-testid="calendar-feed-create">
            {active ? t('meetings.calendar.rotate') : t('meetings.calendar.create')}
          </Button>
          {active ? (
            <Button
              color="red"
              variant="light"
              loading={revoke.isPending}
              onClick={() => {
                setUrl(null);
                revoke.mutate();
              }}
              data-testid="calendar-feed-revoke"
            >
              {t('meetings.calendar.revoke')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}
