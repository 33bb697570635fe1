import { Badge, Group, Paper, Progress, SimpleGrid, Stack, Stepper, Text, Title, Tooltip } from '@mantine/core';
import type { TAssetStage, TMoney, TTotals } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { formatMoney, STAGE_COLOR, STAGE_STEPS, stageRank } from './assets';

/** An amount in the reader's language, kept in one piece (and in its own direction) inside any sentence. */
export function MoneyText({ money, size = 'sm', fw, testId = 'money' }: { money: Pick<TMoney, 'amount' | 'currency'>; size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl'; fw?: number; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <Text span size={size} fw={fw} style={{ whiteSpace: 'nowrap', unicodeBidi: 'isolate' }} data-testid={testId} data-amount={money.amount} data-currency={money.currency}>
      {formatMoney(money.amount, money.currency, i18n.language)}
    </Text>
  );
}

/** Where an asset stands: the furthest stage reached, or nothing recorded yet. */
export function StageBadge({ stage, size = 'sm' }: { stage: TAssetStage | null; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (stage === null) {
    return (
      <Badge variant="outline" color="gray" size={size} data-testid="asset-stage" data-stage="" style={{ flexShrink: 0 }}>
        {t('cases.assets.nothingYet')}
      </Badge>
    );
  }
  return (
    <Tooltip label={t(`cases.assets.stageHelp.${stage}`)} multiline w={300} withArrow>
      <Badge variant="light" color={STAGE_COLOR[stage]} size={size} data-testid="asset-stage" data-stage={stage} style={{ flexShrink: 0 }}>
        {t(`cases.assets.stages.${stage}`)}
      </Badge>
    </Tooltip>
  );
}

/**
 * The five steps of recovery — identified, traced, frozen or seized, confiscated, returned or
 * released — with the ones reached ticked; an alternative step is named by the stage reached.
 */
export function StageStepper({ stage, reached }: { stage: TAssetStage | null; reached: readonly TAssetStage[] }) {
  const { t } = useTranslation();
  const rank = stage === null ? -1 : stageRank(stage);
  const label = (step: readonly TAssetStage[], index: number) => {
    const hit = step.find((s) => reached.includes(s));
    if (step.length === 1 || hit) return t(`cases.assets.stages.${hit ?? step[0]!}`);
    return t(index === 2 ? 'cases.assets.steps.frozenOrSeized' : 'cases.assets.steps.returnedOrReleased');
  };
  // A step passed over (e.g. frozen straight after identification) is shown as skipped, not done.
  const skipped = (step: readonly TAssetStage[], index: number) => index < rank && !step.some((s) => reached.includes(s));
  return (
    <Stepper active={rank + 1} size="xs" iconSize={26} allowNextStepsSelect={false} aria-label={t('cases.assets.lifecycle')} data-testid="asset-stepper" data-active={rank + 1}>
      {STAGE_STEPS.map((step, index) =>
        skipped(step, index) ? (
          <Stepper.Step key={step.join('-')} label={label(step, index)} description={t('cases.assets.steps.skipped')} color="gray" completedIcon={<span aria-hidden="true">–</span>} data-skipped="true" />
        ) : (
          <Stepper.Step key={step.join('-')} label={label(step, index)} />
        ),
      )}
    </Stepper>
  );
}

const TOTAL_COLOR: Record<TTotals['stages'][number]['stage'], string> = { identified: 'gray', frozen: 'cyan', confiscated: 'grape', returned: 'teal' };

/**
 * Per stage: the amounts in each currency and their sum in the base currency at the operator's
 * rates (currencies without a rate are named, not counted), and the share of what was identified.
 */
export function TotalsPanel({ totals, title, testId = 'asset-totals' }: { totals: TTotals; title: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const identified = totals.stages.find((s) => s.stage === 'identified')?.converted.amountMinor ?? 0;
  const percent = (minor: number) => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(identified > 0 ? minor / identified : 0);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${testId}-title`} data-testid={testId} data-base={totals.baseCurrency}>
      <Group justify="space-between" align="baseline" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id={`${testId}-title`}>
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {t('cases.assets.totals.help', { base: totals.baseCurrency })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        {totals.stages.map((s) => (
          <Paper key={s.stage} withBorder p="sm" radius="md" data-testid="asset-total" data-stage={s.stage}>
            <Stack gap={6}>
              <Text size="sm" fw={700} c={`${TOTAL_COLOR[s.stage]}.8`}>
                {t(`cases.assets.totals.stages.${s.stage}`)}
              </Text>
              {s.byCurrency.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('cases.assets.totals.nothing')}
                </Text>
              ) : (
                <>
                  {s.missingRates.length < s.byCurrency.length ? (
                    <MoneyText money={s.converted} size="lg" fw={700} testId="asset-total-converted" />
                  ) : (
                    <Text size="lg" fw={700} c="dimmed" data-testid="asset-total-unconverted">
                      {t('cases.assets.totals.unconverted', { base: totals.baseCurrency })}
                    </Text>
                  )}
                  {s.stage !== 'identified' && identified > 0 ? (
                    <Progress value={Math.min(100, (s.converted.amountMinor / identified) * 100)} color={TOTAL_COLOR[s.stage]} size="sm" aria-label={t('cases.assets.totals.ofIdentified', { percent: percent(s.converted.amountMinor) })} />
                  ) : null}
                  {s.stage !== 'identified' && identified > 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('cases.assets.totals.ofIdentified', { percent: percent(s.converted.amountMinor) })}
                    </Text>
                  ) : null}
                  <Stack gap={0}>
                    {s.byCurrency.map((m) => (
                      <Text key={m.currency} size="xs" data-testid="asset-total-currency" data-currency={m.currency} data-amount={m.amount}>
                        <MoneyText money={m} size="xs" testId="asset-total-amount" />
                      </Text>
                    ))}
                  </Stack>
                  {s.missingRates.map((currency) => (
                    <Text key={currency} size="xs" c="orange.8" data-testid="asset-total-missing-rate" data-currency={currency}>
                      {t('cases.assets.totals.noRate', { currency })}
                    </Text>
                  ))}
                </>
              )}
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
