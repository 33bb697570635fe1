import { Button, Group, Stack, Text } from '@mantine/core';
import type { TCaseDetail } from '@focal/shared';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { QueryState } from '../../components/QueryState';
import { useRequests } from '../requests/api';
import { RequestTable } from '../requests/RequestTable';

/** The requests for assistance made within the case, in both directions. */
export function CaseRequestsTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const requests = useRequests({ box: 'all', scope: 'country', caseId: detail.id });
  const items = requests.data ?? [];
  return (
    <Stack gap="md" data-testid="case-requests-tab">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('cases.requests.intro')}
        </Text>
        <Button component={Link} to={`/requests/new?caseId=${detail.id}`} data-testid="case-request-new">
          {t('requests.new')}
        </Button>
      </Group>
      <QueryState query={requests} isEmpty={items.length === 0} empty={<EmptyMessage title={t('cases.requests.emptyTitle')}>{t('cases.requests.empty')}</EmptyMessage>}>
        <RequestTable items={items} caption={t('cases.tabs.requests')} showCase={false} />
      </QueryState>
    </Stack>
  );
}
