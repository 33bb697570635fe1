import { Group, Loader, Paper, Progress, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TEntity } from '@focal/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useEntityMatches, useMatchingPending, useSetBlind } from './api';
import { crossRefProgress, isMatchable } from './format';
import { MatchItemCard, useMemberCaseIds } from './MatchParts';

/**
 * The provider's choice for its subject: "hit/no-hit only" means other countries' searches
 * compare only keyed hashes of its names, dates and identifiers.
 */
function BlindSwitch({ caseId, entity }: { caseId: string; entity: TEntity }) {
  const { t } = useTranslation();
  const setBlind = useSetBlind(caseId);
  // The entity's current setting, when the server tells it; else what was last set here.
  const known = (entity as TEntity & { blind?: boolean }).blind;
  const [local, setLocal] = useState<boolean | undefined>(undefined);
  const checked = local ?? known ?? false;
  const change = async (blind: boolean) => {
    try {
      await setBlind.mutateAsync({ entityId: entity.id, blind });
      setLocal(blind);
      notifications.show({ color: 'teal', message: blind ? t('matching.blind.on') : t('matching.blind.off') });
    } catch {
      // Shown below.
    }
  };
  return (
    <Stack gap={4}>
      <Switch
        checked={checked}
        onChange={(e) => void change(e.currentTarget.checked)}
        disabled={setBlind.isPending}
        label={t('matching.blind.switch')}
        description={t('matching.blind.help')}
        data-testid="entity-blind"
      />
      <ErrorAlert error={setBlind.error} />
    </Stack>
  );
}

/**
 * "Cross-referencing N entities…" while entities of the case wait for the background matcher
 * (after an import, or any change): asked again every 2 s until none are left.
 */
export function CrossReferencing({ caseId, version }: { caseId: string; version?: number }) {
  const { t, i18n } = useTranslation();
  const pending = useMatchingPending(caseId);
  const { refetch } = pending;
  const count = pending.data?.pending ?? 0;
  const [peak, setPeak] = useState(0);
  const progress = crossRefProgress(peak, count);
  if (progress.peak !== peak) setPeak(progress.peak);

  // Entities were added or changed (the list was read again): they may be queued now.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void refetch();
  }, [version, refetch]);

  if (count <= 0) return null;
  const label = t('matching.pending', { n: new Intl.NumberFormat(i18n.language).format(count) });
  return (
    <Paper withBorder p="sm" radius="md" role="status" data-testid="matching-pending" data-pending={count}>
      <Group gap="sm" wrap="nowrap">
        <Loader size="sm" />
        <Stack gap={4} style={{ flex: 1 }}>
          <Text size="sm">{label}</Text>
          <Progress value={Math.max(progress.percent, 5)} animated striped aria-label={label} />
        </Stack>
      </Group>
    </Paper>
  );
}

/** The entity drawer's "Possible matches" across cases, and for its provider the hit/no-hit switch. */
export function EntityMatches({ caseId, entity }: { caseId: string; entity: TEntity }) {
  const { t } = useTranslation();
  const me = useMe();
  const matchable = isMatchable(entity.schema);
  const matches = useEntityMatches(caseId, entity.id, matchable);
  const pending = useMatchingPending(caseId, matchable);
  const memberCaseIds = useMemberCaseIds();
  if (!matchable) return null;
  const items = matches.data ?? [];
  const waiting = (pending.data?.pending ?? 0) > 0;
  return (
    <Stack gap="xs" component="section" aria-labelledby="entity-matches-title" data-testid="entity-matches" data-count={matches.data ? items.length : undefined}>
      <Title order={3} size="h5" id="entity-matches-title">
        {t('matching.section')}
      </Title>
      {entity.ownerCountry === me?.country ? <BlindSwitch key={entity.id} caseId={caseId} entity={entity} /> : null}
      {waiting ? (
        <Group gap="xs" data-testid="entity-matches-pending">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('matching.pendingHere')}
          </Text>
        </Group>
      ) : null}
      {matches.isLoading ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : matches.error ? (
        <ErrorAlert error={matches.error} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="entity-matches-none">
          {t('matching.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((item) => (
            <MatchItemCard key={item.candidateId} item={item} memberCaseIds={memberCaseIds} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
