import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { TCaseDetail, TTracingAnalysisSummary, TTracingRun } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { formatDate, formatDateTime, regionName } from '../../components/format';
import { useMoney } from './Holdings';
import { holdingRows, partiesById, partyName } from './shaping';
import './report.css';

/**
 * The result as a document to print and file: the case, the analysis and its ledger version,
 * the statements and seeds it was computed from, then for each rule its legal meaning and where
 * the money rests. Plain tables, so it prints the same everywhere.
 */
export function TracingReport({ detail, run, analysis, onBack }: { detail: TCaseDetail; run: TTracingRun; analysis: TTracingAnalysisSummary | null; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const me = useMe();
  const parties = partiesById(run);
  const country = (code: string | null) => (code ? `${regionName(code, i18n.language)} (${code})` : t('tracing.holdings.unknown'));
  return (
    <Stack gap="md" className="focal-tracing-report" data-testid="tracing-report" maw={960}>
      <Group justify="space-between" className="no-print">
        <Button variant="default" onClick={onBack} data-testid="tracing-report-back">
          {t('tracing.report.back')}
        </Button>
        <Button onClick={() => window.print()} data-testid="tracing-report-print">
          {t('tracing.report.print')}
        </Button>
      </Group>

      <section>
        <Title order={1} size="h2">
          {t('tracing.report.title')}
        </Title>
        <Text>
          <bdi className="mono">{detail.reference}</bdi> · <bdi>{detail.title}</bdi>
        </Text>
        <Text size="sm" c="dimmed">
          {t('tracing.report.generated', { date: formatDateTime(new Date().toISOString(), i18n.language), name: me?.name ?? '' })}
        </Text>
      </section>

      <section>
        <Title order={2} size="h4">
          {t('tracing.report.analysis')}
        </Title>
        {analysis ? null : (
          <Alert color="orange" variant="light" mb="xs" data-testid="tracing-report-unsaved">
            {t('tracing.report.unsaved')}
          </Alert>
        )}
        <table>
          <tbody>
            {analysis ? (
              <>
                <tr>
                  <th scope="row">{t('tracing.analyses.name')}</th>
                  <td dir="auto">{analysis.title}</td>
                </tr>
                <tr>
                  <th scope="row">{t('tracing.report.analysisId')}</th>
                  <td className="mono">{analysis.id}</td>
                </tr>
                <tr>
                  <th scope="row">{t('tracing.report.savedOn')}</th>
                  <td>{formatDateTime(analysis.createdAt, i18n.language)}</td>
                </tr>
              </>
            ) : null}
            <tr>
              <th scope="row">{t('tracing.result.version')}</th>
              <td className="mono" dir="ltr" data-testid="tracing-report-version">
                {run.ledger.version}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('tracing.csv.currency')}</th>
              <td>{run.ledger.currency}</td>
            </tr>
            <tr>
              <th scope="row">{t('tracing.report.ledger')}</th>
              <td>{t('tracing.result.ledger', { transactions: run.ledger.transactions, accounts: run.ledger.accounts, statements: run.ledger.statements.length })}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section>
        <Title order={2} size="h4">
          {t('tracing.report.statements')}
        </Title>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tracing.holdings.account')}</th>
              <th scope="col">{t('tracing.report.format')}</th>
              <th scope="col">{t('tracing.report.transactions')}</th>
              <th scope="col">{t('tracing.report.sha256')}</th>
            </tr>
          </thead>
          <tbody>
            {run.ledger.statements.map((s) => (
              <tr key={s.importId}>
                <td className="mono" dir="ltr">
                  {s.account}
                </td>
                <td>{s.format}</td>
                <td className="amount">{s.transactions}</td>
                <td className="mono" dir="ltr">
                  {s.sha256 ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <Title order={2} size="h4">
          {t('tracing.report.seeds')}
        </Title>
        <table data-testid="tracing-report-seeds">
          <thead>
            <tr>
              <th scope="col">{t('tracing.path.date')}</th>
              <th scope="col">{t('tracing.path.from')}</th>
              <th scope="col">{t('tracing.path.to')}</th>
              <th scope="col" className="amount">
                {t('tracing.path.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {run.seeds.map((s) => (
              <tr key={s.id}>
                <td>{formatDate(s.date, i18n.language, 'UTC')}</td>
                <td dir="auto">{partyName(parties.get(s.from), s.from)}</td>
                <td dir="auto">{partyName(parties.get(s.to), s.to)}</td>
                <td className="amount">
                  <bdi>{money(s.amount)}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {run.ledger.warnings.map((w) => (
          <Text key={w.code} size="sm" mt={4}>
            {t(`tracing.warnings.${w.code}`, { n: w.count, items: w.items.join(', ') })}
          </Text>
        ))}
      </section>

      {run.results.map((result) => (
        <section key={result.rule} className="rule-section" data-testid="tracing-report-rule" data-rule={result.rule}>
          <Title order={2} size="h4">
            {t('tracing.report.rule', { name: t(`tracing.rules.${result.rule}.name`) })}
          </Title>
          <Text size="sm" fw={600} mt={4}>
            {t('tracing.report.meaning')}
          </Text>
          <Text size="sm" data-testid="tracing-report-meaning">
            {t(`tracing.rules.${result.rule}.legal`)}
          </Text>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('tracing.holdings.account')}</th>
                <th scope="col">{t('tracing.csv.holder')}</th>
                <th scope="col">{t('tracing.holdings.jurisdiction')}</th>
                <th scope="col" className="amount">
                  {t('tracing.holdings.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {holdingRows(run, result).map((row) => (
                <tr key={row.account}>
                  <td className="mono" dir="ltr">
                    {row.account}
                  </td>
                  <td dir="auto">{row.party?.holder ?? ''}</td>
                  <td>{country(row.party?.jurisdiction ?? null)}</td>
                  <td className="amount">
                    <bdi>{money(row.tainted)}</bdi>
                  </td>
                </tr>
              ))}
              {result.dissipated.map((d) => (
                <tr key={`d-${d.account}`}>
                  <td className="mono" dir="ltr">
                    {d.account}
                  </td>
                  <td>{t('tracing.dissipated.title')}</td>
                  <td>{country(parties.get(d.account)?.jurisdiction ?? null)}</td>
                  <td className="amount">
                    <bdi>{money(d.amount)}</bdi>
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row" colSpan={3}>
                  {t('tracing.compare.total')}
                </th>
                <td className="amount">
                  <b>
                    <bdi>{money(result.totalTainted)}</bdi>
                  </b>
                </td>
              </tr>
            </tbody>
          </table>
          {result.holdingsOmitted > 0 ? <Text size="xs">{t('tracing.holdings.omitted', { n: result.holdingsOmitted })}</Text> : null}
        </section>
      ))}

      <section>
        <Text size="sm" fs="italic">
          {t('tracing.legalNote')}
        </Text>
      </section>
    </Stack>
  );
}
