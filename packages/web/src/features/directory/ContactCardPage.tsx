import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useContactCard } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { languageName, timeIn } from '../../components/format';
import { Loading } from '../../components/Loading';
import { NotFoundContent } from '../../components/NotFound';
import { useCountryNames } from '../../components/useReference';
import { usePageTitle } from '../../components/usePageTitle';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

export default function ContactCardPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const card = useContactCard(id);
  const countries = useCountryNames();
  usePageTitle(card.data ? card.data.name : t('contact.title'));

  if (card.isLoading) return <Loading />;
  if (card.error instanceof ApiError && card.error.status === 404) return <NotFoundContent />;
  if (card.isError || !card.data) return <ErrorAlert error={card.error} />;
  const c = card.data;

  return (
    <Stack gap="md" maw={860}>
      <Anchor component={Link} to="/directory" size="sm">
        {t('contact.back')}
      </Anchor>
      <Paper withBorder p="xl" radius="md" data-testid="contact-card">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <div>
            <Title order={1} data-testid="contact-name">
              {c.name}
            </Title>
            {c.nameLatin && c.nameLatin !== c.name ? (
              <Text c="dimmed" size="lg" dir="ltr">
                {c.nameLatin}
              </Text>
            ) : null}
            <Group gap="xs" mt="xs">
              <Badge variant="light">{countries.nameOf(c.country)}</Badge>
              {c.roles.map((role) => (
                <Badge key={role} variant="outline">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
              {c.available247 ? (
                <Badge color="teal" variant="filled">
                  {t('directory.available247')}
                </Badge>
              ) : null}
            </Group>
          </div>
          <Button component="a" href={`/api/directory/${encodeURIComponent(c.id)}/vcard`} download variant="light" data-testid="vcard-download">
            {t('contact.vcard')}
          </Button>
        </Group>

        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xl" spacing="lg">
          <Field label={t('fields.agency')}>
            {c.agency ? (
              <>
                <Text>{c.agency.name}</Text>
                <Text size="sm" c="dimmed">
                  {t(`agencyTypes.${c.agency.type}`)}
                </Text>
              </>
            ) : (
              <Text c="dimmed">{t('contact.noAgency')}</Text>
            )}
          </Field>
          <Field label={t('fields.email')}>
            <Anchor href={`mailto:${c.email}`} dir="ltr">
              {c.email}
            </Anchor>
          </Field>
          <Field label={t('fields.phones')}>
            {c.phones.length === 0 ? (
              <Text c="dimmed">{t('contact.noPhones')}</Text>
            ) : (
              <Stack gap={2}>
                {c.phones.map((phone) => (
                  <Text key={`${phone.label}-${phone.number}`}>
                    {phone.label ? `${phone.label}: ` : ''}
                    <Anchor href={`tel:${phone.number.replace(/[^\d+]/g, '')}`} dir="ltr">
                      {phone.number}
                    </Anchor>
                  </Text>
                ))}
              </Stack>
            )}
          </Field>
          <Field label={t('fields.timeZone')}>
            <Text>
              {c.timeZone}
              <Text span c="dimmed" size="sm">
                {' · '}
                {t('contact.localTime', { time: timeIn(c.timeZone, i18n.language) })}
              </Text>
            </Text>
          </Field>
          <Field label={t('fields.languages')}>
            <Text>{c.languages.length ? c.languages.map((l) => languageName(l, i18n.language)).join(', ') : '—'}</Text>
          </Field>
          <Field label={t('fields.availability')}>
            <Text>{c.available247 ? t('contact.available247Long') : t('contact.officeHours')}</Text>
          </Field>
        </SimpleGrid>
      </Paper>
    </Stack>
  );
}
