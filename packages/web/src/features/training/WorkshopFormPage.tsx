import { Button, Group, MultiSelect, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { REGIONS, type TPerson, type TRegion, type TTrainingMode, type TWorkshopCreate, type TWorkshopDetail } from '@focal/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { usePageTitle } from '../../components/usePageTitle';
import { useCountryNames, useLanguageOptions } from '../../components/useReference';
import { useModules, useSaveWorkshop, useWorkshop } from './api';
import { today } from './format';

const GLOBAL = 'global';

/** People who may teach: searched in the directory as one types; chosen ones stay listed. */
function TrainerPicker({ value, onChange, initial }: { value: string[]; onChange: (ids: string[]) => void; initial: TPerson[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const found = useDirectory(debounced ? { q: debounced } : { role: 'trainer' });
  const [known, setKnown] = useState(() => new Map(initial.map((p) => [p.id, `${p.name} (${p.country})`])));
  const options = useMemo(() => {
    const map = new Map(known);
    for (const entry of found.data ?? []) map.set(entry.id, `${entry.name} (${entry.country})`);
    return [...map].map(([id, label]) => ({ value: id, label }));
  }, [found.data, known]);
  return (
    <MultiSelect
      label={t('training.fields.trainers')}
      description={t('training.form.trainersHelp')}
      data={options}
      value={value}
      onChange={(ids) => {
        setKnown((prev) => {
          const next = new Map(prev);
          for (const id of ids) {
            const option = options.find((o) => o.value === id);
            if (option) next.set(id, option.label);
          }
          return next;
        });
        onChange(ids);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={t('common.nothingFound')}
      clearable
      data-testid="workshop-trainers"
    />
  );
}

function WorkshopForm({ workshop }: { workshop?: TWorkshopDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveWorkshop();
  const countries = useCountryNames();
  const languages = useLanguageOptions();
  const modules = useModules();
  const [title, setTitle] = useState(workshop?.title ?? '');
  const [description, setDescription] = useState(workshop?.description ?? '');
  const [region, setRegion] = useState<string>(workshop?.region ?? GLOBAL);
  const [hostCountry, setHostCountry] = useState<string | null>(workshop?.hostCountry ?? null);
  const [mode, setMode] = useState<TTrainingMode>(workshop?.mode ?? 'in_person');
  const [venue, setVenue] = useState(workshop?.venue ?? '');
  const [startsOn, setStartsOn] = useState(workshop?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(workshop?.endsOn ?? '');
  const [deadline, setDeadline] = useState(workshop?.nominationDeadline ?? '');
  const [langs, setLangs] = useState<string[]>(workshop?.languages ?? ['en']);
  const [capacity, setCapacity] = useState<number | string>(workshop?.capacity ?? 20);
  const [quota, setQuota] = useState<number | string>(workshop?.quotaSet ?? '');
  const [moduleIds, setModuleIds] = useState<string[]>(workshop?.modules.map((m) => m.id) ?? []);
  const [trainerIds, setTrainerIds] = useState<string[]>(workshop?.trainers.map((p) => p.id) ?? []);

  const moduleOptions = (modules.data ?? []).filter((m) => !m.archived || moduleIds.includes(m.id)).map((m) => ({ value: m.id, label: m.title }));
  const fieldError = (name: string) => {
    const fields = (save.error as { fields?: Record<string, string> } | null)?.fields;
    return fields?.[name] ? t(`training.form.errors.${name}`, { defaultValue: t('training.form.errors.invalid') }) : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: TWorkshopCreate = {
      title: title.trim(),
      description: description.trim(),
      region: region === GLOBAL ? null : (region as TRegion),
      hostCountry: hostCountry ?? '',
      mode,
      venue: venue.trim(),
      startsOn,
      endsOn,
      nominationDeadline: deadline,
      languages: langs,
      capacity: Number(capacity),
      quota: quota === '' ? null : Number(quota),
      moduleIds,
      trainerIds,
    };
    const saved = await save.mutateAsync({ id: workshop?.id, body }).catch(() => null);
    if (saved) navigate(`/training/workshops/${saved.id}`);
  };

  return (
    <Paper withBorder p="lg" radius="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} data-testid="workshop-form">
      <Stack>
        <TextInput label={t('training.fields.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required maxLength={300} data-testid="workshop-title" />
        <Textarea label={t('training.fields.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} maxLength={8000} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('training.fields.region')}
            description={t('training.form.regionHelp')}
            data={[{ value: GLOBAL, label: t('training.region.global') }, ...REGIONS.map((r) => ({ value: r, label: t(`regions.${r}`) }))]}
            value={region}
            onChange={(v) => setRegion(v ?? GLOBAL)}
            allowDeselect={false}
            data-testid="workshop-region"
          />
          <Select label={t('training.fields.host')} data={countries.options} value={hostCountry} onChange={setHostCountry} searchable required error={fieldError('hostCountry')} data-testid="workshop-host" />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('training.fields.mode')}
          </Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as TTrainingMode)}
            data={[
              { value: 'in_person', label: t('training.mode.in_person') },
              { value: 'online', label: t('training.mode.online') },
            ]}
            data-testid="workshop-mode"
          />
        </div>
        <TextInput label={mode === 'online' ? t('training.form.joinHow') : t('training.fields.venue')} value={venue} onChange={(e) => setVenue(e.currentTarget.value)} maxLength={1000} data-testid="workshop-venue" />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="date" label={t('training.fields.startsOn')} value={startsOn} min={workshop ? undefined : today()} onChange={(e) => setStartsOn(e.currentTarget.value)} required error={fieldError('startsOn')} data-testid="workshop-starts" />
          <TextInput type="date" label={t('training.fields.endsOn')} value={endsOn} min={startsOn || undefined} onChange={(e) => setEndsOn(e.currentTarget.value)} required error={fieldError('endsOn')} data-testid="workshop-ends" />
          <TextInput
            type="date"
            label={t('training.fields.deadline')}
            description={t('training.form.deadlineHelp')}
            value={deadline}
            max={startsOn || undefined}
            onChange={(e) => setDeadline(e.currentTarget.value)}
            required
            error={fieldError('nominationDeadline')}
            data-testid="workshop-deadline"
          />
        </SimpleGrid>
        <MultiSelect label={t('training.fields.languages')} data={languages} value={langs} onChange={setLangs} searchable required data-testid="workshop-languages" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label={t('training.fields.capacity')} value={capacity} onChange={setCapacity} min={1} max={500} required error={fieldError('capacity')} data-testid="workshop-capacity" />
          <NumberInput label={t('training.fields.quota')} description={t('training.form.quotaHelp')} value={quota} onChange={setQuota} min={1} max={500} data-testid="workshop-quota" />
        </SimpleGrid>
        <MultiSelect label={t('training.fields.modules')} data={moduleOptions} value={moduleIds} onChange={setModuleIds} searchable clearable data-testid="workshop-modules" />
        <TrainerPicker value={trainerIds} onChange={setTrainerIds} initial={workshop?.trainers ?? []} />
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate(workshop ? `/training/workshops/${workshop.id}` : '/training')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="workshop-save">
            {workshop ? t('common.save') : t('training.workshop.create')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function WorkshopFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  usePageTitle(id ? t('training.workshop.edit') : t('training.workshop.new'));
  const existing = useWorkshop(id);
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{id ? t('training.workshop.edit') : t('training.workshop.new')}</Title>
      {id ? (
        <QueryState query={existing}>{existing.data ? <WorkshopForm workshop={existing.data} /> : null}</QueryState>
      ) : (
        <WorkshopForm />
      )}
    </Stack>
  );
}
