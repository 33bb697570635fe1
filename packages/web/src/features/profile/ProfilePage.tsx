import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { usePageTitle } from '../../components/usePageTitle';
import { DetailsSection } from './DetailsSection';
import { MfaSection } from './MfaSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { TokensSection } from './TokensSection';

const TABS = ['details', 'security', 'sessions', 'tokens'] as const;
type Tab = (typeof TABS)[number];

export default function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'details';
  usePageTitle(t('profile.title'));
  if (!me) return null;

  return (
    <Stack gap="md" maw={960}>
      <div>
        <Title order={1}>{t('profile.title')}</Title>
        <Text c="dimmed">{t('profile.intro')}</Text>
      </div>
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = new URLSearchParams(params);
          if (!value || value === 'details') next.delete('tab');
          else next.set('tab', value);
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="details" data-testid="tab-details">
            {t('profile.tabDetails')}
          </Tabs.Tab>
          <Tabs.Tab value="security" data-testid="tab-security">
            {t('profile.tabSecurity')}
          </Tabs.Tab>
          <Tabs.Tab value="sessions" data-testid="tab-sessions">
            {t('profile.tabSessions')}
          </Tabs.Tab>
          <Tabs.Tab value="tokens" data-testid="tab-tokens">
            {t('profile.tabTokens')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <DetailsSection me={me} />
        </Tabs.Panel>
        <Tabs.Panel value="security">
          <Stack gap="xl">
            <PasswordSection />
            <MfaSection me={me} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <SessionsSection />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokensSection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
