import { Alert, Anchor, Button, Group, MultiSelect, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DEFAULT_DEADLINES, LEGAL_BASIS, REQUEST_TYPES, URGENCIES, type TAssistanceRequestCreate, type THandlingCode, type TRequestType, type TUrgency } from '@focal/shared';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { useCase, useCases, useEntities } from '../cases/api';
import { CODES_WITHOUT_CONDITIONS, HandlingCodeSelect } from '../cases/ClassificationInputs';
import { useEntityName, useSchemaLabel, indexEntities } from '../cases/EntityView';
import { useCreateRequest, useRequestAction } from './api';

const CONTENT_FIELDS = ['objectAndReason', 'natureOfProceedings', 'propertySought', 'personsInvolved'] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];

interface Values {
  caseId: string | null;
  type: TRequestType | null;
  urgency: TUrgency;
  toCountry: string | null;
  title: string;
  content: Record<ContentField, string>;
  handlingCode: THandlingCode;
  entityIds: string[];
}

type Errors = Partial<Record<'type' | 'toCountry' | 'title' | ContentField | 'entityIds', string>>;

function check(values: Values, t: (key: string) => string): Errors {
  const errors: Errors = {};
  if (!values.type) errors.type = t('requests.form.required');
  if (!values.toCountry) errors.toCountry = t('requests.form.required');
  if (values.title.trim().length < 3) errors.title = t('requests.form.titleTooShort');
  for (const field of CONTENT_FIELDS) if (!values.content[field].trim()) errors[field] = t('requests.form.required');
  return errors;
}

