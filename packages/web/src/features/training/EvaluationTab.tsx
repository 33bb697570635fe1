import { Alert, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { EVALUATION_QUESTIONS, type TEvaluationQuestion, type TEvaluationSummary, type TWorkshopDetail } from '@focal/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, isUiLanguage } from '../../i18n';
import { EmptyMessage } from '../../components/EmptyMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useEvaluationResults, useSubmitEvaluation } from './api';

const RATINGS = ['1', '2', '3', '4', '5'];

function Questionnaire({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  const submit = useSubmitEvaluation(workshop.id);
  const [ratings, setRatings] = useState<Partial<Record<TEvaluationQuestion, number>>>({});
  const [useful, setUseful] = useState('');
  const [improve, setImprove] = useState('');
  const complete = EVALUATION_QUESTIONS.every((q) => ratings[q]);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    submit.mutate({ ratings: ratings as Record<TEvaluationQuestion, number>, useful: useful.trim(), improve: improve.trim() });
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={send} data-testid="evaluation-form">
      <Stack>
        <div>
          <Title order={2} size="h4">
            {t('training.evaluation.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('training.evaluation.help')}
          </Text>
        </div>
        {EVALUATION_QUESTIONS.map((q) => (
          <div key={q} role="group" aria-labelledby={`eval-${q}-label`}>
            <Text id={`eval-${q}-label`} size="sm" fw={500} mb={4}>
              {t(`training.evaluation.questions.${q}`)}
            </Text>
            <SegmentedControl
              value={ratings[q] ? String(ratings[q]) : ''}
              onChange={(v) => setRatings((prev) => ({ ...prev, [q]: Number(v) }))}
              data={RATINGS.map((r) => ({ value: r, label: r }))}
              data-testid={`evaluation-${q}`}
            />
          </div>
        ))}
        <Text size="xs" c="dimmed">
          {t('training.evaluation.scale')}
        </Text>
        <Textarea label={t('training.evaluation.useful')} value={useful} onChange={(e) => setUseful(e.currentTarget.value)} autosize minRows={2} maxLength={4000} data-testid="evaluation-useful" />
        <Textarea label={t('training.evaluation.improve')} value={improve} onChange={(e) => setImprove(e.currentTarget.value)} autosize minRows={2} maxLength={4000} />
        <ErrorAlert error={submit.error} />
        <Group justify="flex-end">
          <Button type="submit" disabled={!complete} loading={submit.isPending} data-testid="evaluation-submit">
            {t('training.evaluation.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ResultsChart({ summary }: { summary: TEvaluationSummary }) {
  const { t, i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    void import('./evaluationChart').then(
      ({ drawEvaluationChart }) => {
        if (cancelled || !element.current) return;
        dispose = drawEvaluationChart(element.current, {
          questions: summary.questions.map((q) => t(`training.evaluation.short.${q.question}`)),
          ratings: RATINGS.map((r, i) => ({ label: t('training.evaluation.ratingLabel', { n: r }), counts: summary.questions.map((q) => q.counts[i] ?? 0) })),
          rtl: directionOf(isUiLanguage(i18n.language) ? i18n.language : 'en') === 'rtl',
        });
        setReady(true);
      },
      (error: unknown) => setFailed(error),
    );
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [summary, t, i18n.language]);
  return (
    <>
      {!ready && !failed ? <Loading /> : null}
      <ErrorAlert error={failed} />
      <div ref={element} style={{ width: '100%', height: 280 }} role="img" aria-label={t('training.evaluation.chartLabel')} data-testid="evaluation-chart" />
    </>
  );
}

function Results({ workshop }: { workshop: TWorkshopDetail }) {
  const { t, i18n } = useTranslation();
  const results = useEvaluationResults(workshop.id, true);
  const summary = results.data;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (
    <QueryState query={results}>
      {summary ? (
        <Stack gap="md" data-testid="evaluation-results">
          <Text data-testid="evaluation-responses">{t('training.evaluation.responses', { responses: summary.responses, participants: summary.participants })}</Text>
          {summary.responses === 0 ? (
            <EmptyMessage title={t('training.evaluation.noResponses')} />
          ) : (
            <>
              <Paper withBorder p="md" radius="md">
                <ResultsChart summary={summary} />
              </Paper>
              <Table verticalSpacing="xs" data-testid="evaluation-table">
                <VisuallyHidden component="caption">{t('training.evaluation.resultsTitle')}</VisuallyHidden>
                <TableHeader columns={[t('training.evaluation.question'), t('training.evaluation.average'), ...RATINGS]} />
                <Table.Tbody>
                  {summary.questions.map((q) => (
                    <Table.Tr key={q.question} data-question={q.question}>
                      <Table.Th scope="row">{t(`training.evaluation.questions.${q.question}`)}</Table.Th>
                      <Table.Td data-testid="evaluation-average">{q.average === null ? '' : number.format(q.average)}</Table.Td>
                      {q.counts.map((c, i) => (
                        <Table.Td key={i}>{c}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Title order={3} size="h5">
                {t('training.evaluation.comments')}
              </Title>
              {summary.comments.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('training.evaluation.noComments')}
                </Text>
              ) : (
                <Stack gap="xs">
                  {summary.comments.map((c, i) => (
                    <Paper key={i} withBorder p="sm" radius="sm">
                      {c.useful ? (
                        <Text size="sm" dir="auto">
                          <strong>{t('training.evaluation.usefulShort')}</strong> {c.useful}
                        </Text>
                      ) : null}
                      {c.improve ? (
                        <Text size="sm" dir="auto">
                          <strong>{t('training.evaluation.improveShort')}</strong> {c.improve}
                        </Text>
                      ) : null}
                    </Paper>
                  ))}
                </Stack>
              )}
            </>
          )}
        </Stack>
      ) : null}
    </QueryState>
  );
}

export function EvaluationTab({ workshop }: { workshop: TWorkshopDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {workshop.abilities.evaluate ? <Questionnaire workshop={workshop} /> : null}
      {workshop.evaluationSubmitted ? (
        <Alert color="green" variant="light" data-testid="evaluation-thanks">
          {t('training.evaluation.thanks')}
        </Alert>
      ) : null}
      {!workshop.abilities.evaluate && !workshop.evaluationSubmitted && !workshop.abilities.viewResults ? (
        <Text c="dimmed">{t('training.evaluation.notYet')}</Text>
      ) : null}
      {workshop.abilities.viewResults ? <Results workshop={workshop} /> : null}
    </Stack>
  );
}
