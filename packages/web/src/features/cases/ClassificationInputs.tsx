import { Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { EVALUATION_INFO, EVALUATION_SOURCES, HANDLING_CODES, type THandlingCode } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { useCountryNames } from '../../components/useReference';
import type { Provenance } from './api';

type Source = Provenance['evaluationSource'];
type Info = Provenance['evaluationInfo'];

/** Handling codes offered where no conditions can be written (H3 needs them written out). */
export const CODES_WITHOUT_CONDITIONS = HANDLING_CODES.filter((c) => c !== 'H3');

export function HandlingCodeSelect({
  value,
  onChange,
  codes = HANDLING_CODES,
  testId,
  error,
}: {
  value: THandlingCode;
  onChange: (code: THandlingCode) => void;
  codes?: readonly THandlingCode[];
  testId: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('mail.fields.handlingCode')}
      description={t(`mail.handling.long.${value}`)}
      data={codes.map((c) => ({ value: c, label: `${c} — ${t(`mail.handling.short.${c}`)}` }))}
      value={value}
      allowDeselect={false}
      onChange={(v) => v && onChange(v as THandlingCode)}
      error={error}
      data-testid={testId}
    />
  );
}

/** Reliability of the source and accuracy of the information, with their meanings (as in secure mail). */
export function EvaluationSelects({ source, info, onChange, testId }: { source: Source; info: number; onChange: (patch: { evaluationSource?: Source; evaluationInfo?: Info }) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t('mail.evaluation.sourceField')}
        data={EVALUATION_SOURCES.map((s) => ({ value: s, label: `${s} — ${t(`mail.evaluation.source.${s}`)}` }))}
        value={source}
        allowDeselect={false}
        onChange={(v) => v && onChange({ evaluationSource: v as Source })}
        comboboxProps={{ width: 420, position: 'bottom-start' }}
        data-testid={`${testId}-source`}
      />
      <Select
        label={t('mail.evaluation.infoField')}
        data={EVALUATION_INFO.map((n) => ({ value: String(n), label: `${n} — ${t(`mail.evaluation.info.${n}`)}` }))}
        value={String(info)}
        allowDeselect={false}
        onChange={(v) => v && onChange({ evaluationInfo: Number(v) as Info })}
        comboboxProps={{ width: 420, position: 'bottom-start' }}
        data-testid={`${testId}-info`}
      />
    </SimpleGrid>
  );
}

/** A case's handling code, its conditions when H3, and its evaluation. */
export function CaseClassificationFields({
  values,
  onChange,
  errors,
}: {
  values: { handlingCode: THandlingCode; conditions: string; evaluationSource: Source; evaluationInfo: number };
  onChange: (patch: Partial<{ handlingCode: THandlingCode; conditions: string; evaluationSource: Source; evaluationInfo: Info }>) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <HandlingCodeSelect value={values.handlingCode} onChange={(handlingCode) => onChange({ handlingCode })} testId="case-handling" error={errors.handlingCode} />
      {values.handlingCode === 'H3' ? (
        <Textarea
          label={t('mail.fields.conditions')}
          description={t('cases.form.conditionsHelp')}
          required
          autosize
          minRows={2}
          maxLength={4000}
          value={values.conditions}
          onChange={(e) => onChange({ conditions: e.currentTarget.value })}
          error={errors.conditions}
          dir="auto"
          data-testid="case-conditions"
        />
      ) : null}
      <EvaluationSelects source={values.evaluationSource} info={values.evaluationInfo} onChange={onChange} testId="case-eval" />
    </Stack>
  );
}

/**
 * Who may see what one adds: every participating country, or only some of them (the provider's
 * own country always sees it).
 */
export function ReachFields({ value, onChange, countries, testId, error }: { value: string[] | null; onChange: (reach: string[] | null) => void; countries: string[]; testId: string; error?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const names = useCountryNames();
  const others = countries.filter((c) => c !== me?.country);
  const limited = value !== null;
  return (
    <>
      <Radio.Group label={t('cases.provenance.reach')} description={t('cases.provenance.reachHelp')} value={limited ? 'some' : 'all'} onChange={(v) => onChange(v === 'all' ? null : others)} error={error}>
        <Group gap="md" mt={4}>
          <Radio value="all" label={t('cases.provenance.reachAll')} data-testid={`${testId}-reach-all`} />
          <Radio value="some" label={t('cases.provenance.reachSome')} data-testid={`${testId}-reach-some`} disabled={others.length === 0} />
        </Group>
      </Radio.Group>
      {limited ? (
        <Stack gap={4} ps="md">
          {others.map((code) => (
            <Checkbox
              key={code}
              label={names.nameOf(code)}
              checked={value.includes(code)}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                onChange(checked ? [...value, code] : value.filter((c) => c !== code));
              }}
              data-testid={`${testId}-reach-${code}`}
            />
          ))}
          <Text size="xs" c="dimmed">
            {t('cases.provenance.reachOwn')}
          </Text>
        </Stack>
      ) : null}
    </>
  );
}

/**
 * The conditions a provider attaches to what it adds to a case: handling code, evaluation and
 * reach (every participating country, or only some of them; the provider's own country always sees it).
 */
export function ProvenanceFields({ value, onChange, countries, testId, error }: { value: Provenance; onChange: (next: Provenance) => void; countries: string[]; testId: string; error?: string }) {
  return (
    <Stack gap="sm" data-testid={testId}>
      <HandlingCodeSelect value={value.handlingCode} onChange={(handlingCode) => onChange({ ...value, handlingCode })} codes={CODES_WITHOUT_CONDITIONS} testId={`${testId}-handling`} />
      <EvaluationSelects source={value.evaluationSource} info={value.evaluationInfo} onChange={(patch) => onChange({ ...value, ...patch })} testId={`${testId}-eval`} />
      <ReachFields value={value.reach} onChange={(reach) => onChange({ ...value, reach })} countries={countries} testId={testId} error={error} />
    </Stack>
  );
}

export const DEFAULT_PROVENANCE: Provenance = { handlingCode: 'H0', evaluationSource: 'X', evaluationInfo: 4, reach: null };
