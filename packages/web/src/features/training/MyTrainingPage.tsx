import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { formatCertificateCode } from '@focal/shared';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { certificatePdfUrl, useMarkNoticesRead, useMyTraining } from './api';
import { Days, NominationBadge, TrainingTabs } from './parts';

/** "My training": the person's nominations and seats, their certificates, and what changed. */
export default function MyTrainingPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('training.tabs.mine'));
  const mine = useMyTraining();
  const markRead = useMarkNoticesRead();
  const notices = mine.data?.notices ?? [];
  const nominations = mine.data?.nominations ?? [];
  const unread = notices.filter((n) => !n.read).length;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('training.title')}</Title>
        <Text c="dimmed">{t('training.mine.intro')}</Text>
      </div>
      <TrainingTabs />
      <QueryState query={mine}>
        {notices.length ? (
          <Paper withBorder p="md" radius="md" data-testid="training-notices">
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">
                {t('training.mine.notices')}
              </Title>
              {unread ? (
                <Button size="xs" variant="subtle" loading={markRead.isPending} onClick={() => markRead.mutate()} data-testid="training-notices-read">
                  {t('training.mine.markRead')}
                </Button>
              ) : null}
            </Group>
            <Stack gap={6}>
              {notices.slice(0, 10).map((n) => (
                <Group key={n.id} gap="xs" wrap="nowrap" data-testid="training-notice" data-kind={n.kind}>
                  {n.read ? null : (
                    <Badge size="xs" color="red" variant="filled">
                      {t('training.mine.new')}
                    </Badge>
                  )}
                  <Text size="sm">
                    {t(`training.notices.${n.kind}`)}{' '}
                    <Anchor component={Link} to={`/training/workshops/${n.workshopId}`} dir="auto">
                      {n.workshopTitle}
                    </Anchor>
                  </Text>
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    {formatDateTime(n.at, i18n.language)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Paper>
        ) : null}
        {nominations.length === 0 ? (
          <EmptyMessage title={t('training.mine.none')}>{t('training.mine.noneHelp')}</EmptyMessage>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="sm" data-testid="my-training-table">
              <VisuallyHidden component="caption">{t('training.tabs.mine')}</VisuallyHidden>
              <TableHeader columns={[t('training.fields.title'), t('training.fields.dates'), t('training.nominate.status'), t('training.certificates.certificate')]} />
              <Table.Tbody>
                {nominations.map((n) => (
                  <Table.Tr key={n.id} data-testid="my-training-row" data-workshop={n.workshop.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/training/workshops/${n.workshop.id}`} dir="auto" fw={600}>
                        {n.workshop.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Days from={n.workshop.startsOn} to={n.workshop.endsOn} />
                    </Table.Td>
                    <Table.Td>
                      <NominationBadge status={n.status} position={n.waitlistPosition} />
                    </Table.Td>
                    <Table.Td>
                      {n.certificate ? (
                        n.certificate.revokedAt ? (
                          <Badge color="red">{t('training.certificates.revoked')}</Badge>
                        ) : (
                          <Stack gap={2}>
                            <Anchor href={certificatePdfUrl(n.certificate.id)} download data-testid="my-certificate-download">
                              {t('training.certificates.download')}
                            </Anchor>
                            <Text size="xs" c="dimmed">
                              {t('training.certificates.codeLabel')}{' '}
                              <Anchor component={Link} to={`/verify/${n.certificate.code}`} ff="monospace" data-testid="my-certificate-code">
                                {formatCertificateCode(n.certificate.code)}
                              </Anchor>
                            </Text>
                          </Stack>
                        )
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('training.certificates.none')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
