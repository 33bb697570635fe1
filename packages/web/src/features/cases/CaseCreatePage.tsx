import { ActionIcon, Anchor, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { COUNTRY_ROLES, type TCaseCreate } from '@focal/shared';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames } from '../../components/useReference';
import { useCreateCase } from './api';
import { caseServerErrors, CaseFields, checkCase, EMPTY_CASE, type CaseErrors, type CaseValues } from './CaseFields';

type Role = (typeof COUNTRY_ROLES)[number];

interface CountryRow {
  key: number;
  country: string | null;
  role: Role;
}

let rowKey = 0;

export default function CaseCreatePage() {
  const { t } = useTranslation();
  usePageTitle(t('cases.newTitle'));
  const me = useMe();
  const countries = useCountryNames();
  const navigate = useNavigate();
  const create = useCreateCase();
  const [values, setValues] = useState<CaseValues>(EMPTY_CASE);
  const [rows, setRows] = useState<CountryRow[]>([]);
  const [errors, setErrors] = useState<CaseErrors>({});

  const update = (patch: Partial<CaseValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))));
  };
  const patchRow = (key: number, patch: Partial<CountryRow>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const chosen = new Set(rows.map((r) => r.country).filter(Boolean));

  const submit = async () => {
    const found = checkCase(values, t);
    const picked = rows.filter((r) => r.country);
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    const body: TCaseCreate = {
      ...values,
      offences: values.offences as TCaseCreate['offences'],
      evaluationInfo: values.evaluationInfo,
      countries: picked.map((r) => ({ country: r.country as string, role: r.role })),
    };
    try {
      const view = await create.mutateAsync(body);
      notifications.show({ color: 'teal', message: t('cases.created', { reference: view.case.reference }) });
      navigate(`/cases/${view.case.id}`);
    } catch (error) {
      setErrors(caseServerErrors(error, t));
    }
  };

  return (
    <Stack gap="md" maw={880}>
      <Anchor component={Link} to="/cases" size="sm">
        {t('cases.back')}
      </Anchor>
      <div>
        <Title order={1}>{t('cases.newTitle')}</Title>
        <Text c="dimmed">{t('cases.newIntro', { country: countries.nameOf(me?.country) })}</Text>
      </div>
      <Paper withBorder p="md" radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
          data-testid="case-form"
        >
          <Stack gap="md">
            <CaseFields values={values} onChange={update} errors={errors} />
            <Stack gap="xs">
              <Text size="sm" fw={500} id="case-countries-label">
                {t('cases.form.countries')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('cases.form.countriesHelp')}
              </Text>
              {rows.map((row, index) => (
                <Group key={row.key} gap="xs" align="flex-end" wrap="nowrap" data-testid="case-country-row">
                  <Select
                    label={t('fields.country')}
                    searchable
                    data={countries.options.filter((o) => o.value !== me?.country && (o.value === row.country || !chosen.has(o.value)))}
                    value={row.country}
                    onChange={(country) => patchRow(row.key, { country })}
                    nothingFoundMessage={t('common.nothingFound')}
                    style={{ flex: 2 }}
                    error={errors.countries && index === 0 ? errors.countries : undefined}
                    data-testid="case-country-select"
                  />
                  <Select
                    label={t('cases.fields.role')}
                    data={COUNTRY_ROLES.map((r) => ({ value: r, label: t(`cases.roles.${r}`) }))}
                    value={row.role}
                    allowDeselect={false}
                    onChange={(role) => role && patchRow(row.key, { role: role as Role })}
                    style={{ flex: 1 }}
                    data-testid="case-role-select"
                  />
                  <ActionIcon variant="subtle" color="red" size="lg" mb={2} aria-label={t('cases.form.removeCountry')} onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}>
                    <span aria-hidden="true">✕</span>
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button variant="light" size="xs" onClick={() => setRows((list) => [...list, { key: ++rowKey, country: null, role: 'requested' }])} data-testid="case-add-country-row">
                  {t('cases.form.addCountry')}
                </Button>
              </Group>
            </Stack>
            <ErrorAlert error={create.error} />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/cases">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="case-create">
                {t('cases.form.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
