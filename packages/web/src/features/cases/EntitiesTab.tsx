import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { TCaseDetail, TEntity } from '@focal/shared';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { HandlingBadge } from '../mail/MessageBadges';
import { exportFtmUrl, useEntities } from './api';
import { CountryTag } from './CaseBadges';
import { EntityDrawer } from './EntityDrawer';
import { AddEntityButton } from './EntityCreate';
import { indexEntities, KeyProperties, nameDir, ReachBadge, useEntityName, useSchemaLabel, type EntityIndex } from './EntityView';
import { entityGroup, ENTITY_GROUPS, type EntityGroup } from './format';
import { ImportButton } from './ImportDialog';
import { CrossReferencing } from '../matching/EntityMatches';

/** Opens an entity in the drawer, through the address so it can be linked to and reloaded. */
export function useEntityParam() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('entity');
  const open = (entityId: string) => {
    const next = new URLSearchParams(params);
    next.set('entity', entityId);
    setParams(next);
  };
  const close = () => {
    const next = new URLSearchParams(params);
    next.delete('entity');
    setParams(next);
  };
  return { selected, open, close };
}

function GroupTable({ group, items, index, onOpen }: { group: EntityGroup; items: TEntity[]; index: EntityIndex; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const name = useEntityName();
  const schemaLabel = useSchemaLabel();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`entities-${group}`} data-testid={`entity-group-${group}`}>
      <Group gap="xs" mb="xs">
        <Title order={2} size="h4" id={`entities-${group}`}>
          {t(`cases.entities.groups.${group}`)}
        </Title>
        <Badge variant="light" color="gray">
          {items.length}
        </Badge>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" highlightOnHover>
          <TableHeader columns={[t('cases.entities.name'), t('cases.entities.schema'), t('cases.entities.provider')]} />
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id} data-testid="entity-row" data-id={e.id} data-schema={e.schema}>
                <Table.Td style={{ minWidth: 240 }}>
                  <Anchor component="button" type="button" fw={600} ta="start" onClick={() => onOpen(e.id)} dir={nameDir(e.schema)} data-testid="entity-open" style={{ overflowWrap: 'anywhere' }}>
                    {name(e, index)}
                  </Anchor>
                  <KeyProperties entity={e} index={index} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{schemaLabel(e.schema)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <CountryTag code={e.ownerCountry} withName={false} />
                    <HandlingBadge code={e.handlingCode} size="xs" />
                    <ReachBadge reach={e.reach} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

export function EntitiesTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const entities = useEntities(detail.id);
  const items = useMemo(() => entities.data ?? [], [entities.data]);
  const index = useMemo(() => indexEntities(items), [items]);
  const { selected, open, close } = useEntityParam();
  const groups = ENTITY_GROUPS.map((group) => ({ group, items: items.filter((e) => entityGroup(e.schema) === group) })).filter((g) => g.items.length > 0);

  return (
    <Stack gap="md" data-testid="entities-tab">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('cases.entities.intro')}
        </Text>
        <Group gap="xs">
          <AddEntityButton detail={detail} entities={items} />
          <ImportButton detail={detail} />
          <Button component="a" href={exportFtmUrl(detail.id)} download variant="default" data-testid="entity-export">
            {t('cases.entities.export')}
          </Button>
        </Group>
      </Group>
      <CrossReferencing caseId={detail.id} version={entities.dataUpdatedAt} />
      <div aria-live="polite" aria-busy={entities.isFetching}>
        <QueryState query={entities} isEmpty={items.length === 0} empty={<EmptyMessage title={t('cases.entities.emptyTitle')}>{t('cases.entities.empty')}</EmptyMessage>}>
          <Stack gap="md" data-testid="entity-groups">
            {groups.map((g) => (
              <GroupTable key={g.group} group={g.group} items={g.items} index={index} onOpen={open} />
            ))}
          </Stack>
        </QueryState>
      </div>
      <EntityDrawer detail={detail} entity={items.find((e) => e.id === selected)} entities={items} index={index} opened={Boolean(selected) && !entities.isLoading} onClose={close} onOpen={open} />
    </Stack>
  );
}
