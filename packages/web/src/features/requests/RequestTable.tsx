import { Anchor, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { TRequestSummary } from '@focal/shared';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TableHeader } from '../../components/TableHeader';
import { HandlingBadge } from '../mail/MessageBadges';
import { CountryTag, ReadingArrow, RequestStateBadge } from '../cases/CaseBadges';
import { DeadlineInfo, useNow } from './Deadline';

/** Requests with who asks whom, their state and the time left to answer. */
export function RequestTable({ items, caption, showCase = true }: { items: TRequestSummary[]; caption: string; showCase?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const columns = [
    t('requests.fields.reference'),
    t('requests.fields.title'),
    t('requests.fields.type'),
    t('requests.fields.fromTo'),
    t('requests.fields.state'),
    t('requests.fields.deadline'),
    ...(showCase ? [t('requests.fields.case')] : []),
  ];
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="requests-table">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <TableHeader columns={columns} />
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id} data-testid="request-row" data-id={r.id} data-reference={r.reference} data-state={r.state} data-overdue={String(r.overdue)}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/requests/${r.id}`} fw={600} ff="monospace" data-testid="request-row-link">
                  {r.reference}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ minWidth: 200 }}>
                <Group gap={6} wrap="nowrap">
                  <HandlingBadge code={r.handlingCode} size="xs" />
                  <Text size="sm" dir="auto" lineClamp={2}>
                    {r.title}
                  </Text>
                </Group>
                {r.urgency !== 'standard' ? (
                  <Text size="xs" c="red.8" fw={600}>
                    {t(`requests.urgency.${r.urgency}`)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm">{t(`requests.types.${r.type}`)}</Text>
                  <Text size="xs" c="dimmed">
                    {r.legalBasis}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <CountryTag code={r.fromCountry} withName={false} />
                  <ReadingArrow />
                  <VisuallyHidden>{t('requests.fields.to')}</VisuallyHidden>
                  <CountryTag code={r.toCountry} withName={false} />
                </Group>
              </Table.Td>
              <Table.Td>
                <RequestStateBadge state={r.state} />
              </Table.Td>
              <Table.Td>
                <DeadlineInfo request={r} now={now} compact />
              </Table.Td>
              {showCase ? (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {r.caseId && r.caseReference ? (
                    <Anchor component={Link} to={`/cases/${r.caseId}`} size="sm" ff="monospace">
                      {r.caseReference}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('requests.noCase')}
                    </Text>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
