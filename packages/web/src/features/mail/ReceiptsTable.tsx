import { Badge, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { TReceipt } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { TableHeader } from '../../components/TableHeader';
import { formatDateTime } from '../../components/format';
import { useCountryNames } from '../../components/useReference';
import { personName } from './format';

/** For the sender: who opened the message and who acknowledged it, updated live. */
export function ReceiptsTable({ receipts }: { receipts: TReceipt[] }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const countries = useCountryNames();
  const when = (iso: string | null) => formatDateTime(iso, i18n.language, me?.timeZone);
  return (
    <section aria-labelledby="message-receipts">
      <Title order={2} size="h4" mb="xs" id="message-receipts">
        {t('mail.receipts.title')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" striped data-testid="receipts" fz="sm">
          <VisuallyHidden component="caption">{t('mail.receipts.title')}</VisuallyHidden>
          <TableHeader columns={[t('mail.receipts.person'), t('fields.country'), t('mail.receipts.opened'), t('mail.receipts.acknowledged'), t('mail.receipts.reminders')]} />
          <Table.Tbody>
            {receipts.map((r) => (
              <Table.Tr key={`${r.person.id}-${r.role}`} data-testid="receipt-row" data-person={r.person.nameLatin}>
                <Table.Td>
                  {personName(r.person)}
                  {r.role === 'cc' ? (
                    <Badge size="xs" variant="outline" ms={6}>
                      {t('mail.fields.cc')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{countries.nameOf(r.person.country)}</Table.Td>
                <Table.Td data-testid="receipt-opened" data-at={r.openedAt ?? ''}>
                  {r.openedAt ? when(r.openedAt) : <Text span c="dimmed" size="sm">{t('mail.receipts.notYet')}</Text>}
                </Table.Td>
                <Table.Td data-testid="receipt-acknowledged" data-at={r.acknowledgedAt ?? ''}>
                  {r.acknowledgedAt ? (
                    when(r.acknowledgedAt)
                  ) : r.ackRequired ? (
                    <Text span c="orange.8" size="sm">{t('mail.receipts.awaited')}</Text>
                  ) : (
                    <Text span c="dimmed" size="sm">{t('mail.receipts.notRequired')}</Text>
                  )}
                </Table.Td>
                <Table.Td>{r.remindersSent}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
