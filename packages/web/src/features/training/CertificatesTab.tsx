import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { formatCertificateCode, type TCertificateIssueResult, type TNomination, type TWorkshopDetail } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableHeader } from '../../components/TableHeader';
import { certificatePdfUrl, useIssueCertificates, useRevokeCertificate } from './api';

function RevokeButton({ nomination }: { nomination: TNomination }) {
  const { t } = useTranslation();
  const revoke = useRevokeCertificate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const certificate = nomination.certificate!;
  return (
    <>
      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setOpen(true)} data-testid="certificate-revoke">
        {t('training.certificates.revoke')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('training.certificates.revokeTitle', { name: nomination.person.name })} centered>
        <Stack>
          <Text size="sm">{t('training.certificates.revokeHelp')}</Text>
          <Textarea label={t('training.certificates.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required maxLength={1000} autosize minRows={2} data-testid="certificate-revoke-reason" />
          <ErrorAlert error={revoke.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={!reason.trim()}
              loading={revoke.isPending}
              onClick={() => revoke.mutate({ certificateId: certificate.id, reason: reason.trim() }, { onSuccess: () => setOpen(false) })}
              data-testid="certificate-revoke-confirm"
            >
              {t('training.certificates.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Certificates: who earned one (the attendance rule), issuing them, downloading and revoking. */
export function CertificatesTab({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const issue = useIssueCertificates(workshop.id);
  const [result, setResult] = useState<TCertificateIssueResult | null>(null);
  const participants = workshop.nominations.filter((n) => n.status === 'confirmed' || n.certificate);
  const waiting = participants.filter((n) => n.eligible && (!n.certificate || n.certificate.revokedAt)).length;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('training.certificates.rule', { required: workshop.attendanceRequired, total: workshop.sessions.length })}
      </Text>
      <Group>
        <Button disabled={waiting === 0} loading={issue.isPending} onClick={() => issue.mutate(undefined, { onSuccess: setResult })} data-testid="certificates-issue">
          {t('training.certificates.issueAll', { n: waiting })}
        </Button>
      </Group>
      {result ? (
        <Alert color={result.issued ? 'green' : 'gray'} variant="light" data-testid="certificates-result">
          {t('training.certificates.issued', { n: result.issued })}
        </Alert>
      ) : null}
      <ErrorAlert error={issue.error} />
      {participants.length === 0 ? (
        <EmptyMessage title={t('training.attendance.nobody')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="sm" data-testid="certificates-table">
            <VisuallyHidden component="caption">{t('training.tabs.certificates')}</VisuallyHidden>
            <TableHeader columns={[t('training.nominate.person'), t('training.attendance.attended'), t('training.certificates.certificate')]} actions />
            <Table.Tbody>
              {participants.map((n) => (
                <Table.Tr key={n.id} data-testid="certificate-row" data-user={n.person.id}>
                  <Table.Td>
                    <Text size="sm" dir="auto" fw={600}>
                      {n.person.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={n.eligible ? 'green' : 'gray'} variant="light">
                      {t('training.attendance.count', { attended: n.attended, total: workshop.sessions.length })}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {n.certificate ? (
                      <Stack gap={2}>
                        <Group gap="xs">
                          <Text size="sm" ff="monospace" data-testid="certificate-code">
                            {formatCertificateCode(n.certificate.code)}
                          </Text>
                          {n.certificate.revokedAt ? (
                            <Badge color="red" data-testid="certificate-revoked">
                              {t('training.certificates.revoked')}
                            </Badge>
                          ) : (
                            <Badge color="green">{t('training.certificates.valid')}</Badge>
                          )}
                        </Group>
                        {n.certificate.revokeReason ? (
                          <Text size="xs" c="dimmed" dir="auto">
                            {n.certificate.revokeReason}
                          </Text>
                        ) : null}
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {n.eligible ? t('training.certificates.notYetIssued') : t('training.certificates.notEligible')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="end">
                    {n.certificate ? (
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Anchor href={certificatePdfUrl(n.certificate.id)} download size="sm" data-testid="certificate-download">
                          {t('training.certificates.download')}
                        </Anchor>
                        {n.certificate.revokedAt ? null : <RevokeButton nomination={n} />}
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
