import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TRecipient, TRequestDetail, TRequestMessage } from '@focal/shared';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { CountryTag } from '../cases/CaseBadges';
import { useCreateDraft } from '../mail/api';
import { personName } from '../mail/format';
import { subjectAbout } from './timeline';

/** Opens the composer on a new draft about the request, addressed to the other side. */
function WriteButton({ request, recipients }: { request: TRequestDetail; recipients: TRecipient[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateDraft();
  const write = async () => {
    try {
      const draft = await create.mutateAsync({
        to: recipients,
        subject: subjectAbout(request),
        handlingCode: request.handlingCode,
        conditions: request.handlingCode === 'H3' ? request.conditions : '',
        requestId: request.id,
      });
      navigate(`/mail/compose/${draft.id}`);
    } catch {
      // Shown next to the button.
    }
  };
  return (
    <Stack gap={4} align="flex-end">
      <Button size="sm" variant="light" onClick={() => void write()} loading={create.isPending} data-testid="request-write-message">
        {t('requests.messages.write')}
      </Button>
      <ErrorAlert error={create.error} />
    </Stack>
  );
}

/** One line of the list: when, from whom, the subject (opens the message), unread or mine. */
function MessageRow({ message }: { message: TRequestMessage }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <Table.Tr data-testid="request-message" data-id={message.id} data-role={message.role}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="xs" c="dimmed">
          {formatDateTime(message.date, i18n.language, me?.timeZone)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <CountryTag code={message.sender.country} withName={false} size="xs" />
          <Text size="sm">{message.role === 'sender' ? t('requests.messages.you') : personName(message.sender)}</Text>
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/mail/message/${message.id}`} size="sm" fw={message.unread ? 700 : undefined} dir="auto" lineClamp={1} data-testid="request-message-subject">
            {message.subject.trim() || t('mail.noSubject')}
          </Anchor>
          {message.unread ? (
            <Badge size="xs" variant="filled" data-testid="request-message-unread">
              {t('requests.messages.unread')}
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Messages about the request that I sent or received: the server lists only my own copies, so
 * a colleague may see fewer or more. Writing one starts a draft to the other side.
 */
export function RequestMessages({ request, messages, recipients, error }: { request: TRequestDetail; messages: TRequestMessage[] | undefined; recipients: TRecipient[]; error: unknown }) {
  const { t } = useTranslation();
  const canWrite = request.state !== 'draft' && recipients.length > 0;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="request-messages-title" data-testid="request-messages">
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="sm">
        <Stack gap={2} maw={640}>
          <Title order={2} size="h4" id="request-messages-title">
            {t('requests.messages.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {request.state === 'draft' ? t('requests.messages.afterSending') : t('requests.messages.help')}
          </Text>
        </Stack>
        {canWrite ? <WriteButton request={request} recipients={recipients} /> : null}
      </Group>
      <ErrorAlert error={error} />
      {messages && messages.length > 0 ? (
        <Table verticalSpacing={4} fz="sm" withRowBorders={false}>
          <Table.Tbody>
            {messages.map((m) => (
              <MessageRow key={m.id} message={m} />
            ))}
          </Table.Tbody>
        </Table>
      ) : messages ? (
        <Text size="sm" c="dimmed" data-testid="request-messages-empty">
          {t('requests.messages.empty')}
        </Text>
      ) : null}
    </Paper>
  );
}
