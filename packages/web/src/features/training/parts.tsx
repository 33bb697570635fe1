import { Badge, Tabs } from '@mantine/core';
import type { TNominationStatus, TTrainingMode } from '@focal/shared';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { formatDays } from './format';

const STATUS_COLOURS: Record<TNominationStatus, string> = { pending: 'gray', confirmed: 'green', waitlisted: 'orange', cancelled: 'red' };

export function NominationBadge({ status, position }: { status: TNominationStatus; position?: number | null }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" data-testid="nomination-status" data-status={status}>
      {status === 'waitlisted' && position ? t('training.status.waitlistedAt', { n: position }) : t(`training.status.${status}`)}
    </Badge>
  );
}

export function ModeBadge({ mode }: { mode: TTrainingMode }) {
  const { t } = useTranslation();
  return (
    <Badge color={mode === 'online' ? 'blue' : 'teal'} variant="outline">
      {t(`training.mode.${mode}`)}
    </Badge>
  );
}

export function Days({ from, to }: { from: string; to: string }) {
  const { i18n } = useTranslation();
  return <span data-testid="workshop-dates">{formatDays(from, to, i18n.language)}</span>;
}

/** Workshops, the catalogue, and the person's own training, as tabs of one area. */
export function TrainingTabs() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.startsWith('/training/catalogue') ? '/training/catalogue' : location.pathname.startsWith('/training/mine') ? '/training/mine' : '/training';
  return (
    <Tabs value={current} onChange={(value) => value && navigate(value)} mb="md" aria-label={t('training.title')}>
      <Tabs.List>
        <Tabs.Tab value="/training" data-testid="training-tab-workshops">
          {t('training.tabs.workshops')}
        </Tabs.Tab>
        <Tabs.Tab value="/training/catalogue" data-testid="training-tab-catalogue">
          {t('training.tabs.catalogue')}
        </Tabs.Tab>
        {me ? (
          <Tabs.Tab value="/training/mine" data-testid="training-tab-mine">
            {t('training.tabs.mine')}
          </Tabs.Tab>
        ) : null}
      </Tabs.List>
    </Tabs>
  );
}