/** The urgency choices with the deadline each one sets, counted from receipt. */
function UrgencyField({ value, onChange }: { value: TUrgency; onChange: (u: TUrgency) => void }) {
  const { t } = useTranslation();
  const rule = (u: TUrgency) =>
    u === 'urgent_direct'
      ? t('requests.urgencyRule.urgent_direct', { n: DEFAULT_DEADLINES.urgentDirectHours })
      : u === 'urgent_indirect'
        ? t('requests.urgencyRule.urgent_indirect', { n: DEFAULT_DEADLINES.urgentIndirectDays })
        : t('requests.urgencyRule.standard', { n: DEFAULT_DEADLINES.standardDays });
  return (
    <Radio.Group label={t('requests.fields.urgency')} description={t('requests.form.urgencyHelp')} value={value} onChange={(v) => onChange(v as TUrgency)} data-testid="request-urgency">
      <Stack gap={6} mt={6}>
        {URGENCIES.map((u) => (
          <Radio key={u} value={u} label={t(`requests.urgency.${u}`)} description={rule(u)} data-testid={`request-urgency-${u}`} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

export default function RequestNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.newTitle'));
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const countries = useCountryNames();
  const [values, setValues] = useState<Values>(() => ({
    caseId: params.get('caseId'),
    type: null,
    urgency: 'standard',
    toCountry: null,
    title: '',
    content: { objectAndReason: '', natureOfProceedings: '', propertySought: '', personsInvolved: '' },
    handlingCode: 'H0',
    entityIds: [],
  }));
  const [errors, setErrors] = useState<Errors>({});
  const cases = useCases({});
  const caseView = useCase(values.caseId ?? '');
  const detail = caseView.data?.access === 'member' ? caseView.data.case : null;
  const entities = useEntities(values.caseId ?? '', Boolean(detail));
  const create = useCreateRequest();
  const [createdId, setCreatedId] = useState<string | null>(null);
  const send = useRequestAction();
  const entityName = useEntityName();
  const schemaLabel = useSchemaLabel();

  const update = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };
  const setContent = (field: ContentField, text: string) => {
    setValues((v) => ({ ...v, content: { ...v.content, [field]: text } }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const caseOptions = useMemo(
    () => [
      { value: '', label: t('requests.form.noCase') },
      ...(cases.data?.items ?? []).filter((c) => c.status !== 'closed').map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` })),
    ],
    [cases.data, t],
  );
  const countryOptions = detail
    ? detail.countries.filter((c) => c.country !== me?.country).map((c) => ({ value: c.country, label: `${countries.nameOf(c.country)} (${t(`cases.roles.${c.role}`)})` }))
    : countries.options.filter((o) => o.value !== me?.country);
  const entityOptions = useMemo(() => {
    const list = entities.data ?? [];
    const index = indexEntities(list);
    return list.map((e) => ({ value: e.id, label: `${entityName(e, index)} · ${schemaLabel(e.schema)}` }));
  }, [entities.data, entityName, schemaLabel]);

  const submit = async (andSend: boolean) => {
    const found = check(values, t);
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    const body: TAssistanceRequestCreate = {
      caseId: values.caseId || null,
      type: values.type as TRequestType,
      urgency: values.urgency,
      toCountry: values.toCountry as string,
      title: values.title.trim(),
      content: values.content,
      handlingCode: values.handlingCode,
      entityIds: values.caseId ? values.entityIds : [],
    };
    let id = createdId;
    try {
      if (!id) {
        const request = await create.mutateAsync(body);
        id = request.id;
        setCreatedId(id);
      }
    } catch (error) {
      if (error instanceof ApiError && error.fields) {
        const server: Errors = {};
        for (const key of Object.keys(error.fields)) {
          const field = key.split('.').pop() as keyof Errors;
          server[field] = t(`requests.form.serverReason.${error.fields[key]}`, { defaultValue: t('requests.form.invalid') });
        }
        setErrors(server);
      }
      return;
    }
    if (andSend) {
      try {
        await send.mutateAsync({ id, action: 'send', note: '' });
        notifications.show({ color: 'teal', message: t('requests.form.sentNotice') });
      } catch {
        notifications.show({ color: 'red', message: t('requests.form.sendFailed') });
      }
    } else {
      notifications.show({ color: 'teal', message: t('requests.form.savedNotice') });
    }
    navigate(`/requests/${id}`);
  };

  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to={values.caseId ? `/cases/${values.caseId}/requests` : '/requests'} size="sm">
        {values.caseId ? t('requests.backToCase') : t('requests.back')}
      </Anchor>
      <div>
        <Title order={1}>{t('requests.newTitle')}</Title>
        <Text c="dimmed">{t('requests.newIntro')}</Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit(true);
          }}
          noValidate
          data-testid="request-form"
        >
          <Stack gap="md">
            <Select
              label={t('requests.fields.case')}
              description={t('requests.form.caseHelp')}
              data={caseOptions}
              value={values.caseId ?? ''}
              allowDeselect={false}
              searchable
              onChange={(v) => update({ caseId: v || null, toCountry: null, entityIds: [] })}
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="request-case"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('requests.fields.type')}
                description={values.type ? t('requests.form.legalBasis', { basis: LEGAL_BASIS[values.type] }) : t('requests.form.typeHelp')}
                data={REQUEST_TYPES.map((type) => ({ value: type, label: `${t(`requests.types.${type}`)} — ${LEGAL_BASIS[type]}` }))}
                value={values.type}
                onChange={(v) => update({ type: v as TRequestType | null })}
                error={errors.type}
                required
                comboboxProps={{ width: 440, position: 'bottom-start' }}
                data-testid="request-type"
              />
              <Select
                label={t('requests.fields.toCountry')}
                description={detail ? t('requests.form.toCountryCase') : t('requests.form.toCountryHelp')}
                data={countryOptions}
                value={values.toCountry}
                onChange={(v) => update({ toCountry: v })}
                error={errors.toCountry}
                required
                searchable
                nothingFoundMessage={detail ? t('requests.form.noOtherCountry') : t('common.nothingFound')}
                data-testid="request-to-country"
              />
            </SimpleGrid>
            <UrgencyField value={values.urgency} onChange={(urgency) => update({ urgency })} />
            <TextInput
              label={t('requests.fields.title')}
              required
              maxLength={300}
              value={values.title}
              onChange={(e) => update({ title: e.currentTarget.value })}
              error={errors.title}
              dir="auto"
              data-testid="request-title"
            />
            {CONTENT_FIELDS.map((field) => (
              <Textarea
                key={field}
                label={t(`requests.content.${field}`)}
                description={t(`requests.contentHelp.${field}`)}
                required
                autosize
                minRows={3}
                maxRows={16}
                maxLength={field === 'natureOfProceedings' ? 2000 : 10_000}
                value={values.content[field]}
                onChange={(e) => setContent(field, e.currentTarget.value)}
                error={errors[field]}
                dir="auto"
                data-testid={`request-${field}`}
              />
            ))}
            <HandlingCodeSelect value={values.handlingCode} onChange={(handlingCode) => update({ handlingCode })} codes={CODES_WITHOUT_CONDITIONS} testId="request-handling" />
            {detail ? (
              <MultiSelect
                label={t('requests.fields.entities')}
                description={t('requests.form.entitiesHelp')}
                data={entityOptions}
                value={values.entityIds}
                onChange={(entityIds) => update({ entityIds })}
                searchable
                clearable
                nothingFoundMessage={t('common.nothingFound')}
                error={errors.entityIds}
                data-testid="request-entities"
              />
            ) : null}
            {values.caseId && caseView.isError ? <Alert color="red">{t('requests.form.caseUnavailable')}</Alert> : null}
            <ErrorAlert error={create.error instanceof ApiError && create.error.fields ? null : create.error} />
            {Object.values(errors).some(Boolean) ? (
              <Text size="sm" c="red" role="alert" data-testid="request-form-invalid">
                {t('requests.form.fixErrors')}
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('requests.form.sendHelp')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void submit(false)} loading={create.isPending && !send.isPending} data-testid="request-save-draft">
                {t('requests.form.saveDraft')}
              </Button>
              <Button type="submit" loading={send.isPending} data-testid="request-send">
                {t('requests.form.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
