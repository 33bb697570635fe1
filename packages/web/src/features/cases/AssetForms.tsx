import { Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ART57_BRANCHES, ASSET_STAGES, MEASURE_TYPES, type TAsset, type TAssetStage, type TCaseDetail, type TCaseDocument } from '@focal/shared';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCountryNames } from '../../components/useReference';
import { useAddMeasure, useAddValuation } from './api';
import { amountToMinor, currencyOptions, DEFAULT_MEASURE_TYPE, formatMinor, formatMoney, parseAmount, remainingForStage, suggestedStage, type TMeasureType } from './assets';
import { ReachFields } from './ClassificationInputs';

/** Field → reason, from the form's own checks or the server's answer. */
export type FieldErrors = Record<string, string>;

/** Today's date where the reader is, as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A reason in the reader's language (unknown reasons, e.g. schema messages, as "not valid"). */
export function useFieldError() {
  const { t } = useTranslation();
  return (errors: FieldErrors, field: string): string | undefined => {
    const reason = errors[field];
    return reason ? t(`cases.assets.errors.${reason}`, { defaultValue: t('cases.assets.errors.invalid') }) : undefined;
  };
}

/** The server's field errors (a 400 or a 409 that names fields), or null when it said something else. */
function serverFieldErrors(error: unknown): FieldErrors | null {
  return error instanceof ApiError && (error.code === 'validation_failed' || error.code === 'conflict') && error.fields && Object.keys(error.fields).length ? error.fields : null;
}

/** The currencies already used for the asset come first in the list. */
function useCurrencyOptions(asset: TAsset) {
  const { i18n } = useTranslation();
  const used = [...asset.measures.map((m) => m.currency), ...asset.valuations.map((v) => v.currency)];
  const key = [...new Set(used)].join(',');
  return useMemo(() => currencyOptions(i18n.language, [...key.split(',').filter(Boolean), 'EUR', 'USD', 'CHF', 'GBP']), [i18n.language, key]);
}

export function defaultCurrency(asset: TAsset): string | null {
  return asset.measures[asset.measures.length - 1]?.currency ?? asset.latestValue?.currency ?? null;
}

/** An amount typed as people write it, its currency, and how it reads once understood. */
function AmountFields({
  asset,
  amount,
  currency,
  onChange,
  errors,
  testId,
  hint,
}: {
  asset: TAsset;
  amount: string;
  currency: string | null;
  onChange: (patch: { amount?: string; currency?: string | null }) => void;
  errors: FieldErrors;
  testId: string;
  hint?: string;
}) {
  const { t, i18n } = useTranslation();
  const fieldError = useFieldError();
  const options = useCurrencyOptions(asset);
  const parsed = parseAmount(amount, i18n.language);
  const reads = parsed && currency ? t('cases.assets.form.amountReads', { amount: formatMoney(parsed, currency, i18n.language) }) : undefined;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('cases.assets.fields.amount')}
        description={[reads ?? t('cases.assets.form.amountHelp'), hint].filter(Boolean).join(' ')}
        required
        inputMode="decimal"
        value={amount}
        onChange={(e) => onChange({ amount: e.currentTarget.value })}
        error={fieldError(errors, 'amount')}
        dir="ltr"
        data-testid={`${testId}-amount`}
      />
      <Select
        label={t('cases.assets.fields.currency')}
        required
        searchable
        data={options}
        value={currency}
        onChange={(value) => onChange({ currency: value })}
        nothingFoundMessage={t('common.nothingFound')}
        error={fieldError(errors, 'currency')}
        data-testid={`${testId}-currency`}
      />
    </SimpleGrid>
  );
}

/** Checks an amount against its currency, as the server will: a reason, or the API's form. */
function checkAmount(text: string, currency: string | null, lang: string): { amount: string } | { reason: string } {
  if (!text.trim()) return { reason: 'required' };
  const amount = parseAmount(text, lang);
  if (!amount) return { reason: 'invalid_amount' };
  if (currency && amountToMinor(amount, currency) === null) return { reason: 'too_many_decimals' };
  return { amount };
}

