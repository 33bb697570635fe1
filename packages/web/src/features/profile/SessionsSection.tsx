import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useMe, useRevokeSession, useSessions } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyMessage } from '../../components/EmptyMessage';
import { formatDateTime } from '../../components/format';
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
        <QueryState query={sessions} isEmpty={(sessions.data ?? []).length === 0} empty={<EmptyMessage title={t('sessions.empty')} />}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="sessions-table">
              <TableHeader columns={[t('sessions.device'), t('sessions.ip'), t('sessions.started'), t('sessions.lastSeen')]} actions />
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
        </QueryState>
      </Stack>
    </Paper>
  );
}
