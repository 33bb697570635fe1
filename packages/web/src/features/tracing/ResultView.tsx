import { Alert, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { UI_LANGUAGES, type TCaseDetail, type TTracingAnalysisSummary, type TTracingRule, type TTracingRun, type TUiLanguage } from '@focal/shared';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../components/format';
import { fetchLedger, useDraftFreezeRequest, useSaveAnalysis } from './api';
import { tracingErrorMessage } from './errors';
import { CompareTable, HoldingsTable, PathDrawer, useMoney } from './Holdings';
import { DISSIPATED_NODE, fileName, partiesById, partyName, resultCsv, resultFor, sankeyGraph } from './shaping';

// ECharts comes with the first result, not with the tab.
const SankeyChart = lazy(() => import('./SankeyChart'));

export function download(name: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ResultViewProps {
  detail: TCaseDetail;
  run: TTracingRun;
  /** The saved analysis shown, or null for a result not saved yet. */
  analysis: TTracingAnalysisSummary | null;
  rule: TTracingRule;
  onRule: (rule: TTracingRule) => void;
  onSaved: (analysis: TTracingAnalysisSummary) => void;
  onReport: () => void;
}

/** A tracing result: totals and warnings, the rules side by side, the Sankey, holdings, paths, exports. */
export function ResultView({ detail, run, analysis, rule, onRule, onSaved, onReport }: ResultViewProps) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const me = useMe();
  const navigate = useNavigate();
  const save = useSaveAnalysis(detail.id);
  const freeze = useDraftFreezeRequest(detail.id);
  const [saveOpen, setSaveOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [pathOf, setPathOf] = useState<string | null>(null);
  const [freezing, setFreezing] = useState<{ account: string; error: unknown } | null>(null);
  const result = resultFor(run, rule) ?? run.results[0]!;
  const parties = useMemo(() => partiesById(run), [run]);
  const graph = useMemo(() => sankeyGraph(run, result), [run, result]);
  const rtl = i18n.dir() === 'rtl';

  const labelOf = useCallback(
    (name: string) => {
      const node = graph.nodes.find((n) => n.name === name);
      if (!node) return name;
      const label = partyName(parties.get(node.party), node.party);
      if (node.kind === 'dissipated' || name === DISSIPATED_NODE) return t('tracing.sankey.dissipated');
      if (node.kind === 'held') return t('tracing.sankey.held', { name: label });
      if (node.kind === 'returned') return t('tracing.sankey.returned', { name: label });
      return label;
    },
    [graph, parties, t],
  );
  const describeLink = useCallback((link: { amount: string; transactions: number }) => {
    const amount = money({ amount: link.amount, amountMinor: 0, currency: run.ledger.currency });
    return link.transactions > 0 ? t('tracing.sankey.flow', { amount, n: link.transactions }) : amount;
  }, [money, run.ledger.currency, t]);

  const defaultTitle = t('tracing.actions.saveDefault', { date: formatDate(new Date().toISOString(), i18n.language) });
  const saveAnalysis = async (titleText: string) => {
    const saved = await save.mutateAsync({ title: titleText.trim() || defaultTitle, seeds: run.seeds.map((s) => s.id), rules: run.rules });
    onSaved(saved);
    return saved;
  };

  // A figure quoted in a request must be reproducible: an unsaved result is saved first.
  const draftFreeze = async (account: string) => {
    setFreezing({ account, error: null });
    try {
      const id = analysis?.id ?? (await saveAnalysis(defaultTitle)).id;
      const language = (UI_LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as TUiLanguage) : undefined;
      const drafted = await freeze.mutateAsync({ analysisId: id, rule: result.rule, account, ...(language ? { language } : {}) });
      navigate(`/requests/${drafted.requestId}`);
    } catch (error) {
      setFreezing({ account, error });
    }
  };
  const freezeCountry = freezing ? parties.get(freezing.account)?.jurisdiction ?? '' : '';

  const exportCsv = () => {
    const rules = run.results.length > 1 ? run.rules : [result.rule];
    const csv = resultCsv(run, rules, {
      rule: t('tracing.csv.rule'),
      account: t('tracing.holdings.account'),
      holder: t('tracing.csv.holder'),
      jurisdiction: t('tracing.holdings.jurisdiction'),
      kind: t('tracing.csv.kind'),
      amount: t('tracing.holdings.amount'),
      currency: t('tracing.csv.currency'),
      internal: t('tracing.holdings.internal'),
      external: t('tracing.holdings.external'),
      dissipated: t('tracing.dissipated.title'),
      total: t('tracing.compare.total'),
      ruleName: (r) => t(`tracing.rules.${r}.name`),
    });
    download(`${fileName(detail.reference, 'tracing', rules.length > 1 ? 'compare' : result.rule, run.ledger.version.slice(0, 12))}.csv`, csv, 'text/csv;charset=utf-8');
  };
  const [ledgerError, setLedgerError] = useState<unknown>(null);
  const exportLedger = async () => {
    setLedgerError(null);
    try {
      const ledger = await fetchLedger(detail.id, run.seeds.map((s) => s.id));
      download(`${fileName(detail.reference, 'ledger', run.ledger.version.slice(0, 12))}.json`, `${JSON.stringify(ledger, null, 2)}\n`, 'application/json');
    } catch (error) {
      setLedgerError(error);
    }
  };

  return (
    <Stack gap="md" data-testid="tracing-result" data-saved={analysis ? analysis.id : ''}>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={2}>
              <Title order={2} size="h4" dir="auto">
                {analysis ? analysis.title : t('tracing.result.unsaved')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('tracing.result.ledger', { transactions: run.ledger.transactions, accounts: run.ledger.accounts, statements: run.ledger.statements.length })}
              </Text>
              <Tooltip label={run.ledger.version} withArrow>
                <Text size="xs" c="dimmed" ff="monospace" dir="ltr" data-testid="tracing-ledger-version">
                  {t('tracing.result.version')}: {run.ledger.version.slice(0, 16)}…
                </Text>
              </Tooltip>
            </Stack>
            <Group gap="xs" wrap="wrap" className="no-print">
              {analysis ? (
                <Badge color="teal" variant="light" data-testid="tracing-saved-badge">
                  {t('tracing.result.saved')}
                </Badge>
              ) : (
                <Button
                  variant="light"
                  onClick={() => {
                    setTitle(defaultTitle);
                    setSaveOpen(true);
                  }}
                  data-testid="tracing-save"
                >
                  {t('tracing.actions.save')}
                </Button>
              )}
              <Button variant="default" onClick={exportCsv} data-testid="tracing-export-csv">
                {t('tracing.actions.exportCsv')}
              </Button>
              <Button variant="default" onClick={onReport} data-testid="tracing-open-report">
                {t('tracing.actions.report')}
              </Button>
              <Tooltip label={t('tracing.actions.ledgerHelp')} withArrow multiline w={280}>
                <Button variant="default" onClick={() => void exportLedger()} data-testid="tracing-export-ledger">
                  {t('tracing.actions.ledger')}
                </Button>
              </Tooltip>
            </Group>
          </Group>
          <Group gap="xl" wrap="wrap">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('tracing.result.total')}
              </Text>
              <Text fw={700} size="lg" data-testid="tracing-total">
                <bdi>{money(result.totalTainted)}</bdi>
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('tracing.result.held')}
              </Text>
              <Text fw={600}>
                <bdi>{money(result.held)}</bdi>
              </Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('tracing.result.dissipated')}
              </Text>
              <Text fw={600} data-testid="tracing-dissipated-total">
                <bdi>{money(result.dissipatedTotal)}</bdi>
              </Text>
            </Stack>
          </Group>
          {ledgerError ? (
            <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => setLedgerError(null)} closeButtonLabel={t('common.cancel')}>
              {tracingErrorMessage(t, ledgerError)}
            </Alert>
          ) : null}
          {run.ledger.warnings.map((w) => (
            <Alert key={w.code} color="orange" variant="light" data-testid="tracing-warning" data-code={w.code}>
              {t(`tracing.warnings.${w.code}`, { n: w.count, items: w.items.join(', ') })}
            </Alert>
          ))}
        </Stack>
      </Paper>

      {run.results.length > 1 ? (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tracing-compare-title">
          <Stack gap="sm">
            <Title order={3} size="h5" id="tracing-compare-title">
              {t('tracing.compare.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('tracing.compare.help')}
            </Text>
            <CompareTable run={run} selected={result.rule} onSelect={onRule} />
          </Stack>
        </Paper>
      ) : null}

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tracing-detail-title">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={3} size="h5" id="tracing-detail-title">
              {t('tracing.sankey.title', { rule: t(`tracing.rules.${result.rule}.name`) })}
            </Title>
            {run.results.length > 1 ? (
              <SegmentedControl
                size="xs"
                value={result.rule}
                onChange={(value) => onRule(value as TTracingRule)}
                data={run.results.map((r) => ({ value: r.rule, label: t(`tracing.rules.${r.rule}.name`) }))}
                data-testid="tracing-rule-view"
                className="no-print"
              />
            ) : null}
          </Group>
          <Text size="sm" data-testid="tracing-rule-meaning">
            {t(`tracing.rules.${result.rule}.short`)}
          </Text>
          {graph.links.length > 0 ? (
            <Suspense fallback={<Loading />}>
              <SankeyChart graph={graph} labelOf={labelOf} describeLink={describeLink} rtl={rtl} ariaLabel={t('tracing.sankey.aria', { rule: t(`tracing.rules.${result.rule}.name`) })} />
            </Suspense>
          ) : null}
          {result.edgesOmitted.count > 0 ? (
            <Text size="xs" c="dimmed">
              {t('tracing.sankey.omitted', { n: result.edgesOmitted.count, amount: money(result.edgesOmitted.tainted) })}
            </Text>
          ) : null}
          <Title order={4} size="h6" mt="sm">
            {t('tracing.holdings.title')}
          </Title>
          {freezing?.error ? (
            <Alert color="red" variant="light" role="alert" data-testid="tracing-freeze-error" withCloseButton onClose={() => setFreezing(null)} closeButtonLabel={t('common.cancel')}>
              {tracingErrorMessage(t, freezing.error, freezeCountry)}
            </Alert>
          ) : null}
          <HoldingsTable run={run} result={result} myCountry={me?.country} onPath={setPathOf} onFreeze={(account) => void draftFreeze(account)} freezing={freezing && !freezing.error ? freezing.account : null} />
        </Stack>
      </Paper>

      <PathDrawer caseId={detail.id} run={run} rule={result.rule} account={pathOf} onClose={() => setPathOf(null)} />

      <Modal opened={saveOpen} onClose={() => setSaveOpen(false)} title={t('tracing.actions.save')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void saveAnalysis(title).then(() => setSaveOpen(false), () => undefined);
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('tracing.actions.saveHelp')}
            </Text>
            <TextInput label={t('tracing.actions.saveTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={300} data-autofocus data-testid="tracing-save-title" />
            {save.error ? <Alert color="red" variant="light">{tracingErrorMessage(t, save.error)}</Alert> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setSaveOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="tracing-save-confirm">
                {t('tracing.actions.saveConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
