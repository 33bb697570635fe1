import { Badge, Button, Divider, Stack, Text } from '@mantine/core';
import { FOLDERS, type TFolder } from '@focal/shared';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMailCounts } from './api';
import { LabelsSection } from './LabelsSection';
import { MailSettingsButton } from './MailSettingsDialog';
import { SidebarLink } from './SidebarLink';

function CountBadge({ count, color = 'focal', label }: { count: number; color?: string; label: string }) {
  if (count <= 0) return null;
  return (
    <Badge size="sm" variant={color === 'focal' ? 'filled' : 'light'} color={color} aria-label={label}>
      {count}
    </Badge>
  );
}

/** Which folder (or page) of the mail area is open, from the address. */
function useCurrentPlace(): string {
  const { pathname } = useLocation();
  const rest = pathname.replace(/^\/mail\/?/, '');
  if (!rest) return 'inbox';
  return rest.split('/')[0] === 'label' ? rest : (rest.split('/')[0] ?? '');
}

export function MailSidebar() {
  const { t } = useTranslation();
  const counts = useMailCounts().data;
  const place = useCurrentPlace();

  const badgeFor = (folder: TFolder) => {
    if (folder === 'inbox') return <CountBadge count={counts?.inboxUnread ?? 0} label={t('mail.unreadCount', { n: counts?.inboxUnread ?? 0 })} />;
    if (folder === 'drafts') return <CountBadge count={counts?.drafts ?? 0} color="gray" label={t('mail.draftCount', { n: counts?.drafts ?? 0 })} />;
    return null;
  };

  return (
    <Stack gap="xs" component="nav" aria-label={t('mail.foldersNav')}>
      <Button component={Link} to="/mail/compose" fullWidth size="md" data-testid="mail-compose">
        {t('mail.compose.new')}
      </Button>
      <div>
        {FOLDERS.map((folder) => (
          <SidebarLink
            key={folder}
            to={`/mail/${folder}`}
            label={t(`mail.folders.${folder}`)}
            active={place === folder}
            badge={badgeFor(folder)}
            testId={`mail-folder-${folder}`}
          />
        ))}
        <SidebarLink
          to="/mail/consents"
          label={t('mail.consents.title')}
          active={place === 'consents'}
          badge={<CountBadge count={counts?.consentsPending ?? 0} color="orange" label={t('mail.consents.pendingCount', { n: counts?.consentsPending ?? 0 })} />}
          testId="mail-folder-consents"
        />
      </div>
      {counts && counts.ackPending > 0 ? (
        <Text size="xs" c="orange.8" px="sm" data-testid="mail-ack-pending">
          {t('mail.ackPendingCount', { n: counts.ackPending })}
        </Text>
      ) : null}
      <Divider />
      <LabelsSection activePlace={place} />
      <Divider />
      <MailSettingsButton />
    </Stack>
  );
}
