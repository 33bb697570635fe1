import { MultiSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { OFFENCES, type THandlingCode } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Provenance } from './api';
import { CaseClassificationFields } from './ClassificationInputs';

export interface CaseValues {
  title: string;
  summary: string;
  offences: string[];
  handlingCode: THandlingCode;
  conditions: string;
  evaluationSource: Provenance['evaluationSource'];
  evaluationInfo: number;
}

export const EMPTY_CASE: CaseValues = { title: '', summary: '', offences: [], handlingCode: 'H0', conditions: '', evaluationSource: 'X', evaluationInfo: 4 };

export type CaseErrors = Record<string, string | undefined>;

/** Checked before sending, with the server's limits. */
export function checkCase(values: CaseValues, t: (key: string) => string): CaseErrors {
  const errors: CaseErrors = {};
  if (values.title.trim().length < 3) errors.title = t('cases.form.titleTooShort');
  if (values.handlingCode === 'H3' && !values.conditions.trim()) errors.conditions = t('cases.form.conditionsRequired');
  return errors;
}

/** The server's field errors (e.g. `countries.0.country`) under the form's field names. */
export function caseServerErrors(error: unknown, t: (key: string) => string): CaseErrors {
  if (!(error instanceof ApiError) || !error.fields) return {};
  const out: CaseErrors = {};
  for (const key of Object.keys(error.fields)) out[key.split('.')[0] ?? key] = t('cases.form.fieldInvalid');
  return out;
}

/** Title, summary, offences, handling code and evaluation: shared by opening and editing a case. */
export function CaseFields({ values, onChange, errors }: { values: CaseValues; onChange: (patch: Partial<CaseValues>) => void; errors: CaseErrors }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <TextInput
        label={t('cases.fields.title')}
        description={t('cases.form.titleHelp')}
        required
        maxLength={300}
        value={values.title}
        onChange={(e) => onChange({ title: e.currentTarget.value })}
        error={errors.title}
        dir="auto"
        data-testid="case-title-input"
      />
      <Textarea
        label={t('cases.fields.summary')}
        description={t('cases.form.summaryHelp')}
        autosize
        minRows={3}
        maxRows={14}
        maxLength={20_000}
        value={values.summary}
        onChange={(e) => onChange({ summary: e.currentTarget.value })}
        error={errors.summary}
        dir="auto"
        data-testid="case-summary-input"
      />
      <MultiSelect
        label={t('cases.fields.offences')}
        description={t('cases.form.offencesHelp')}
        data={OFFENCES.map((o) => ({ value: o, label: t(`cases.offences.${o}`) }))}
        value={values.offences}
        onChange={(offences) => onChange({ offences })}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        error={errors.offences}
        data-testid="case-offences"
      />
      <CaseClassificationFields values={values} onChange={onChange} errors={errors} />
    </Stack>
  );
}
