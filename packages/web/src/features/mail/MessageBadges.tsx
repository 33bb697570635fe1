import { Badge, Tooltip } from '@mantine/core';
import type { THandlingCode, TPriority } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { HANDLING_COLOR, PRIORITY_COLOR } from './format';

export function HandlingBadge({ code, size = 'sm' }: { code: THandlingCode; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`mail.handling.long.${code}`)} multiline w={280} withArrow>
      <Badge color={HANDLING_COLOR[code]} variant="light" size={size} style={{ flexShrink: 0 }} data-testid="handling-badge" aria-label={`${t('mail.fields.handlingCode')}: ${code} — ${t(`mail.handling.short.${code}`)}`}>
        {code}
      </Badge>
    </Tooltip>
  );
}

/** Routine stays unmarked in lists unless asked; urgent and immediate are coloured. */
export function PriorityBadge({ priority, showRoutine = false, size = 'sm' }: { priority: TPriority; showRoutine?: boolean; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  if (priority === 'routine' && !showRoutine) return null;
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant={priority === 'routine' ? 'outline' : 'filled'} size={size} style={{ flexShrink: 0 }} data-testid="priority-badge">
      {t(`mail.priority.${priority}`)}
    </Badge>
  );
}
