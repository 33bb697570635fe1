import { Alert, Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { schemaOf } from '@focal/shared';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { CountryTag } from '../cases/CaseBadges';
import { propertyLabel } from '../cases/entityForm';
import { nameDir, useSchemaLabel, ValueText, type EntityIndex } from '../cases/EntityView';
import { useSharedEntity, type TSharedEntity } from './api';
import { caseEntityPath } from './format';
import { useMemberCaseIds } from './MatchParts';

const NO_ENTITIES: EntityIndex = new Map();

/** Properties in the schema's order, then any the model does not list. */
function orderedProperties(entity: TSharedEntity): string[] {
  const order = (schemaOf(entity.schema)?.properties ?? []).map((p) => p.name);
  const present = Object.keys(entity.properties).filter((p) => (entity.properties[p]?.length ?? 0) > 0);
  return [...order.filter((p) => present.includes(p)), ...present.filter((p) => !order.includes(p))];
}

function NotShared() {
  const { t } = useTranslation();
  usePageTitle(t('matching.shared.notFoundTitle'));
  return (
    <Stack align="center" py="xl" gap="md" data-testid="shared-entity-not-found">
      <Title order={1}>{t('matching.shared.notFoundTitle')}</Title>
      <Text c="dimmed" ta="center" maw={560}>
        {t('matching.shared.notFound')}
      </Text>
      <Button component={Link} to="/matches">
        {t('matching.shared.back')}
      </Button>
    </Stack>
  );
}

/** An entity of another case seen through a granted request for access: caption, type and values. */
export default function SharedEntityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const entity = useSharedEntity(id);
  const schemaLabel = useSchemaLabel();
  const memberCaseIds = useMemberCaseIds();
  usePageTitle(entity.data?.caption ?? t('matching.shared.title'));

  if (entity.isLoading) return <Loading />;
  if (entity.error instanceof ApiError && (entity.error.status === 404 || entity.error.status === 400)) return <NotShared />;
  if (!entity.data) return <ErrorAlert error={entity.error} />;
  const e = entity.data;
  const member = memberCaseIds?.has(e.caseId) ?? false;
  return (
    <Stack gap="md" maw={880} data-testid="shared-entity" data-id={e.id}>
      <Anchor component={Link} to="/matches" size="sm">
        {t('matching.shared.back')}
      </Anchor>
      <div>
        <Text size="sm" c="dimmed">
          {schemaLabel(e.schema)}
        </Text>
        <Title order={1} size="h2" dir={nameDir(e.schema)} data-testid="shared-entity-caption" style={{ overflowWrap: 'anywhere' }}>
          {e.caption}
        </Title>
        <Group gap={6} mt={6} wrap="wrap">
          <Text size="sm" ff="monospace" data-testid="shared-entity-case">
            {e.caseReference}
          </Text>
          <Text span size="sm" c="dimmed">
            {t('matching.ledBy')}
          </Text>
          <CountryTag code={e.leadCountry} />
        </Group>
      </div>
      {member ? (
        <Group>
          <Button component={Link} to={caseEntityPath(e.caseId, e.id)} variant="light" data-testid="shared-entity-open-case">
            {t('matching.shared.openInCase')}
          </Button>
        </Group>
      ) : (
        <Alert color="blue" variant="light" data-testid="shared-entity-granted">
          {t('matching.shared.granted')}
        </Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Table verticalSpacing={6} data-testid="shared-entity-properties">
          <Table.Tbody>
            {orderedProperties(e).map((prop) => (
              <Table.Tr key={prop} data-testid="shared-entity-property" data-prop={prop}>
                <Table.Th scope="row" w={190} fw={600} c="dimmed" fz="sm" style={{ verticalAlign: 'top' }}>
                  {propertyLabel(t, e.schema, prop)}
                </Table.Th>
                <Table.Td>
                  <Stack gap={4}>
                    {(e.properties[prop] ?? []).map((value) => (
                      <div key={value} data-testid="shared-entity-value" data-value={value}>
                        <ValueText entity={e} prop={prop} value={value} index={NO_ENTITIES} />
                      </div>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
