import { Alert, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { TRACING_RULE_IDS, type TCaseDetail, type TTracingAnalysisSummary, type TTracingRule, type TTracingRun } from '@focal/shared';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { useAnalysis, useRunTracing } from './api';
import { tracingErrorMessage } from './errors';
import { ResultView } from './ResultView';
import { SavedAnalyses } from './SavedAnalyses';
import { SeedPicker, type SeedChip } from './SeedPicker';
import { partiesById, partyName } from './shaping';
import { TracingReport } from './TracingReport';

type Mode = TTracingRule | 'compare';

/** The seeds of a saved analysis, named like the picker names them: by the party the money came from. */
const seedsOf = (run: TTracingRun) => {
  const parties = partiesById(run);
  return new Map<number, SeedChip>(run.seeds.map((s) => [s.id, { id: s.id, date: s.date, amount: s.amount, label: partyName(parties.get(s.from), s.from) }]));
};

/**
 * Funds tracing in a case: pick the seed transactions, a rule or all four, and see where the
 * money rests. A saved analysis is in the address (`?analysis=`), so it can be reopened and
 * linked; `?view=report` shows its printable report.
 */
export default function TracingTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const analysisId = params.get('analysis');
  const [seeds, setSeeds] = useState<Map<number, SeedChip>>(new Map());
  const [mode, setMode] = useState<Mode>('compare');
  const [unsaved, setUnsaved] = useState<TTracingRun | null>(null);
  const [rule, setRule] = useState<TTracingRule>('fifo');
  const run = useRunTracing(detail.id);
  const saved = useAnalysis(detail.id, analysisId);

  // Reopening a saved analysis puts its seeds back in the picker, to vary them.
  const savedRun = saved.data?.run;
  useEffect(() => {
    if (!savedRun) return;
    setSeeds(seedsOf(savedRun));
    setRule((current) => (savedRun.rules.includes(current) ? current : savedRun.rules[0]!));
  }, [savedRun]);

  const shown = analysisId ? (saved.data ? { run: saved.data.run, analysis: saved.data as TTracingAnalysisSummary } : null) : unsaved ? { run: unsaved, analysis: null } : null;

  const setParam = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: false },
    );

  const trace = () => {
    const rules = mode === 'compare' ? [...TRACING_RULE_IDS] : [mode];
    run.mutate(
      { seeds: [...seeds.keys()], rules },
      {
        onSuccess: (result) => {
          setUnsaved(result);
          setRule((current) => (result.rules.includes(current) ? current : result.rules[0]!));
          setParam({ analysis: null, view: null });
        },
      },
    );
  };
  const open = (analysis: TTracingAnalysisSummary) => {
    setUnsaved(null);
    setParam({ analysis: analysis.id, view: null });
  };

  if (params.get('view') === 'report' && shown) {
    return <TracingReport detail={detail} run={shown.run} analysis={shown.analysis} onBack={() => setParam({ view: null })} />;
  }

  return (
    <Stack gap="md" data-testid="tracing-tab">
      <Text size="sm" c="dimmed" maw={800} className="no-print">
        {t('tracing.intro')}
      </Text>
      <SeedPicker caseId={detail.id} seeds={seeds} onChange={setSeeds} />

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tracing-rule-title" className="no-print">
        <Stack gap="sm">
          <Title order={2} size="h4" id="tracing-rule-title">
            {t('tracing.rule.title')}
          </Title>
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as Mode)}
            data={[...TRACING_RULE_IDS.map((r) => ({ value: r, label: t(`tracing.rules.${r}.name`) })), { value: 'compare', label: t('tracing.rule.compare') }]}
            fullWidth
            data-testid="tracing-mode"
          />
          <Text size="sm" data-testid="tracing-mode-help">
            {mode === 'compare' ? t('tracing.rule.compareHelp') : t(`tracing.rules.${mode}.short`)}
          </Text>
          {run.error ? (
            <Alert color="red" variant="light" role="alert" data-testid="tracing-run-error">
              {tracingErrorMessage(t, run.error)}
            </Alert>
          ) : null}
          <Group>
            <Button onClick={trace} disabled={seeds.size === 0} loading={run.isPending} data-testid="tracing-run">
              {t('tracing.rule.run')}
            </Button>
            {seeds.size === 0 ? (
              <Text size="sm" c="dimmed">
                {t('tracing.rule.needSeeds')}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </Paper>

      <SavedAnalyses
        caseId={detail.id}
        openId={analysisId}
        onOpen={open}
        onShowCurrent={(rerun) => {
          if (!rerun.current) return;
          setUnsaved(rerun.current);
          setParam({ analysis: null, view: null });
        }}
      />

      {analysisId && saved.isLoading ? <Loading /> : null}
      {analysisId && saved.error ? <Alert color="red" variant="light">{tracingErrorMessage(t, saved.error)}</Alert> : null}
      {shown ? (
        <ResultView
          detail={detail}
          run={shown.run}
          analysis={shown.analysis}
          rule={shown.run.rules.includes(rule) ? rule : shown.run.rules[0]!}
          onRule={setRule}
          onSaved={(analysis) => {
            setUnsaved(null);
            setParam({ analysis: analysis.id });
          }}
          onReport={() => setParam({ view: 'report' })}
        />
      ) : null}
    </Stack>
  );
}