function FormFrame({ title, testId, children, onCancel, onSubmit, submitLabel, busy, error }: { title: string; testId: string; children: ReactNode; onCancel: () => void; onSubmit: () => void; submitLabel: string; busy: boolean; error: unknown }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId} component="form" onSubmit={(e: FormEvent) => (e.preventDefault(), onSubmit())} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        {children}
        <ErrorAlert error={serverFieldErrors(error) ? null : error} />
        <Group justify="flex-end">
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="xs" loading={busy} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A valuation of the asset at a date (a statement's balance, an expert's estimate). */
export function AddValuationForm({ detail, asset, onDone }: { detail: TCaseDetail; asset: TAsset; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const fieldError = useFieldError();
  const add = useAddValuation(detail.id);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<string | null>(defaultCurrency(asset));
  const [valuedOn, setValuedOn] = useState(today());
  const [source, setSource] = useState('');
  const [reach, setReach] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async () => {
    const found: FieldErrors = {};
    const checked = checkAmount(amount, currency, i18n.language);
    if ('reason' in checked) found.amount = checked.reason;
    if (!currency) found.currency = 'required';
    if (!valuedOn) found.valuedOn = 'required';
    setErrors(found);
    if (Object.keys(found).length || !('amount' in checked) || !currency) return;
    try {
      await add.mutateAsync({ entityId: asset.entityId, amount: checked.amount, currency, valuedOn, source: source.trim(), reach });
      notifications.show({ color: 'teal', message: t('cases.assets.form.valuationAdded') });
      onDone();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (fields) setErrors(fields);
    }
  };

  return (
    <FormFrame title={t('cases.assets.form.addValuation')} testId="asset-valuation-form" onCancel={onDone} onSubmit={() => void submit()} submitLabel={t('cases.assets.form.addValuationSubmit')} busy={add.isPending} error={add.error}>
      <AmountFields asset={asset} amount={amount} currency={currency} onChange={(p) => (p.amount !== undefined && setAmount(p.amount), p.currency !== undefined && setCurrency(p.currency))} errors={errors} testId="asset-valuation" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" label={t('cases.assets.fields.valuedOn')} required value={valuedOn} onChange={(e) => setValuedOn(e.currentTarget.value)} error={fieldError(errors, 'valuedOn')} data-testid="asset-valuation-date" />
        <TextInput label={t('cases.assets.fields.source')} description={t('cases.assets.form.sourceHelp')} maxLength={500} value={source} onChange={(e) => setSource(e.currentTarget.value)} error={fieldError(errors, 'source')} dir="auto" data-testid="asset-valuation-source" />
      </SimpleGrid>
      <ReachFields value={reach} onChange={setReach} countries={detail.countries.map((c) => c.country)} testId="asset-valuation" error={fieldError(errors, 'reach')} />
    </FormFrame>
  );
}

interface StepValues {
  stage: TAssetStage;
  measureType: TMeasureType;
  amount: string;
  currency: string | null;
  jurisdiction: string | null;
  authority: string;
  date: string;
  reference: string;
  documentId: string | null;
  receivingCountry: string | null;
  art57Branch: (typeof ART57_BRANCHES)[number] | null;
  expenses: string;
  note: string;
  reach: string[] | null;
}

/** A document's name in a list: its title and its latest file. */
export const documentLabel = (d: TCaseDocument) => (d.versions[0] ? `${d.title} · ${d.versions[0].name}` : d.title);

/**
 * Records a step in the asset's life (identified … returned), with the measure, the authority,
 * the amount (a step may not exceed what the previous one holds in that currency) and, for a
 * return, the receiving country, the basis in UNCAC art. 57(3) and the expenses deducted.
 */
export function RecordStepForm({ detail, asset, documents, onDone }: { detail: TCaseDetail; asset: TAsset; documents: TCaseDocument[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const countries = useCountryNames();
  const fieldError = useFieldError();
  const record = useAddMeasure(detail.id);
  const first = suggestedStage(asset.stage);
  const [values, setValues] = useState<StepValues>(() => ({
    stage: first,
    measureType: DEFAULT_MEASURE_TYPE[first],
    amount: '',
    currency: defaultCurrency(asset),
    jurisdiction: asset.jurisdiction ?? null,
    authority: '',
    date: today(),
    reference: '',
    documentId: null,
    receivingCountry: null,
    art57Branch: null,
    expenses: '',
    note: '',
    reach: null,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (patch: Partial<StepValues>) => setValues((v) => ({ ...v, ...patch }));
  const returned = values.stage === 'returned';
  const remaining = values.currency ? remainingForStage(asset.measures, values.stage, values.currency) : null;

  const submit = async () => {
    const found: FieldErrors = {};
    const checked = checkAmount(values.amount, values.currency, i18n.language);
    if ('reason' in checked) found.amount = checked.reason;
    if (!values.currency) found.currency = 'required';
    if (!values.jurisdiction) found.jurisdiction = 'required';
    if (!values.date) found.date = 'required';
    let expenses: string | null = null;
    if (returned) {
      if (!values.receivingCountry) found.receivingCountry = 'required';
      if (!values.art57Branch) found.art57Branch = 'required';
      if (values.expenses.trim()) {
        const e = checkAmount(values.expenses, values.currency, i18n.language);
        if ('reason' in e) found.expenses = e.reason;
        else expenses = e.amount;
      }
    }
    // The order of steps and the amounts left are the server's to judge: it also counts steps
    // this country may not see.
    setErrors(found);
    if (Object.keys(found).length || !('amount' in checked) || !values.currency || !values.jurisdiction) return;
    try {
      await record.mutateAsync({
        entityId: asset.entityId,
        stage: values.stage,
        amount: checked.amount,
        currency: values.currency,
        jurisdiction: values.jurisdiction,
        measureType: values.measureType,
        authority: values.authority.trim(),
        date: values.date,
        reference: values.reference.trim(),
        documentId: values.documentId,
        receivingCountry: returned ? values.receivingCountry : null,
        art57Branch: returned ? values.art57Branch : null,
        expenses: returned ? expenses : null,
        note: values.note.trim(),
        reach: values.reach,
      });
      notifications.show({ color: 'teal', message: t('cases.assets.form.stepRecorded', { stage: t(`cases.assets.stages.${values.stage}`) }) });
      onDone();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (fields) setErrors(fields);
    }
  };

  const stageOptions = ASSET_STAGES.map((s) => ({ value: s, label: t(`cases.assets.stages.${s}`) }));
  return (
    <FormFrame title={t('cases.assets.form.recordStep')} testId="asset-step-form" onCancel={onDone} onSubmit={() => void submit()} submitLabel={t('cases.assets.form.recordStepSubmit')} busy={record.isPending} error={record.error}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('cases.assets.fields.stage')}
          description={t(`cases.assets.stageHelp.${values.stage}`)}
          required
          data={stageOptions}
          value={values.stage}
          allowDeselect={false}
          onChange={(v) => v && set({ stage: v as TAssetStage, measureType: DEFAULT_MEASURE_TYPE[v as TAssetStage] })}
          renderOption={({ option }) => (
            <Stack gap={0}>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {t(`cases.assets.stageHelp.${option.value}`)}
              </Text>
            </Stack>
          )}
          comboboxProps={{ width: 420, position: 'bottom-start' }}
          error={fieldError(errors, 'stage')}
          data-testid="asset-step-stage"
        />
        <Select
          label={t('cases.assets.fields.measureType')}
          data={MEASURE_TYPES.map((m) => ({ value: m, label: t(`cases.assets.measureTypes.${m}`) }))}
          value={values.measureType}
          allowDeselect={false}
          onChange={(v) => v && set({ measureType: v as TMeasureType })}
          error={fieldError(errors, 'measureType')}
          data-testid="asset-step-measure-type"
        />
      </SimpleGrid>
      <AmountFields
        asset={asset}
        amount={values.amount}
        currency={values.currency}
        onChange={(p) => set(p)}
        errors={errors}
        testId="asset-step"
        hint={remaining !== null && values.currency ? t('cases.assets.form.remaining', { amount: formatMinor(remaining, values.currency, i18n.language) }) : undefined}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('cases.assets.fields.jurisdiction')}
          description={t('cases.assets.form.jurisdictionHelp')}
          required
          searchable
          data={countries.options}
          value={values.jurisdiction}
          onChange={(v) => set({ jurisdiction: v })}
          nothingFoundMessage={t('common.nothingFound')}
          error={fieldError(errors, 'jurisdiction')}
          data-testid="asset-step-jurisdiction"
        />
        <TextInput type="date" label={t('cases.assets.fields.date')} required value={values.date} onChange={(e) => set({ date: e.currentTarget.value })} error={fieldError(errors, 'date')} data-testid="asset-step-date" />
        <TextInput label={t('cases.assets.fields.authority')} description={t('cases.assets.form.authorityHelp')} maxLength={300} value={values.authority} onChange={(e) => set({ authority: e.currentTarget.value })} error={fieldError(errors, 'authority')} dir="auto" data-testid="asset-step-authority" />
        <TextInput label={t('cases.assets.fields.reference')} maxLength={200} value={values.reference} onChange={(e) => set({ reference: e.currentTarget.value })} error={fieldError(errors, 'reference')} dir="auto" data-testid="asset-step-reference" />
      </SimpleGrid>
      <Select
        label={t('cases.assets.fields.document')}
        description={documents.length ? t('cases.assets.form.documentHelp') : t('cases.assets.form.noDocuments')}
        placeholder={t('cases.assets.form.noDocument')}
        clearable
        searchable
        disabled={documents.length === 0}
        data={documents.map((d) => ({ value: d.id, label: documentLabel(d) }))}
        value={values.documentId}
        onChange={(v) => set({ documentId: v })}
        nothingFoundMessage={t('common.nothingFound')}
        error={fieldError(errors, 'documentId')}
        data-testid="asset-step-document"
      />
      {returned ? (
        <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-default-hover)" data-testid="asset-step-return">
          <Stack gap="sm">
            <Select
              label={t('cases.assets.fields.receivingCountry')}
              required
              searchable
              data={countries.options}
              value={values.receivingCountry}
              onChange={(v) => set({ receivingCountry: v })}
              nothingFoundMessage={t('common.nothingFound')}
              error={fieldError(errors, 'receivingCountry')}
              data-testid="asset-step-receiving-country"
            />
            <Radio.Group label={t('cases.assets.fields.art57Branch')} required value={values.art57Branch ?? ''} onChange={(v) => set({ art57Branch: v as StepValues['art57Branch'] })} error={fieldError(errors, 'art57Branch')}>
              <Stack gap={8} mt={6}>
                {ART57_BRANCHES.map((b) => (
                  <Radio key={b} value={b} label={t(`cases.assets.art57.${b}`)} description={t(`cases.assets.art57Help.${b}`)} data-testid={`asset-step-art57-${b}`} />
                ))}
              </Stack>
            </Radio.Group>
            <TextInput
              label={t('cases.assets.fields.expenses')}
              description={t('cases.assets.form.expensesHelp')}
              inputMode="decimal"
              value={values.expenses}
              onChange={(e) => set({ expenses: e.currentTarget.value })}
              error={fieldError(errors, 'expenses')}
              dir="ltr"
              data-testid="asset-step-expenses"
            />
          </Stack>
        </Paper>
      ) : null}
      <Textarea label={t('cases.assets.fields.note')} autosize minRows={2} maxLength={4000} value={values.note} onChange={(e) => set({ note: e.currentTarget.value })} error={fieldError(errors, 'note')} dir="auto" data-testid="asset-step-note" />
      <ReachFields value={values.reach} onChange={(reach) => set({ reach })} countries={detail.countries.map((c) => c.country)} testId="asset-step" error={fieldError(errors, 'reach')} />
    </FormFrame>
  );
}
