import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { WORKSHOP_ORGANISER_ROLES } from '@focal/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { CountryTag } from '../cases/CaseBadges';
import { useWorkshops } from './api';
import { formatDays } from './format';
import { Days, ModeBadge, NominationBadge, TrainingTabs } from './parts';

export default function WorkshopListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('training.title'));
  const me = useMe();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const workshops = useWorkshops(when);
  const items = workshops.data ?? [];
  const organiser = me ? me.roles.some((r) => (WORKSHOP_ORGANISER_ROLES as readonly string[]).includes(r)) : false;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="training-title">
            {t('training.title')}
          </Title>
          <Text c="dimmed">{t('training.intro')}</Text>
        </div>
        {organiser ? (
          <Button component={Link} to="/training/new" data-testid="workshop-new">
            {t('training.workshop.new')}
          </Button>
        ) : null}
      </Group>
      <TrainingTabs />
      <SegmentedControl
        w="fit-content"
        value={when}
        onChange={(value) => setWhen(value as 'upcoming' | 'past')}
        data={[
          { value: 'upcoming', label: t('training.list.upcoming') },
          { value: 'past', label: t('training.list.past') },
        ]}
        aria-label={t('training.list.when')}
      />
      <QueryState query={workshops} isEmpty={items.length === 0} empty={<EmptyMessage title={t(when === 'upcoming' ? 'training.list.noneUpcoming' : 'training.list.nonePast')}>{t('training.list.emptyHelp')}</EmptyMessage>}>
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="workshops-table">
            <VisuallyHidden component="caption">{t('training.tabs.workshops')}</VisuallyHidden>
            <TableHeader columns={[t('training.fields.title'), t('training.fields.dates'), t('training.fields.host'), t('training.fields.region'), t('training.fields.seats'), t('training.fields.nominations'), t('training.fields.mine')]} />
            <Table.Tbody>
              {items.map((w) => (
                <Table.Tr key={w.id} data-testid="workshop-row" data-id={w.id}>
                  <Table.Td style={{ minWidth: 220 }}>
                    <Anchor component={Link} to={`/training/workshops/${w.id}`} fw={600} dir="auto" data-testid="workshop-link">
                      {w.title}
                    </Anchor>
                    <Group gap={4} mt={4}>
                      <ModeBadge mode={w.mode} />
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Days from={w.startsOn} to={w.endsOn} />
                  </Table.Td>
                  <Table.Td>
                    <CountryTag code={w.hostCountry} />
                  </Table.Td>
                  <Table.Td>{w.region ? t(`regions.${w.region}`) : t('training.region.global')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('training.list.seats', { confirmed: w.confirmed, capacity: w.capacity })}</Table.Td>
                  <Table.Td>
                    {w.nominationsOpen ? (
                      <Badge color="green" variant="light">
                        {t('training.list.openUntil', { date: formatDays(w.nominationDeadline, w.nominationDeadline, i18n.language) })}
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        {t('training.list.closed')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{w.myStatus ? <NominationBadge status={w.myStatus} /> : null}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}
