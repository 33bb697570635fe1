import { Badge, Text, Tooltip } from '@mantine/core';
import type { OutsideReason, TActionStatus, TRsvpState } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { RSVP_COLOR, zoneLabel } from './format';

/** A badge clips its label, so in a table cell it could shrink to an ellipsis: keep its whole width. */
const FULL_WIDTH = { flexShrink: 0, minWidth: 'max-content' } as const;

export function RsvpBadge({ rsvp, size = 'sm' }: { rsvp: TRsvpState; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={RSVP_COLOR[rsvp]} variant={rsvp === 'pending' ? 'outline' : 'light'} size={size} data-testid="rsvp-badge" data-rsvp={rsvp} style={FULL_WIDTH}>
      {t(`meetings.rsvp.${rsvp}`)}
    </Badge>
  );
}

export function CancelledBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm" data-testid="meeting-cancelled-badge">
      {t('meetings.status.cancelled')}
    </Badge>
  );
}

const ACTION_COLOR: Record<TActionStatus, string> = { open: 'blue', in_progress: 'yellow', done: 'teal', cancelled: 'gray' };

export function ActionStatusBadge({ status }: { status: TActionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ACTION_COLOR[status]} variant="light" size="sm" data-testid="action-status" data-status={status} style={FULL_WIDTH}>
      {t(`meetings.actions.statuses.${status}`)}
    </Badge>
  );
}

/** Inside or outside someone's working hours, and why. */
export function HoursBadge({ reason }: { reason: OutsideReason | null }) {
  const { t } = useTranslation();
  return (
    <Badge color={reason ? 'orange' : 'teal'} variant="light" size="sm" data-testid="hours-badge" data-outside={reason ?? 'inside'} style={FULL_WIDTH}>
      {reason ? t(`meetings.outside.${reason}`) : t('meetings.outside.inside')}
    </Badge>
  );
}

/** The viewer's own zone, named, as a reminder of which clock the times are on. */
export function MyZoneNote({ at }: { at?: Date }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  if (!me) return null;
  const label = zoneLabel(me.timeZone, i18n.language, at);
  return (
    <Tooltip label={t('meetings.zoneHelp')} withArrow multiline w={280}>
      <Text size="sm" c="dimmed" data-testid="my-zone">
        {t('meetings.timesIn', { zone: label })}
      </Text>
    </Tooltip>
  );
}
