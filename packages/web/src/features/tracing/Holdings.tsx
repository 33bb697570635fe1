import { Badge, Button, Drawer, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { TMoney, TTracingParty, TTracingRule, TTracingRuleResult, TTracingRun } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { formatDate } from '../../components/format';
import { formatMoney } from '../cases/assets';
import { CountryTag } from '../cases/CaseBadges';
import { useTracingPath } from './api';
import { comparisonRows, holdingRows, partiesById, partyName } from './shaping';

export function useMoney() {
  const { i18n } = useTranslation();
  return (money: TMoney) => formatMoney(money.amount, money.currency, i18n.language);
}

/** A party as a person reads it: the holder, then the account (always left to right). */
export function PartyCell({ id, party }: { id: string; party: TTracingParty | undefined }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500} dir="auto">
        {party?.holder ?? id}
      </Text>
      {party?.holder ? (
        <Text size="xs" c="dimmed" ff="monospace" dir="ltr" style={{ overflowWrap: 'anywhere' }}>
          {id}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {party?.internal ? t('tracing.holdings.internal') : t('tracing.holdings.external')}
        {party?.bank ? ` · ${party.bank}` : ''}
      </Text>
    </Stack>
  );
}

export function JurisdictionCell({ party }: { party: TTracingParty | undefined }) {
  const { t } = useTranslation();
  return party?.jurisdiction ? (
    <CountryTag code={party.jurisdiction} />
  ) : (
    <Text size="xs" c="dimmed">
      {t('tracing.holdings.unknown')}
    </Text>
  );
}

/** Why a holding cannot be the object of a request from here, or null when it can. */
export function freezeBlocked(party: TTracingParty | undefined, myCountry: string | undefined): 'noJurisdiction' | 'ownCountry' | null {
  if (!party?.jurisdiction) return 'noJurisdiction';
  if (party.jurisdiction === myCountry) return 'ownCountry';
  return null;
}

export interface HoldingsTableProps {
  run: TTracingRun;
  result: TTracingRuleResult;
  myCountry: string | undefined;
  onPath: (account: string) => void;
  onFreeze: (account: string) => void;
  /** The account whose request is being drafted. */
  freezing: string | null;
}

/** Where the taint rests under one rule: account, holder, jurisdiction, amount and share. */
export function HoldingsTable({ run, result, myCountry, onPath, onFreeze, freezing }: HoldingsTableProps) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const rows = holdingRows(run, result);
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={6} fz="sm" data-testid="tracing-holdings" data-rule={result.rule}>
          <TableHeader columns={[t('tracing.holdings.account'), t('tracing.holdings.jurisdiction'), t('tracing.holdings.amount'), t('tracing.holdings.share')]} actions />
          <Table.Tbody>
            {rows.map((row) => {
              const blocked = freezeBlocked(row.party, myCountry);
              return (
                <Table.Tr key={row.account} data-testid="tracing-holding" data-account={row.account} data-jurisdiction={row.party?.jurisdiction ?? ''}>
                  <Table.Td>
                    <PartyCell id={row.account} party={row.party} />
                  </Table.Td>
                  <Table.Td>
                    <JurisdictionCell party={row.party} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'end' }} data-testid="tracing-holding-amount">
                    <bdi>{money(row.tainted)}</bdi>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'end' }}>{percent.format(row.share)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} justify="flex-end" wrap="nowrap" className="no-print">
                      <Button size="xs" variant="default" onClick={() => onPath(row.account)} data-testid="tracing-holding-path">
                        {t('tracing.holdings.path')}
                      </Button>
                      <Tooltip label={blocked ? t(`tracing.holdings.freezeBlocked.${blocked}`) : t('tracing.holdings.freezeHelp')} withArrow multiline w={260}>
                        <Button
                          size="xs"
                          color="cyan"
                          disabled={blocked !== null || (freezing !== null && freezing !== row.account)}
                          loading={freezing === row.account}
                          onClick={() => onFreeze(row.account)}
                          data-testid="tracing-holding-freeze"
                        >
                          {t('tracing.holdings.freeze')}
                        </Button>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {result.holdingsOmitted > 0 ? (
        <Text size="xs" c="dimmed">
          {t('tracing.holdings.omitted', { n: result.holdingsOmitted })}
        </Text>
      ) : null}
      {result.dissipated.length > 0 ? <DissipatedTable run={run} result={result} /> : null}
    </Stack>
  );
}

