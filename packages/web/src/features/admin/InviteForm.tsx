import { Alert, Anchor, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { AGENCY_TYPES, ROLES, type TAgencyType, type TMe, type TRole } from '@focal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies, useCreateAgency, useCreateInvitation } from '../../api/hooks';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { isSecretariat } from '../../components/roles';
import { useCountryNames } from '../../components/useReference';

function NewAgency({ country, onCreated, onCancel }: { country: string; onCreated: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateAgency();
  const [name, setName] = useState('');
  const [type, setType] = useState<TAgencyType | null>(null);
  const save = async () => {
    if (!type) return;
    try {
      const agency = await create.mutateAsync({ country, name: name.trim(), type });
      onCreated(agency.id);
    } catch {
      // Shown below.
    }
  };
  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('invite.newAgencyTitle')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.agencyName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-testid="agency-name" />
          <Select
            label={t('fields.agencyType')}
            data={AGENCY_TYPES.map((a) => ({ value: a, label: t(`agencyTypes.${a}`) }))}
            value={type}
            onChange={(v) => setType(v as TAgencyType | null)}
            required
            data-testid="agency-type"
          />
        </SimpleGrid>
        <ErrorAlert error={create.error} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" onClick={() => void save()} loading={create.isPending} disabled={name.trim().length < 2 || !type} data-testid="agency-save">
            {t('invite.addAgency')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Invite a person: the server answers a single-use link for the administrator to send. */
export function InviteForm({ me, onClose }: { me: TMe; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const secretariat = isSecretariat(me.roles);
  const countries = useCountryNames();
  const invite = useCreateInvitation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [nameLatin, setNameLatin] = useState('');
  const [country, setCountry] = useState<string | null>(secretariat ? null : me.country);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [roles, setRoles] = useState<TRole[]>(secretariat ? ['national_admin'] : ['focal_point']);
  const [addingAgency, setAddingAgency] = useState(false);
  const [result, setResult] = useState<{ url: string; expiresAt: string; email: string } | null>(null);
  const agencies = useAgencies(country);
  const roleOptions = ROLES.filter((r) => secretariat || r !== 'secretariat');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!country) return;
    try {
      const created = await invite.mutateAsync({
        email: email.trim(),
        name: name.trim(),
        nameLatin: nameLatin.trim(),
        country,
        agencyId: agencyId ?? null,
        roles,
      });
      setResult({ url: created.url, expiresAt: created.expiresAt, email: email.trim() });
    } catch {
      // Shown below; the form keeps its values.
    }
  };

  const again = () => {
    setResult(null);
    setEmail('');
    setName('');
    setNameLatin('');
    invite.reset();
  };

  if (result) {
    return (
      <Stack data-testid="invitation-created">
        <Alert color="teal" variant="light" title={t('invite.createdTitle')}>
          {t('invite.createdBody', { email: result.email, date: formatDateTime(result.expiresAt, i18n.language, me.timeZone) })}
        </Alert>
        <CopyField value={result.url} label={t('invite.copyLink')} testId="invitation-url" />
        <Group justify="flex-end">
          <Button variant="default" onClick={again}>
            {t('invite.another')}
          </Button>
          <Button onClick={onClose} data-testid="invite-done">
            {t('common.done')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const complete = email.trim() && name.trim() && nameLatin.trim() && country && roles.length > 0;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('invite.intro')}
        </Text>
        <TextInput
          label={t('fields.email')}
          type="email"
          required
          dir="ltr"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          data-testid="invite-email"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('fields.name')}
            description={t('invite.nameHelp')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="invite-name"
          />
          <TextInput
            label={t('fields.nameLatin')}
            description={t('invite.nameLatinHelp')}
            required
            dir="ltr"
            value={nameLatin}
            onChange={(e) => setNameLatin(e.currentTarget.value)}
            data-testid="invite-name-latin"
          />
        </SimpleGrid>
        {secretariat ? (
          <Select
            label={t('fields.country')}
            required
            searchable
            data={countries.options}
            value={country}
            onChange={(v) => {
              setCountry(v);
              setAgencyId(null);
            }}
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="invite-country"
          />
        ) : (
          <TextInput label={t('fields.country')} value={countries.nameOf(me.country)} readOnly description={t('invite.ownCountry')} />
        )}
        <Stack gap={4}>
          <Select
            label={t('fields.agency')}
            clearable
            searchable
            disabled={!country}
            data={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name} (${t(`agencyTypes.${a.type}`)})` }))}
            value={agencyId}
            onChange={setAgencyId}
            placeholder={agencies.data?.length === 0 ? t('invite.noAgencies') : t('common.optional')}
            nothingFoundMessage={t('common.nothingFound')}
            data-testid="invite-agency"
          />
          {country && !addingAgency ? (
            <Anchor component="button" type="button" size="sm" onClick={() => setAddingAgency(true)} data-testid="invite-add-agency">
              {t('invite.addAgencyLink')}
            </Anchor>
          ) : null}
          {country && addingAgency ? (
            <NewAgency
              country={country}
              onCancel={() => setAddingAgency(false)}
              onCreated={(id) => {
                setAgencyId(id);
                setAddingAgency(false);
              }}
            />
          ) : null}
        </Stack>
        <Checkbox.Group label={t('fields.roles')} value={roles} onChange={(v) => setRoles(v as TRole[])} required>
          <Stack gap={6} mt={6}>
            {roleOptions.map((role) => (
              <Checkbox key={role} value={role} label={t(`roles.${role}`)} description={t(`roleHelp.${role}`)} data-testid={`invite-role-${role}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <ErrorAlert error={invite.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending} disabled={!complete} data-testid="invite-submit">
            {t('invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
