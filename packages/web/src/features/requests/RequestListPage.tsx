import { Badge, Button, Group, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { isCountryOfficer } from '../../components/roles';
import type { RequestBox, RequestScope } from '../cases/keys';
import { useRequests, useWaitingOnMeCount } from './api';
import { RequestTable } from './RequestTable';

const BOXES: RequestBox[] = ['waiting_on_me', 'waiting_on_them', 'all'];
const SCOPES: RequestScope[] = ['country', 'mine'];

export default function RequestListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const boxParam = params.get('box') as RequestBox | null;
  const box: RequestBox = boxParam && BOXES.includes(boxParam) ? boxParam : 'waiting_on_me';
  const scopeParam = params.get('scope') as RequestScope | null;
  const scope: RequestScope = scopeParam && SCOPES.includes(scopeParam) ? scopeParam : 'country';
  const requests = useRequests({ box, scope });
  const waiting = useWaitingOnMeCount(true);
  const items = requests.data ?? [];
  usePageTitle(`${t('requests.title')} · ${t(`requests.box.${box}`)}`);

  const set = (key: 'box' | 'scope', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} data-testid="requests-title">
            {t('requests.title')}
          </Title>
          <Text c="dimmed">{t('requests.intro')}</Text>
        </div>
        {me && isCountryOfficer(me.roles) ? (
          <Button component={Link} to="/requests/new" data-testid="request-new">
            {t('requests.new')}
          </Button>
        ) : null}
      </Group>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Tabs value={box} onChange={(v) => v && set('box', v)}>
          <Tabs.List>
            {BOXES.map((b) => (
              <Tabs.Tab
                key={b}
                value={b}
                data-testid={`requests-box-${b}`}
                rightSection={
                  b === 'waiting_on_me' && waiting > 0 ? (
                    <Badge size="sm" color="red" circle={waiting < 10}>
                      {waiting}
                    </Badge>
                  ) : null
                }
              >
                {t(`requests.box.${b}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" id="requests-scope-label">
            {t('requests.scope.label')}
          </Text>
          <SegmentedControl
            aria-labelledby="requests-scope-label"
            value={scope}
            onChange={(v) => set('scope', v)}
            data={SCOPES.map((s) => ({ value: s, label: t(`requests.scope.${s}`) }))}
            data-testid="requests-scope"
          />
        </Stack>
      </Group>
      <div aria-live="polite" aria-busy={requests.isFetching}>
        <QueryState query={requests} isEmpty={items.length === 0} empty={<EmptyMessage title={t(`requests.empty.${box}`)}>{t('requests.emptyHelp')}</EmptyMessage>}>
          <RequestTable items={items} caption={t(`requests.box.${box}`)} />
        </QueryState>
      </div>
    </Stack>
  );
}
