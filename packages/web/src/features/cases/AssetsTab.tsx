import { Anchor, Button, Divider, Drawer, Group, Paper, Stack, Table, Text, Timeline, Title, useDirection, VisuallyHidden } from '@mantine/core';
import type { TAsset, TCaseDetail, TCaseDocument } from '@focal/shared';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyMessage } from '../../components/EmptyMessage';
import { formatDate } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useAssets, useCaseTotals, useDocuments } from './api';
import { MoneyText, StageBadge, StageStepper, TotalsPanel } from './AssetBadges';
import { AddValuationForm, RecordStepForm } from './AssetForms';
import { STAGE_COLOR } from './assets';
import { CountryTag } from './CaseBadges';
import { useSchemaLabel } from './EntityView';

/** Opens an asset in the drawer, through the address so it can be linked to and reloaded. */
function useAssetParam() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('asset');
  const update = (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set('asset', value);
    else next.delete('asset');
    setParams(next);
  };
  return { selected, open: (id: string) => update(id), close: () => update(null) };
}

/** A date of the calendar (YYYY-MM-DD) in the reader's language, without a time zone shifting it. */
const calendarDate = (date: string, lang: string) => formatDate(`${date}T12:00:00Z`, lang, 'UTC');

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm">
      <Text span size="sm" c="dimmed">
        {label}
        {': '}
      </Text>
      {children}
    </Text>
  );
}