function DissipatedTable({ run, result }: { run: TTracingRun; result: TTracingRuleResult }) {
  const { t } = useTranslation();
  const money = useMoney();
  const parties = partiesById(run);
  return (
    <Stack gap={4} mt="sm">
      <Text fw={600} size="sm">
        {t('tracing.dissipated.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('tracing.dissipated.help')}
      </Text>
      <Table verticalSpacing={4} fz="sm" data-testid="tracing-dissipated">
        <TableHeader columns={[t('tracing.holdings.account'), t('tracing.holdings.jurisdiction'), t('tracing.holdings.amount')]} />
        <Table.Tbody>
          {result.dissipated.map((d) => (
            <Table.Tr key={d.account}>
              <Table.Td>
                <PartyCell id={d.account} party={parties.get(d.account)} />
              </Table.Td>
              <Table.Td>
                <JurisdictionCell party={parties.get(d.account)} />
              </Table.Td>
              <Table.Td style={{ textAlign: 'end' }}>
                <bdi>{money(d.amount)}</bdi>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The four rules side by side: what each account holds under each. */
export function CompareTable({ run, selected, onSelect }: { run: TTracingRun; selected: TTracingRule; onSelect: (rule: TTracingRule) => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const rows = comparisonRows(run);
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing={6} fz="sm" data-testid="tracing-compare" withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('tracing.holdings.account')}</Table.Th>
            <Table.Th scope="col">{t('tracing.holdings.jurisdiction')}</Table.Th>
            {run.results.map((r) => (
              <Table.Th key={r.rule} scope="col" style={{ textAlign: 'end' }} bg={r.rule === selected ? 'var(--mantine-color-blue-light)' : undefined}>
                <Button variant="subtle" size="compact-sm" onClick={() => onSelect(r.rule)} aria-pressed={r.rule === selected} data-testid={`tracing-compare-rule-${r.rule}`}>
                  {t(`tracing.rules.${r.rule}.name`)}
                </Button>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.account} data-testid="tracing-compare-row" data-account={row.account}>
              <Table.Td>
                <PartyCell id={row.account} party={row.party} />
              </Table.Td>
              <Table.Td>
                <JurisdictionCell party={row.party} />
              </Table.Td>
              {run.results.map((r) => {
                const value = row.byRule[r.rule];
                return (
                  <Table.Td key={r.rule} style={{ textAlign: 'end', whiteSpace: 'nowrap' }} data-rule={r.rule} data-testid="tracing-compare-cell">
                    {value ? <bdi>{money(value)}</bdi> : <Text c="dimmed" span>—</Text>}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row" colSpan={2}>
              {t('tracing.compare.dissipated')}
            </Table.Th>
            {run.results.map((r) => (
              <Table.Td key={r.rule} style={{ textAlign: 'end', whiteSpace: 'nowrap' }}>
                <bdi>{money(r.dissipatedTotal)}</bdi>
              </Table.Td>
            ))}
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row" colSpan={2}>
              {t('tracing.compare.total')}
            </Table.Th>
            {run.results.map((r) => (
              <Table.Td key={r.rule} style={{ textAlign: 'end', whiteSpace: 'nowrap' }} fw={700}>
                <bdi>{money(r.totalTainted)}</bdi>
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * How the money reached a holding: the tainted movements back to the seeds, oldest first. Asked
 * of the server when opened, on the ledger as it is now: if the statements changed since the
 * result was computed, the drawer says so.
 */
export function PathDrawer({ caseId, run, rule, account, onClose }: { caseId: string; run: TTracingRun; rule: TTracingRule; account: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const query = useTracingPath(caseId, account ? { seeds: run.seeds.map((s) => s.id), rule, account } : null);
  const parties = new Map([...partiesById(run), ...partiesById({ parties: query.data?.parties ?? [] })]);
  const name = account ? partyName(parties.get(account), account) : '';
  const path = query.data?.path;
  return (
    <Drawer opened={account !== null} onClose={onClose} position="right" size="xl" title={t('tracing.path.title', { name })} closeButtonProps={{ 'aria-label': t('tracing.path.close') }}>
      <Stack gap="sm" data-testid="tracing-path">
        <Text size="sm" c="dimmed">
          {t('tracing.path.help', { rule: t(`tracing.rules.${rule}.name`) })}
        </Text>
        <QueryState query={query}>
          {query.data && query.data.ledgerVersion !== run.ledger.version ? (
            <Text size="xs" c="orange.8" data-testid="tracing-path-ledger-changed">
              {t('tracing.path.ledgerChanged')}
            </Text>
          ) : null}
          {path?.truncated ? (
            <Text size="xs" c="orange.8">
              {t('tracing.path.truncated', { n: path.steps.length })}
            </Text>
          ) : null}
          {path && path.steps.length === 0 ? <Text size="sm">{t('tracing.path.none')}</Text> : null}
          {path && path.steps.length > 0 ? (
            <Table verticalSpacing={6} fz="sm">
              <TableHeader columns={[t('tracing.path.date'), t('tracing.path.from'), t('tracing.path.to'), t('tracing.path.amount'), t('tracing.path.tainted')]} />
              <Table.Tbody>
                {path.steps.map((step) => (
                  <Table.Tr key={step.transaction} data-testid="tracing-path-step" data-seed={step.seed}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(step.date, i18n.language, 'UTC')}
                      {step.seed ? (
                        <Badge size="xs" color="orange" ms={6}>
                          {t('tracing.path.seed')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <PartyCell id={step.from} party={parties.get(step.from)} />
                    </Table.Td>
                    <Table.Td>
                      <PartyCell id={step.to} party={parties.get(step.to)} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'end' }}>
                      <bdi>{money(step.amount)}</bdi>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'end' }} fw={600}>
                      <bdi>{money(step.tainted)}</bdi>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
        </QueryState>
      </Stack>
    </Drawer>
  );
}
