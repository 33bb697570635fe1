import { ActionIcon, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { UI_LANGUAGES, type TMe } from '@focal/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateProfile } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { timeZones } from '../../components/format';
import { useCountryNames, useLanguageOptions } from '../../components/useReference';
import { applyLanguage, isUiLanguage } from '../../i18n';

interface Phone {
  key: number;
  label: string;
  number: string;
}

let phoneKey = 0;

export function DetailsSection({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const countries = useCountryNames();
  const zones = useMemo(() => timeZones(), []);
  const languageOptions = useLanguageOptions(me.languages);
  const [name, setName] = useState(me.name);
  const [nameLatin, setNameLatin] = useState(me.nameLatin);
  const [uiLanguage, setUiLanguage] = useState<string>(me.uiLanguage);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [languages, setLanguages] = useState<string[]>(me.languages);
  const [phones, setPhones] = useState<Phone[]>(() => me.phones.map((p) => ({ ...p, key: ++phoneKey })));
  const [available247, setAvailable247] = useState(me.available247);

  const setPhone = (key: number, patch: Partial<Phone>) => setPhones((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const lang = isUiLanguage(uiLanguage) ? uiLanguage : me.uiLanguage;
      await update.mutateAsync({
        name: name.trim(),
        nameLatin: nameLatin.trim(),
        uiLanguage: lang,
        timeZone,
        languages,
        phones: phones.filter((p) => p.number.trim()).map((p) => ({ label: p.label.trim(), number: p.number.trim() })),
        available247,
      });
      await applyLanguage(lang);
      notifications.show({ color: 'teal', message: t('profile.saved') });
    } catch {
      // The alert shows what to fix; every field keeps its value.
    }
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3">
            {t('profile.detailsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="profile-name" />
            <TextInput
              label={t('fields.nameLatin')}
              required
              value={nameLatin}
              onChange={(e) => setNameLatin(e.currentTarget.value)}
              dir="ltr"
            />
            <TextInput label={t('fields.email')} value={me.email} readOnly dir="ltr" description={t('profile.emailHelp')} />
            <TextInput
              label={t('fields.countryAndAgency')}
              value={[countries.nameOf(me.country), me.agency?.name].filter(Boolean).join(' · ')}
              readOnly
            />
            <Select
              label={t('fields.uiLanguage')}
              data={UI_LANGUAGES.map((lang) => ({ value: lang, label: t(`uiLanguages.${lang}`) }))}
              value={uiLanguage}
              allowDeselect={false}
              onChange={(value) => value && setUiLanguage(value)}
              data-testid="profile-ui-language"
            />
            <Select
              label={t('fields.timeZone')}
              searchable
              data={zones}
              value={timeZone}
              allowDeselect={false}
              onChange={(value) => value && setTimeZone(value)}
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="profile-time-zone"
            />
          </SimpleGrid>
          <MultiSelect
            label={t('fields.languagesSpoken')}
            description={t('profile.languagesHelp')}
            searchable
            data={languageOptions}
            value={languages}
            onChange={setLanguages}
            nothingFoundMessage={t('common.nothingFound')}
            maxValues={20}
            placeholder={languages.length === 0 ? t('profile.languagesPlaceholder') : undefined}
            data-testid="profile-languages"
          />

          <Stack gap="xs" role="group" aria-labelledby="phones-label">
            <Text fw={600} size="sm" id="phones-label">
              {t('fields.phones')}
            </Text>
            {phones.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('profile.noPhones')}
              </Text>
            ) : null}
            {phones.map((phone, index) => (
              <Group key={phone.key} align="flex-end" wrap="nowrap" gap="xs" role="group" aria-label={t('profile.phoneN', { n: index + 1 })}>
                <TextInput
                  label={t('fields.phoneLabel')}
                  data-testid="profile-phone-label"
                  placeholder={t('profile.phoneLabelPlaceholder')}
                  value={phone.label}
                  maxLength={40}
                  onChange={(e) => setPhone(phone.key, { label: e.currentTarget.value })}
                  w={180}
                />
                <TextInput
                  label={t('fields.phoneNumber')}
                  type="tel"
                  dir="ltr"
                  data-testid="profile-phone-number"
                  value={phone.number}
                  maxLength={40}
                  onChange={(e) => setPhone(phone.key, { number: e.currentTarget.value })}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mb={2}
                  aria-label={t('profile.removePhone', { n: index + 1 })}
                  onClick={() => setPhones((list) => list.filter((p) => p.key !== phone.key))}
                >
                  <span aria-hidden="true">✕</span>
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                onClick={() => setPhones((list) => [...list, { key: ++phoneKey, label: '', number: '' }])}
                data-testid="profile-add-phone"
                disabled={phones.length >= 10}
              >
                {t('profile.addPhone')}
              </Button>
            </Group>
          </Stack>

          <Switch
            label={t('fields.available247')}
            description={t('profile.available247Help')}
            checked={available247}
            onChange={(e) => setAvailable247(e.currentTarget.checked)}
            data-testid="profile-247"
          />
          <ErrorAlert error={update.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
