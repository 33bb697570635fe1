import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe, useRevokeSession, useSessions } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { Loading } from '../../components/Loading';
import { describeUserAgent } from './userAgent';

export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const tz = me?.timeZone;

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={2} size="h3">
          {t('sessions.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('sessions.intro')}
        </Text>
        {sessions.isLoading ? (
          <Loading />
        ) : sessions.isError ? (
          <ErrorAlert error={sessions.error} />
        ) : (sessions.data ?? []).length === 0 ? (
          <EmptyMessage title={t('sessions.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="sessions-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('sessions.device')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.ip')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.started')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.lastSeen')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(sessions.data ?? []).map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" title={s.userAgent ?? undefined}>
                        {describeUserAgent(s.userAgent) ?? t('sessions.unknownDevice')}
                      </Text>
                      {s.current ? (
                        <Badge size="sm" color="teal" variant="light">
                          {t('sessions.current')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td dir="ltr">{s.ip ?? '—'}</Table.Td>
                    <Table.Td>{formatDateTime(s.createdAt, i18n.language, tz)}</Table.Td>
                    <Table.Td>{formatDateTime(s.lastSeenAt, i18n.language, tz)}</Table.Td>
                    <Table.Td ta="end">
                      {s.current ? null : (
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          title={t('sessions.revokeTitle')}
                          message={t('sessions.revokeMessage')}
                          confirmLabel={t('sessions.revoke')}
                          onConfirm={() => revoke.mutateAsync(s.id)}
                        >
                          {t('sessions.revoke')}
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
