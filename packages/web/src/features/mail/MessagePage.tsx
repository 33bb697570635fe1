import { Anchor, Badge, Divider, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TMessage, TPerson } from '@focal/shared';
import { useEffect, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../components/format';
import { Loading } from '../../components/Loading';
import { NotFoundContent } from '../../components/NotFound';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { useMessage } from './api';
import { AttachmentList } from './AttachmentList';
import { formatList, personName } from './format';
import { AcknowledgeBanner, EvaluationLine, HandlingBanner, StatusNote } from './MessageBanners';
import { MessageActions } from './MessageActions';
import { HandlingBadge, PriorityBadge } from './MessageBadges';
import { MessageBody } from './MessageBody';
import { ReceiptsTable } from './ReceiptsTable';
import { rememberPeople } from './recipients';

function HeaderRow({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={120} fw={600} c="dimmed" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{children}</Table.Td>
    </Table.Tr>
  );
}

function People({ people }: { people: TPerson[] }) {
  const { i18n } = useTranslation();
  const countries = useCountryNames();
  return <>{formatList(people.map((p) => `${personName(p)} · ${countries.nameOf(p.country)}`), i18n.language)}</>;
}

function Headers({ message }: { message: TMessage }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const countries = useCountryNames();
  return (
    <Table withRowBorders={false} verticalSpacing={2} fz="sm" data-testid="message-headers">
      <Table.Tbody>
        <HeaderRow label={t('mail.fields.from')} testId="message-from">
          {personName(message.sender)} · {countries.nameOf(message.sender.country)}
        </HeaderRow>
        {message.to.length > 0 ? (
          <HeaderRow label={t('mail.fields.to')} testId="message-to">
            <People people={message.to} />
          </HeaderRow>
        ) : null}
        {message.cc.length > 0 ? (
          <HeaderRow label={t('mail.fields.cc')} testId="message-cc">
            <People people={message.cc} />
          </HeaderRow>
        ) : null}
        {message.request ? (
          <HeaderRow label={t('mail.fields.request')} testId="message-request">
            <Anchor component={Link} to={`/requests/${message.request.id}`} size="sm" dir="auto">
              <Text span ff="monospace" size="sm" fw={600}>
                {message.request.reference}
              </Text>{' '}
              · {message.request.title}
            </Anchor>
          </HeaderRow>
        ) : null}
        <HeaderRow label={t('mail.fields.date')}>{formatDateTime(message.date, i18n.language, me?.timeZone)}</HeaderRow>
        <HeaderRow label={t('mail.fields.priority')}>
          <Group gap="xs">
            <PriorityBadge priority={message.priority} showRoutine />
            {message.replyBy ? (
              <Text size="sm" fw={600} data-testid="message-reply-by">
                {t('mail.replyBy', { date: formatDate(`${message.replyBy}T12:00:00Z`, i18n.language) })}
              </Text>
            ) : null}
          </Group>
        </HeaderRow>
        <HeaderRow label={t('mail.fields.evaluation')}>
          {message.evaluation ? <EvaluationLine message={message} /> : <Text span c="dimmed" size="sm">{t('mail.evaluation.none')}</Text>}
        </HeaderRow>
      </Table.Tbody>
    </Table>
  );
}

function ThreadList({ message }: { message: TMessage }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  if (message.thread.length === 0) return null;
  return (
    <section aria-labelledby="message-thread">
      <Title order={2} size="h4" mb="xs" id="message-thread">
        {t('mail.thread.title')}
      </Title>
      <Stack gap={4} data-testid="thread">
        {message.thread.map((m) => (
          <Group key={m.id} gap="xs" wrap="nowrap" data-testid="thread-item">
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(m.date, i18n.language, me?.timeZone)}
            </Text>
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {personName(m.sender)}
            </Text>
            <Anchor component={Link} to={`/mail/message/${m.id}`} size="sm" lineClamp={1}>
              {m.subject.trim() || t('mail.noSubject')}
            </Anchor>
            {m.status !== 'sent' ? (
              <Badge size="xs" variant="light" color="gray">
                {t(`mail.status.${m.status}`)}
              </Badge>
            ) : null}
          </Group>
        ))}
      </Stack>
    </section>
  );
}

export default function MessagePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useMessage(id);
  const message = query.data;
  usePageTitle(message ? message.subject.trim() || t('mail.noSubject') : t('mail.message.title'));
  useEffect(() => {
    if (message) rememberPeople([message.sender, ...message.to, ...message.cc]);
  }, [message]);

  if (query.isLoading) return <Loading />;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundContent />;
  if (!message) return <ErrorAlert error={query.error} />;

  return (
    <Stack gap="md" maw={980} data-testid="message-view" data-id={message.id}>
      <Anchor component={Link} to={`/mail/${message.folder}`} size="sm">
        {t('mail.message.back', { folder: t(`mail.folders.${message.folder}`) })}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Group gap="xs" align="center" style={{ minWidth: 0 }}>
          <HandlingBadge code={message.handlingCode} size="lg" />
          <Title order={1} size="h2" dir="auto" data-testid="message-subject" style={{ overflowWrap: 'anywhere' }}>
            {message.subject.trim() || t('mail.noSubject')}
          </Title>
        </Group>
      </Group>
      <StatusNote message={message} />
      <AcknowledgeBanner message={message} />
      <HandlingBanner message={message} />
      <MessageActions message={message} />
      <Paper withBorder p="md" radius="md">
        <Headers message={message} />
        <Divider my="sm" />
        <MessageBody source={message.body} />
      </Paper>
      <AttachmentList messageId={message.id} attachments={message.attachmentList} />
      {message.receipts ? <ReceiptsTable receipts={message.receipts} /> : null}
      <ThreadList message={message} />
    </Stack>
  );
}
