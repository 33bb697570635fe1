import { Badge, Stack, Text } from '@mantine/core';
import type { TRequestSummary } from '@focal/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { formatDateTime } from '../../components/format';
import { countdown, formatDuration, formatTimeLeft } from '../cases/format';

/** The current time, refreshed every `everyMs` so countdowns move while the page is open. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "in 5 hours" or, in red, "overdue by 2 days", in the reader's language. */
export function useCountdownText() {
  const { t, i18n } = useTranslation();
  return (deadline: string, now: Date) => {
    const c = countdown(new Date(deadline), now);
    return { overdue: c.overdue, text: c.overdue ? t('requests.deadline.overdueBy', { duration: formatDuration(c, i18n.language) }) : formatTimeLeft(c, i18n.language) };
  };
}

type DeadlineFields = Pick<TRequestSummary, 'state' | 'deadline' | 'clockStoppedAt' | 'overdue'>;

/**
 * A request's deadline in the reader's own time zone with the time left, or that the clock has
 * stopped (answered, refused, withdrawn), or that it starts when the request is sent.
 */
export function DeadlineInfo({ request, now, compact = false }: { request: DeadlineFields; now: Date; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const left = useCountdownText();
  if (request.state === 'draft' || !request.deadline) {
    return (
      <Text size="sm" c="dimmed" data-testid="deadline" data-status="not_started">
        {t('requests.deadline.notStarted')}
      </Text>
    );
  }
  const when = formatDateTime(request.deadline, i18n.language, me?.timeZone);
  if (request.clockStoppedAt) {
    const late = new Date(request.clockStoppedAt).getTime() > new Date(request.deadline).getTime();
    return (
      <Stack gap={2} data-testid="deadline" data-status="stopped">
        <Badge color={late ? 'orange' : 'teal'} variant="light" size={compact ? 'sm' : 'md'} data-testid="clock-stopped">
          {t('requests.deadline.stopped')}
        </Badge>
        {!compact ? (
          <Text size="xs" c="dimmed">
            {t(late ? 'requests.deadline.stoppedLate' : 'requests.deadline.stoppedOnTime', { date: formatDateTime(request.clockStoppedAt, i18n.language, me?.timeZone), deadline: when })}
          </Text>
        ) : null}
      </Stack>
    );
  }
  const { overdue, text } = left(request.deadline, now);
  return (
    <Stack gap={0} data-testid="deadline" data-status={overdue ? 'overdue' : 'running'}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {when}
      </Text>
      <Text size={compact ? 'xs' : 'sm'} fw={700} c={overdue ? 'red' : 'orange.8'} data-testid="countdown">
        {text}
      </Text>
    </Stack>
  );
}
