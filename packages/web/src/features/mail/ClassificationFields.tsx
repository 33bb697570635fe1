import { Alert, Group, Select, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { EVALUATION_INFO, EVALUATION_SOURCES, HANDLING_CODES, PRIORITIES, type TDraftValues, type THandlingCode, type TPriority } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { HandlingBadge } from './MessageBadges';

type Classification = Pick<TDraftValues, 'handlingCode' | 'conditions' | 'evaluationSource' | 'evaluationInfo' | 'priority' | 'replyBy'>;

export interface ClassificationFieldsProps {
  values: Classification;
  onChange: (patch: Partial<Classification>) => void;
  /** A forward keeps its provider's handling code and conditions. */
  fixed: boolean;
  errors: Partial<Record<keyof Classification, string>>;
}

function FixedHandling({ values }: { values: Classification }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" title={t('mail.compose.fixedTitle')} data-testid="compose-handling-fixed">
      <Group gap="xs" mb={4}>
        <HandlingBadge code={values.handlingCode} />
        <Text size="sm">{t(`mail.handling.long.${values.handlingCode}`)}</Text>
      </Group>
      {values.handlingCode === 'H3' ? (
        <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap' }} dir="auto">
          {values.conditions}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt={4}>
        {t('mail.compose.fixedHelp')}
      </Text>
    </Alert>
  );
}

/** Handling code (and H3 conditions), evaluation of the source and the information, priority and reply-by date. */
export function ClassificationFields({ values, onChange, fixed, errors }: ClassificationFieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      {fixed ? (
        <FixedHandling values={values} />
      ) : (
        <>
          <Select
            label={t('mail.fields.handlingCode')}
            description={t(`mail.handling.long.${values.handlingCode}`)}
            data={HANDLING_CODES.map((c) => ({ value: c, label: `${c} — ${t(`mail.handling.short.${c}`)}` }))}
            value={values.handlingCode}
            allowDeselect={false}
            onChange={(v) => v && onChange({ handlingCode: v as THandlingCode })}
            error={errors.handlingCode}
            data-testid="compose-handling"
          />
          {values.handlingCode === 'H3' ? (
            <Textarea
              label={t('mail.fields.conditions')}
              description={t('mail.compose.conditionsHelp')}
              required
              autosize
              minRows={2}
              maxLength={4000}
              value={values.conditions}
              onChange={(e) => onChange({ conditions: e.currentTarget.value })}
              error={errors.conditions}
              data-testid="compose-conditions"
            />
          ) : null}
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('mail.evaluation.sourceField')}
          data={EVALUATION_SOURCES.map((s) => ({ value: s, label: `${s} — ${t(`mail.evaluation.source.${s}`)}` }))}
          value={values.evaluationSource}
          allowDeselect={false}
          onChange={(v) => v && onChange({ evaluationSource: v as Classification['evaluationSource'] })}
          comboboxProps={{ width: 420, position: 'bottom-start' }}
          data-testid="compose-eval-source"
        />
        <Select
          label={t('mail.evaluation.infoField')}
          data={EVALUATION_INFO.map((n) => ({ value: String(n), label: `${n} — ${t(`mail.evaluation.info.${n}`)}` }))}
          value={String(values.evaluationInfo)}
          allowDeselect={false}
          onChange={(v) => v && onChange({ evaluationInfo: Number(v) as Classification['evaluationInfo'] })}
          comboboxProps={{ width: 420, position: 'bottom-start' }}
          data-testid="compose-eval-info"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="compose-priority-label">
            {t('mail.fields.priority')}
          </Text>
          <SegmentedControl
            aria-labelledby="compose-priority-label"
            data={PRIORITIES.map((p) => ({ value: p, label: t(`mail.priority.${p}`) }))}
            value={values.priority}
            onChange={(v) => onChange({ priority: v as TPriority })}
            color={values.priority === 'routine' ? undefined : values.priority === 'urgent' ? 'orange' : 'red'}
            data-testid="compose-priority"
          />
          <Text size="xs" c="dimmed">
            {t('mail.compose.priorityHelp')}
          </Text>
        </Stack>
        <TextInput
          label={t('mail.fields.replyBy')}
          description={t('common.optional')}
          type="date"
          value={values.replyBy ?? ''}
          onChange={(e) => onChange({ replyBy: e.currentTarget.value || null })}
          error={errors.replyBy}
          data-testid="compose-reply-by"
        />
      </SimpleGrid>
    </Stack>
  );
}
