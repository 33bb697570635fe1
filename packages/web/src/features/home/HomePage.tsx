import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useMfaOverview } from '../../api/hooks';
import { timeIn } from '../../components/format';
import { canAdminister, canReadAudit, isSecretariat } from '../../components/roles';
import { useCountryNames } from '../../components/useReference';
import { usePageTitle } from '../../components/usePageTitle';

function QuickLink({ to, title, body, testId }: { to: string; title: string; body: string; testId: string }) {
  return (
    <Card withBorder radius="md" padding="lg" component={Link} to={to} data-testid={testId} style={{ textDecoration: 'none' }}>
      <Text fw={700} c="focal.8">
        {title}
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {body}
      </Text>
    </Card>
  );
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const countries = useCountryNames();
  const mfa = useMfaOverview();
  usePageTitle(t('home.title'));
  if (!me) return null;

  const admin = canAdminister(me.roles);
  const secretariat = isSecretariat(me.roles);
  const purposes: string[] = [];
  if (me.roles.includes('focal_point')) purposes.push(t('home.purpose.focal_point'));
  if (me.roles.includes('national_admin')) purposes.push(t('home.purpose.national_admin', { country: countries.nameOf(me.country) }));
  if (secretariat) purposes.push(t('home.purpose.secretariat'));
  if (me.roles.includes('trainer')) purposes.push(t('home.purpose.trainer'));
  if (me.roles.includes('observer')) purposes.push(t('home.purpose.observer'));

  const lowCodes = mfa.data && mfa.data.recoveryCodesLeft <= 3;

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={1} data-testid="home-greeting">
          {t('home.greeting', { name: me.name })}
        </Title>
        <Group gap="xs" mt="xs">
          <Badge variant="light">{countries.nameOf(me.country)}</Badge>
          {me.roles.map((role) => (
            <Badge key={role} variant="outline">
              {t(`roles.${role}`)}
            </Badge>
          ))}
          <Text size="sm" c="dimmed">
            {t('home.localTime', { time: timeIn(me.timeZone, i18n.language), zone: me.timeZone })}
          </Text>
        </Group>
      </div>

      {lowCodes ? (
        <Alert color="orange" variant="light" title={t('home.lowCodesTitle')}>
          {t('home.lowCodes', { left: mfa.data?.recoveryCodesLeft ?? 0 })}{' '}
          <Anchor component={Link} to="/profile?tab=security">
            {t('home.lowCodesLink')}
          </Anchor>
        </Alert>
      ) : null}

      <section aria-labelledby="home-about">
        <Title order={2} size="h3" id="home-about" mb="xs">
          {t('home.aboutTitle')}
        </Title>
        <Text mb="xs">{t('home.about')}</Text>
        <List spacing={4}>
          {purposes.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      </section>

      <section aria-labelledby="home-links">
        <Title order={2} size="h3" id="home-links" mb="sm">
          {t('home.quickLinks')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <QuickLink to="/directory" title={t('nav.directory')} body={t('home.directoryBody')} testId="home-link-directory" />
          <QuickLink to="/profile" title={t('nav.profile')} body={t('home.profileBody')} testId="home-link-profile" />
          {admin ? (
            <QuickLink to="/admin/users" title={t('nav.adminUsers')} body={t('home.adminBody')} testId="home-link-admin" />
          ) : null}
          {canReadAudit(me.roles) ? (
            <QuickLink to="/audit" title={t('nav.audit')} body={t('home.auditBody')} testId="home-link-audit" />
          ) : null}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