function Measures({ detail, asset, documents }: { detail: TCaseDetail; asset: TAsset; documents: TCaseDocument[] }) {
  const { t, i18n } = useTranslation();
  if (asset.measures.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('cases.assets.noMeasures')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={16} lineWidth={2} active={asset.measures.length - 1} data-testid="asset-measures">
      {asset.measures.map((m) => {
        const document = m.documentId ? documents.find((d) => d.id === m.documentId) : undefined;
        return (
          <Timeline.Item key={m.id} color={STAGE_COLOR[m.stage]}>
            <Stack gap={2} data-testid="asset-measure" data-stage={m.stage} data-amount={m.amount} data-currency={m.currency}>
              <Group gap="xs" wrap="wrap">
                <StageBadge stage={m.stage} />
                <MoneyText money={m} fw={700} testId="asset-measure-amount" />
                <Text size="sm">{t(`cases.assets.measureTypes.${m.measureType}`)}</Text>
              </Group>
              <Group gap={6} wrap="wrap">
                <Text size="xs" c="dimmed">
                  {calendarDate(m.date, i18n.language)}
                </Text>
                <CountryTag code={m.jurisdiction} size="xs" />
              </Group>
              {m.authority ? (
                <Line label={t('cases.assets.fields.authority')}>
                  <bdi data-testid="asset-measure-authority">{m.authority}</bdi>
                </Line>
              ) : null}
              {m.reference ? (
                <Line label={t('cases.assets.fields.reference')}>
                  <bdi data-testid="asset-measure-reference">{m.reference}</bdi>
                </Line>
              ) : null}
              {m.documentId ? (
                <Line label={t('cases.assets.fields.document')}>
                  {document ? (
                    <Anchor component={Link} to={`/cases/${detail.id}/evidence?document=${document.id}`} size="sm" dir="auto" data-testid="asset-measure-document">
                      {document.title}
                    </Anchor>
                  ) : (
                    <Text span size="sm" c="dimmed">
                      {t('cases.assets.documentHidden')}
                    </Text>
                  )}
                </Line>
              ) : null}
              {m.stage === 'returned' ? (
                <>
                  {m.receivingCountry ? (
                    <Line label={t('cases.assets.fields.receivingCountry')}>
                      <CountryTag code={m.receivingCountry} size="xs" />
                    </Line>
                  ) : null}
                  {m.art57Branch ? <Line label={t('cases.assets.fields.art57Branch')}>{t(`cases.assets.art57.${m.art57Branch}`)}</Line> : null}
                  {m.expenses ? (
                    <Line label={t('cases.assets.fields.expenses')}>
                      <MoneyText money={m.expenses} />
                    </Line>
                  ) : null}
                </>
              ) : null}
              {m.note ? (
                <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.note}
                </Text>
              ) : null}
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {t('cases.assets.recordedBy')}
                </Text>
                <CountryTag code={m.ownerCountry} withName={false} size="xs" />
              </Group>
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

function Valuations({ asset }: { asset: TAsset }) {
  const { t, i18n } = useTranslation();
  if (asset.valuations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('cases.assets.noValuations')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table verticalSpacing={4} fz="sm" data-testid="asset-valuations">
        <VisuallyHidden component="caption">{t('cases.assets.valuationsTitle')}</VisuallyHidden>
        <TableHeader columns={[t('cases.assets.fields.valuedOn'), t('cases.assets.fields.amount'), t('cases.assets.fields.source'), t('cases.entities.provider')]} />
        <Table.Tbody>
          {[...asset.valuations].reverse().map((v) => (
            <Table.Tr key={v.id} data-testid="asset-valuation" data-amount={v.amount} data-currency={v.currency}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{calendarDate(v.valuedOn, i18n.language)}</Table.Td>
              <Table.Td>
                <MoneyText money={v} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                  {v.source}
                </Text>
              </Table.Td>
              <Table.Td>
                <CountryTag code={v.ownerCountry} withName={false} size="xs" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AssetView({ detail, asset, documents }: { detail: TCaseDetail; asset: TAsset; documents: TCaseDocument[] }) {
  const { t } = useTranslation();
  const schemaLabel = useSchemaLabel();
  const [form, setForm] = useState<'valuation' | 'step' | null>(null);
  return (
    <Stack gap="md" data-testid="asset-view" data-id={asset.entityId} data-stage={asset.stage ?? ''}>
      <div>
        <Title order={2} size="h3" dir="auto" data-testid="asset-caption" style={{ overflowWrap: 'anywhere' }}>
          {asset.caption}
        </Title>
        <Group gap={6} mt={6} wrap="wrap">
          <Text size="sm" c="dimmed">
            {schemaLabel(asset.schema)}
          </Text>
          {asset.jurisdiction ? <CountryTag code={asset.jurisdiction} /> : null}
          <StageBadge stage={asset.stage} />
          {asset.latestValue ? <MoneyText money={asset.latestValue} fw={600} testId="asset-latest-value" /> : null}
        </Group>
        <Anchor component={Link} to={`/cases/${detail.id}/entities?entity=${asset.entityId}`} size="xs">
          {t('cases.assets.openEntity')}
        </Anchor>
      </div>
      <StageStepper stage={asset.stage} reached={asset.measures.map((m) => m.stage)} />
      {form === 'valuation' ? (
        <AddValuationForm detail={detail} asset={asset} onDone={() => setForm(null)} />
      ) : form === 'step' ? (
        <RecordStepForm detail={detail} asset={asset} documents={documents} onDone={() => setForm(null)} />
      ) : (
        <Group gap="xs">
          <Button size="xs" onClick={() => setForm('step')} data-testid="asset-record-step">
            {t('cases.assets.form.recordStep')}
          </Button>
          <Button size="xs" variant="light" onClick={() => setForm('valuation')} data-testid="asset-add-valuation">
            {t('cases.assets.form.addValuation')}
          </Button>
        </Group>
      )}
      <Divider />
      <section aria-labelledby="asset-measures-title">
        <Title order={3} size="h5" mb="xs" id="asset-measures-title">
          {t('cases.assets.measuresTitle')}
        </Title>
        <Measures detail={detail} asset={asset} documents={documents} />
      </section>
      <section aria-labelledby="asset-valuations-title">
        <Title order={3} size="h5" mb="xs" id="asset-valuations-title">
          {t('cases.assets.valuationsTitle')}
        </Title>
        <Valuations asset={asset} />
      </section>
    </Stack>
  );
}

function AssetDrawer({ detail, asset, documents, opened, onClose }: { detail: TCaseDetail; asset: TAsset | undefined; documents: TCaseDocument[]; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  return (
    <Drawer opened={opened} onClose={onClose} position={dir === 'rtl' ? 'left' : 'right'} size="xl" title={t('cases.assets.drawerTitle')} data-testid="asset-drawer">
      {asset ? (
        <AssetView key={asset.entityId} detail={detail} asset={asset} documents={documents} />
      ) : (
        <Text c="dimmed">{t('cases.assets.notFound')}</Text>
      )}
    </Drawer>
  );
}

function AssetTable({ items, onOpen }: { items: TAsset[]; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const schemaLabel = useSchemaLabel();
  return (
    <Paper withBorder p="md" radius="md">
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" highlightOnHover data-testid="assets-table">
          <VisuallyHidden component="caption">{t('cases.assets.caption')}</VisuallyHidden>
          <TableHeader columns={[t('cases.assets.columns.asset'), t('cases.assets.columns.kind'), t('cases.assets.columns.jurisdiction'), t('cases.assets.columns.latestValue'), t('cases.assets.columns.stage')]} />
          <Table.Tbody>
            {items.map((a) => {
              const lastStep = a.measures.filter((m) => m.stage === a.stage).at(-1);
              return (
                <Table.Tr key={a.entityId} data-testid="asset-row" data-id={a.entityId} data-schema={a.schema} data-stage={a.stage ?? ''}>
                  <Table.Td style={{ minWidth: 220 }}>
                    <Anchor component="button" type="button" fw={600} ta="start" onClick={() => onOpen(a.entityId)} dir="auto" data-testid="asset-open" style={{ overflowWrap: 'anywhere' }}>
                      {a.caption}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{schemaLabel(a.schema)}</Text>
                  </Table.Td>
                  <Table.Td>{a.jurisdiction ? <CountryTag code={a.jurisdiction} /> : <Text span size="sm" c="dimmed">{t('cases.assets.unknown')}</Text>}</Table.Td>
                  <Table.Td>{a.latestValue ? <MoneyText money={a.latestValue} testId="asset-row-value" /> : <Text span size="sm" c="dimmed">{t('cases.assets.noValue')}</Text>}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <StageBadge stage={a.stage} />
                      {lastStep ? <MoneyText money={lastStep} size="xs" testId="asset-row-stage-amount" /> : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The case's assets and where each stands in recovery, with totals per stage. */
export function AssetsTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const assets = useAssets(detail.id);
  const totals = useCaseTotals(detail.id);
  const documents = useDocuments(detail.id);
  const items = useMemo(() => assets.data ?? [], [assets.data]);
  const { selected, open, close } = useAssetParam();
  return (
    <Stack gap="md" data-testid="assets-tab">
      <Text size="sm" c="dimmed" maw={760}>
        {t('cases.assets.intro')}
      </Text>
      {totals.data ? <TotalsPanel totals={totals.data} title={t('cases.assets.totals.title')} /> : null}
      <div aria-live="polite" aria-busy={assets.isFetching}>
        <QueryState query={assets} isEmpty={items.length === 0} empty={<EmptyMessage title={t('cases.assets.emptyTitle')}>{t('cases.assets.empty')}</EmptyMessage>}>
          <AssetTable items={items} onOpen={open} />
        </QueryState>
      </div>
      <AssetDrawer detail={detail} asset={items.find((a) => a.entityId === selected)} documents={documents.data ?? []} opened={Boolean(selected) && !assets.isLoading} onClose={close} />
    </Stack>
  );
}
