import { Anchor, Badge, Checkbox, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { TFolder, TLabel, TMessageSummary } from '@focal/shared';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { formatDateTime } from '../../components/format';
import { formatListDate, personName } from './format';
import { HandlingBadge, PriorityBadge } from './MessageBadges';

export interface MessageTableProps {
  items: TMessageSummary[];
  folder: TFolder;
  /** Searching every folder: each row says where it is. */
  showFolder: boolean;
  labels: TLabel[];
  selected: Set<string>;
  onToggle: (id: string, checked: boolean) => void;
  onToggleAll: (checked: boolean) => void;
}

export const messageLink = (m: Pick<TMessageSummary, 'id' | 'folder'>) => (m.folder === 'drafts' ? `/mail/compose/${m.id}` : `/mail/message/${m.id}`);

function Correspondents({ message, outgoing }: { message: TMessageSummary; outgoing: boolean }) {
  const { t } = useTranslation();
  if (!outgoing) return <>{personName(message.sender)}</>;
  if (message.recipientCount === 0) return <Text span c="dimmed" size="sm">{t('mail.list.noRecipients')}</Text>;
  const names = message.recipients.map((p) => p.name).join(', ');
  const more = message.recipientCount - message.recipients.length;
  return <>{more > 0 ? t('mail.list.toMore', { names, n: more }) : t('mail.list.to', { names })}</>;
}

/** Drawn rather than an emoji, which not every system can show. */
function PaperclipIcon({ label }: { label: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" role="img" aria-label={label} data-testid="mail-row-attachment" style={{ flexShrink: 0, color: 'var(--mantine-color-dimmed)' }}>
      <title>{label}</title>
      <path
        d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function StatusBadge({ message }: { message: TMessageSummary }) {
  const { t } = useTranslation();
  if (message.status === 'sent' || message.status === 'draft') return null;
  const color = message.status === 'pending_consent' ? 'yellow' : message.status === 'refused' ? 'red' : 'gray';
  return (
    <Badge size="xs" color={color} variant="light" style={{ flexShrink: 0 }}>
      {t(`mail.status.${message.status}`)}
    </Badge>
  );
}

function Row({ message, folder, showFolder, labels, checked, onToggle }: { message: TMessageSummary; folder: TFolder; showFolder: boolean; labels: TLabel[]; checked: boolean; onToggle: (checked: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const outgoing = folder === 'sent' || folder === 'drafts' || (showFolder && message.sender.id === me?.id);
  const weight = message.unread ? 700 : 400;
  const subject = message.subject.trim() || t('mail.noSubject');
  const rowLabels = labels.filter((l) => message.labels.includes(l.id));
  const open = () => navigate(messageLink(message));

  return (
    <Table.Tr
      data-testid="mail-row"
      data-id={message.id}
      data-unread={message.unread ? 'true' : 'false'}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('input, a, button, label')) return;
        open();
      }}
      style={{ cursor: 'pointer' }}
      bg={checked ? 'var(--mantine-primary-color-light)' : undefined}
    >
      <Table.Td w={40}>
        <Checkbox aria-label={t('mail.list.select', { subject })} checked={checked} onChange={(e) => onToggle(e.currentTarget.checked)} data-testid="mail-row-check" />
      </Table.Td>
      <Table.Td maw={220}>
        <Text size="sm" fw={weight} truncate data-testid="mail-row-from">
          {message.unread ? <VisuallyHidden>{t('mail.list.unread')} </VisuallyHidden> : null}
          <Correspondents message={message} outgoing={outgoing} />
        </Text>
        {showFolder ? (
          <Text size="xs" c="dimmed">
            {t(`mail.folders.${message.folder}`)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td style={{ minWidth: 260 }}>
        <Group gap={6} wrap="nowrap">
          {message.ackPending ? (
            <Badge size="xs" color="red" variant="filled" style={{ flexShrink: 0 }} data-testid="mail-row-ack">
              {t('mail.list.ackRequired')}
            </Badge>
          ) : null}
          <StatusBadge message={message} />
          <Anchor component={Link} to={messageLink(message)} fw={weight} c="inherit" size="sm" lineClamp={1} data-testid="mail-row-subject">
            {subject}
          </Anchor>
        </Group>
        <Group gap={6} wrap="nowrap">
          {rowLabels.map((l) => (
            <Badge key={l.id} size="xs" color={l.color} variant="dot">
              {l.name}
            </Badge>
          ))}
          <Text size="xs" c="dimmed" lineClamp={1}>
            {message.snippet}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 150 }}>
        <Group gap={4} wrap="nowrap">
          <HandlingBadge code={message.handlingCode} size="xs" />
          <PriorityBadge priority={message.priority} size="xs" />
          {message.attachments > 0 ? <PaperclipIcon label={t('mail.list.attachments', { n: message.attachments })} /> : null}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={weight} title={formatDateTime(message.date, i18n.language, me?.timeZone)}>
          {formatListDate(message.date, i18n.language, me?.timeZone)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function MessageTable({ items, folder, showFolder, labels, selected, onToggle, onToggleAll }: MessageTableProps) {
  const { t } = useTranslation();
  const allChecked = items.length > 0 && items.every((m) => selected.has(m.id));
  const someChecked = items.some((m) => selected.has(m.id));
  const outgoing = folder === 'sent' || folder === 'drafts';
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="xs" data-testid="mail-list">
        <VisuallyHidden component="caption">{t(`mail.folders.${folder}`)}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <Checkbox
                aria-label={t('mail.list.selectAll')}
                checked={allChecked}
                indeterminate={someChecked && !allChecked}
                onChange={(e) => onToggleAll(e.currentTarget.checked)}
                data-testid="mail-select-all"
              />
            </Table.Th>
            <Table.Th scope="col">{outgoing ? t('mail.fields.to') : t('mail.fields.from')}</Table.Th>
            <Table.Th scope="col">{t('mail.fields.subject')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('mail.list.markers')}</VisuallyHidden>
            </Table.Th>
            <Table.Th scope="col">{t('mail.fields.date')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((message) => (
            <Row
              key={message.id}
              message={message}
              folder={folder}
              showFolder={showFolder}
              labels={labels}
              checked={selected.has(message.id)}
              onToggle={(checked) => onToggle(message.id, checked)}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
