import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { TConsentRequest, TPerson } from '@focal/shared';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { useConsents, useDecideConsent } from './api';
import { formatList, personName } from './format';

const STATUS_COLOR = { pending: 'yellow', granted: 'teal', refused: 'red' } as const;

function PeopleList({ people }: { people: TPerson[] }) {
  const { i18n } = useTranslation();
  const countries = useCountryNames();
  return <>{formatList(people.map((p) => `${personName(p)} (${countries.nameOf(p.country)})`), i18n.language)}</>;
}

function ConsentCard({ request, askedOfMe }: { request: TConsentRequest; askedOfMe: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const countries = useCountryNames();
  const decide = useDecideConsent();
  const pending = request.status === 'pending';
  const subject = request.originalSubject?.trim() || t('mail.noSubject');
  const other = askedOfMe ? request.requester : request.provider;
  return (
    <Paper withBorder p="md" radius="md" data-testid="consent-request" data-status={request.status}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap">
          <Text fw={700}>
            {askedOfMe
              ? t('mail.consents.asks', { name: personName(other), country: countries.nameOf(other.country) })
              : t('mail.consents.askedOf', { name: personName(other), country: countries.nameOf(other.country) })}
          </Text>
          <Badge color={STATUS_COLOR[request.status]} variant="light" data-testid="consent-status">
            {t(`mail.consents.status.${request.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          <Text span c="dimmed">
            {t('mail.consents.original')}{' '}
          </Text>
          {askedOfMe ? (
            <Anchor component={Link} to={`/mail/message/${request.originalId}`}>
              {subject}
            </Anchor>
          ) : (
            subject
          )}
        </Text>
        <Text size="sm">
          <Text span c="dimmed">
            {t('mail.consents.newRecipients')}{' '}
          </Text>
          <span data-testid="consent-recipients">
            <PeopleList people={request.newRecipients} />
          </span>
        </Text>
        <Text size="xs" c="dimmed">
          {t('mail.consents.asked', { date: formatDateTime(request.createdAt, i18n.language, me?.timeZone) })}
          {request.decidedAt ? ` · ${t('mail.consents.decided', { date: formatDateTime(request.decidedAt, i18n.language, me?.timeZone) })}` : ''}
        </Text>
        {askedOfMe && pending ? (
          <>
            <Text size="sm">{t('mail.consents.explain')}</Text>
            <Group gap="xs">
              <Button color="teal" onClick={() => decide.mutate({ id: request.id, decision: 'grant' })} loading={decide.isPending && decide.variables?.decision === 'grant'} data-testid="consent-grant">
                {t('mail.consents.grant')}
              </Button>
              <ConfirmButton
                variant="light"
                title={t('mail.consents.refuseTitle')}
                message={t('mail.consents.refuseMessage')}
                confirmLabel={t('mail.consents.refuse')}
                onConfirm={() => decide.mutateAsync({ id: request.id, decision: 'refuse' })}
                data-testid="consent-refuse"
              >
                {t('mail.consents.refuse')}
              </ConfirmButton>
            </Group>
            <ErrorAlert error={decide.error} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Section({ title, items, askedOfMe, empty, testId }: { title: string; items: TConsentRequest[]; askedOfMe: boolean; empty: string; testId: string }) {
  return (
    <section data-testid={testId}>
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      {items.length === 0 ? (
        <EmptyMessage title={empty} />
      ) : (
        <Stack gap="sm">
          {items.map((r) => (
            <ConsentCard key={r.id} request={r} askedOfMe={askedOfMe} />
          ))}
        </Stack>
      )}
    </section>
  );
}

/** Forwards that need a provider's permission: those asked of me to decide, and those I asked for. */
export default function ConsentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const consents = useConsents();
  usePageTitle(t('mail.consents.title'));
  const all = consents.data ?? [];
  const pendingFirst = (a: TConsentRequest, b: TConsentRequest) => Number(b.status === 'pending') - Number(a.status === 'pending') || b.createdAt.localeCompare(a.createdAt);
  const askedOfMe = all.filter((r) => r.provider.id === me?.id).sort(pendingFirst);
  const mine = all.filter((r) => r.requester.id === me?.id && r.provider.id !== me?.id).sort(pendingFirst);
  return (
    <Stack gap="lg" maw={980}>
      <div>
        <Title order={1}>{t('mail.consents.title')}</Title>
        <Text c="dimmed">{t('mail.consents.intro')}</Text>
      </div>
      <QueryState query={consents}>
        <Section title={t('mail.consents.toDecide')} items={askedOfMe} askedOfMe empty={t('mail.consents.noneToDecide')} testId="consents-to-decide" />
        <Section title={t('mail.consents.mine')} items={mine} askedOfMe={false} empty={t('mail.consents.noneMine')} testId="consents-mine" />
      </QueryState>
    </Stack>
  );
}
