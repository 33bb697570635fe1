import { Alert, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CASE_STATUSES, COUNTRY_ROLES, type TCaseDetail, type TCaseStatus } from '@focal/shared';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { TableHeader } from '../../components/TableHeader';
import { useCountryNames } from '../../components/useReference';
import { HANDLING_COLOR, personName } from '../mail/format';
import { useAddCountry, useDecideJoin, useRemoveMember, useReviewCase, useUpdateCase } from './api';
import { AddMember } from './AddMember';
import { CountryRoleBadge, CountryTag } from './CaseBadges';
import { caseServerErrors, CaseFields, checkCase, type CaseErrors, type CaseValues } from './CaseFields';

type Role = (typeof COUNTRY_ROLES)[number];

function Section({ title, id, children, actions, testId }: { title: string; id: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Group justify="space-between" align="center" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={200} fw={600} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The case's handling code in full, whose permission it refers to, and its H3 conditions. */
export function CaseHandlingBanner({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const code = detail.handlingCode;
  const provider = t('mail.handling.providerName', { name: personName(detail.owner), country: countries.nameOf(detail.owner.country) });
  return (
    <Alert color={HANDLING_COLOR[code]} variant="light" title={t('mail.handling.bannerTitle', { code })} data-testid="case-handling-banner" data-code={code}>
      <Text size="sm">{t(`mail.handling.banner.${code}`, { provider })}</Text>
      {code === 'H3' ? (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }} dir="auto" fw={600}>
          {detail.conditions || t('mail.handling.noConditions')}
        </Text>
      ) : null}
    </Alert>
  );
}

/** Five years after opening (or the last renewal) the lead renews the case with a reason, or closes it. */
function ReviewPrompt({ detail }: { detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const review = useReviewCase(detail.id);
  const [action, setAction] = useState<'renew' | 'close' | null>(null);
  const [reason, setReason] = useState('');
  if (!detail.reviewDue || detail.status === 'closed') return null;
  const date = formatDate(`${detail.reviewDate}T12:00:00Z`, i18n.language);
  const min = action === 'renew' ? 10 : 3;
  const submit = async () => {
    if (!action) return;
    try {
      await review.mutateAsync({ action, reason: reason.trim() });
      notifications.show({ color: 'teal', message: t(action === 'renew' ? 'cases.review.renewed' : 'cases.review.closed') });
      setAction(null);
      setReason('');
    } catch {
      // Shown in the dialog.
    }
  };
  return (
    <Alert color="orange" variant="filled" title={t('cases.review.title')} data-testid="case-review-prompt">
      <Stack gap="xs">
        <Text size="sm">{detail.can.review ? t('cases.review.body', { date }) : t('cases.review.bodyOthers', { date })}</Text>
        {detail.can.review ? (
          <Group gap="xs">
            <Button color="orange" variant="white" onClick={() => setAction('renew')} data-testid="case-review-renew">
              {t('cases.review.renew')}
            </Button>
            <Button color="dark" variant="white" onClick={() => setAction('close')} data-testid="case-review-close">
              {t('cases.review.close')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action === 'close' ? t('cases.review.closeTitle') : t('cases.review.renewTitle')} centered>
        <Stack>
          <Text size="sm">{action === 'close' ? t('cases.review.closeHelp') : t('cases.review.renewHelp')}</Text>
          <Textarea
            label={t('cases.review.reason')}
            description={t('cases.review.reasonMin', { n: min })}
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            dir="auto"
            data-testid="case-review-reason"
          />
          <ErrorAlert error={review.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              {t('common.cancel')}
            </Button>
            <Button color={action === 'close' ? 'red' : undefined} disabled={reason.trim().length < min} loading={review.isPending} onClick={() => void submit()} data-testid="case-review-submit">
              {action === 'close' ? t('cases.review.closeConfirm') : t('cases.review.renewConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Alert>
  );
}

function EditCase({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const update = useUpdateCase(detail.id);
  const [opened, setOpened] = useState(false);
  const initial = (): CaseValues => ({
    title: detail.title,
    summary: detail.summary,
    offences: detail.offences,
    handlingCode: detail.handlingCode,
    conditions: detail.conditions,
    evaluationSource: detail.evaluation.source,
    evaluationInfo: detail.evaluation.info,
  });
  const [values, setValues] = useState<CaseValues>(initial);
  const [errors, setErrors] = useState<CaseErrors>({});
  const open = () => {
    setValues(initial());
    setErrors({});
    update.reset();
    setOpened(true);
  };
  const submit = async () => {
    const found = checkCase(values, t);
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    try {
      await update.mutateAsync({ ...values, evaluationInfo: values.evaluationInfo });
      notifications.show({ color: 'teal', message: t('cases.edit.saved') });
      setOpened(false);
    } catch (error) {
      setErrors(caseServerErrors(error, t));
    }
  };
  return (
    <>
      <Button variant="light" size="xs" onClick={open} data-testid="case-edit">
        {t('cases.edit.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('cases.edit.title')} size="lg">
        <Stack>
          <CaseFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} errors={errors} />
          <ErrorAlert error={update.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void submit()} loading={update.isPending} data-testid="case-edit-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function StatusField({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const update = useUpdateCase(detail.id);
  if (!detail.can.edit) return <Text size="sm">{t(`cases.status.${detail.status}`)}</Text>;
  return (
    <Stack gap={4} maw={280}>
      <Select
        aria-label={t('cases.fields.status')}
        data={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))}
        value={detail.status}
        allowDeselect={false}
        onChange={(status) => status && status !== detail.status && update.mutate({ status: status as TCaseStatus })}
        disabled={update.isPending}
        data-testid="case-status-select"
      />
      <ErrorAlert error={update.error} />
    </Stack>
  );
}

function Details({ detail }: { detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const countries = useCountryNames();
  const { source, info } = detail.evaluation;
  return (
    <Section title={t('cases.overview.details')} id="case-details" actions={detail.can.edit ? <EditCase detail={detail} /> : null} testId="case-details">
      <Table withRowBorders={false} verticalSpacing={6} fz="sm">
        <Table.Tbody>
          <Row label={t('cases.fields.summary')} testId="case-summary">
            {detail.summary.trim() ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                {detail.summary}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('cases.overview.noSummary')}
              </Text>
            )}
          </Row>
          <Row label={t('cases.fields.offences')} testId="case-offences-view">
            {detail.offences.length ? (
              <Group gap={6}>
                {detail.offences.map((o) => (
                  <Badge key={o} variant="light" color="grape" size="sm" style={{ textTransform: 'none' }}>
                    {t(`cases.offences.${o}`)}
                  </Badge>
                ))}
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('cases.overview.noOffences')}
              </Text>
            )}
          </Row>
          <Row label={t('cases.fields.status')}>
            <StatusField detail={detail} />
          </Row>
          <Row label={t('mail.fields.evaluation')}>
            <Text size="sm">
              <Text span fw={600}>
                {t('mail.evaluation.sourceLabel', { value: source })}
              </Text>{' '}
              {t(`mail.evaluation.source.${source}`)}
            </Text>
            <Text size="sm">
              <Text span fw={600}>
                {t('mail.evaluation.infoLabel', { value: info })}
              </Text>{' '}
              {t(`mail.evaluation.info.${info}`)}
            </Text>
          </Row>
          <Row label={t('cases.fields.review')} testId="case-review-date">
            {formatDate(`${detail.reviewDate}T12:00:00Z`, i18n.language)}
          </Row>
          <Row label={t('cases.fields.owner')}>
            {personName(detail.owner)} · {countries.nameOf(detail.owner.country)}
          </Row>
          <Row label={t('cases.fields.opened')}>{formatDateTime(detail.createdAt, i18n.language, me?.timeZone)}</Row>
          <Row label={t('cases.fields.updated')}>{formatDateTime(detail.updatedAt, i18n.language, me?.timeZone)}</Row>
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function AddCountry({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const add = useAddCountry(detail.id);
  const [country, setCountry] = useState<string | null>(null);
  const [role, setRole] = useState<Role>('requested');
  const present = new Set(detail.countries.map((c) => c.country));
  const submit = async () => {
    if (!country) return;
    try {
      await add.mutateAsync({ country, role });
      notifications.show({ color: 'teal', message: t('cases.countries.added', { country: countries.nameOf(country) }) });
      setCountry(null);
    } catch {
      // Shown below.
    }
  };
  return (
    <Stack gap="xs" mt="sm">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label={t('cases.countries.add')}
          searchable
          data={countries.options.filter((o) => !present.has(o.value))}
          value={country}
          onChange={setCountry}
          nothingFoundMessage={t('common.nothingFound')}
          w={260}
          data-testid="case-add-country"
        />
        <Select
          label={t('cases.fields.role')}
          data={COUNTRY_ROLES.map((r) => ({ value: r, label: t(`cases.roles.${r}`) }))}
          value={role}
          allowDeselect={false}
          onChange={(v) => v && setRole(v as Role)}
          w={220}
          data-testid="case-add-country-role"
        />
        <Button onClick={() => void submit()} disabled={!country} loading={add.isPending} data-testid="case-add-country-submit">
          {t('cases.countries.addButton')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </Stack>
  );
}

function Countries({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  return (
    <Section title={t('cases.overview.countries')} id="case-countries-title" testId="case-countries-section">
      <Stack gap={6} data-testid="case-countries">
        {detail.countries.map((c) => (
          <Group key={c.country} gap="xs" data-testid="case-country" data-country={c.country} data-role={c.role}>
            <CountryTag code={c.country} />
            <CountryRoleBadge role={c.role} />
            <Text size="xs" c="dimmed">
              {t(`cases.roleHelp.${c.role}`)}
            </Text>
          </Group>
        ))}
      </Stack>
      {detail.can.addCountry ? <AddCountry detail={detail} /> : null}
    </Section>
  );
}

function Members({ detail }: { detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const remove = useRemoveMember(detail.id);
  const countries = useCountryNames();
  return (
    <Section title={t('cases.overview.members')} id="case-members-title" testId="case-members-section">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="case-members">
          <TableHeader columns={[t('fields.name'), t('fields.country'), t('cases.members.added')]} actions />
          <Table.Tbody>
            {detail.members.map((m) => {
              const self = m.person.id === me?.id;
              const owner = m.person.id === detail.owner.id;
              const canRemove = !owner && (self || detail.can.addMembers);
              return (
                <Table.Tr key={m.person.id} data-testid="case-member" data-id={m.person.id}>
                  <Table.Td>
                    <Group gap={6} wrap="wrap">
                      <Text size="sm" dir="auto">
                        {personName(m.person)}
                      </Text>
                      {m.isLead ? (
                        <Badge size="xs" variant="light" style={{ flexShrink: 0 }}>
                          {t('cases.members.lead')}
                        </Badge>
                      ) : null}
                      {owner ? (
                        <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
                          {t('cases.members.owner')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{countries.nameOf(m.person.country)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatDate(m.addedAt, i18n.language, me?.timeZone)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="end">
                    {canRemove ? (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        title={self ? t('cases.members.leaveTitle') : t('cases.members.removeTitle')}
                        message={self ? t('cases.members.leaveMessage') : t('cases.members.removeMessage', { name: personName(m.person) })}
                        confirmLabel={self ? t('cases.members.leave') : t('cases.members.remove')}
                        onConfirm={async () => {
                          await remove.mutateAsync(m.person.id);
                          if (self) navigate('/cases');
                        }}
                        data-testid="case-member-remove"
                      >
                        {self ? t('cases.members.leave') : t('cases.members.remove')}
                      </ConfirmButton>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {detail.can.addMembers ? <AddMember detail={detail} /> : null}
    </Section>
  );
}

function JoinRequests({ detail }: { detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const decide = useDecideJoin(detail.id);
  const countries = useCountryNames();
  if (detail.joinRequests.length === 0) return null;
  return (
    <Section title={t('cases.join.pendingTitle')} id="case-join-title" testId="case-join-requests">
      <Stack gap="sm">
        {detail.joinRequests.map((r) => (
          <Paper key={r.id} withBorder p="sm" radius="sm" data-testid="case-join-request" data-id={r.id}>
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <div>
                <Text size="sm" fw={600}>
                  {personName(r.person)} · {countries.nameOf(r.person.country)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.createdAt, i18n.language, me?.timeZone)}
                </Text>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                  {r.reason.trim() || t('cases.join.noReason')}
                </Text>
              </div>
              <Group gap="xs">
                <Button size="xs" onClick={() => decide.mutate({ requestId: r.id, decision: 'accept' })} loading={decide.isPending && decide.variables?.requestId === r.id && decide.variables.decision === 'accept'} data-testid="case-join-accept">
                  {t('cases.join.accept')}
                </Button>
                <Button size="xs" variant="default" color="red" onClick={() => decide.mutate({ requestId: r.id, decision: 'refuse' })} data-testid="case-join-refuse">
                  {t('cases.join.refuse')}
                </Button>
              </Group>
            </Group>
          </Paper>
        ))}
        <ErrorAlert error={decide.error} />
      </Stack>
    </Section>
  );
}

export function CaseOverview({ detail }: { detail: TCaseDetail }) {
  return (
    <Stack gap="md" data-testid="case-overview">
      <ReviewPrompt detail={detail} />
      <CaseHandlingBanner detail={detail} />
      <JoinRequests detail={detail} />
      <Details detail={detail} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Countries detail={detail} />
        <Members detail={detail} />
      </SimpleGrid>
    </Stack>
  );
}
