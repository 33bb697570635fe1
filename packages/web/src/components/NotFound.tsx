import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';
import { AppLayout, PublicLayout } from './AppLayout';
import { Loading } from './Loading';
import { usePageTitle } from './usePageTitle';

export function NotFoundContent() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack align="center" py="xl" gap="md" data-testid="not-found">
      <Text size="3rem" fw={800} c="dimmed" aria-hidden="true">
        404
      </Text>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text c="dimmed" ta="center" maw={480}>
        {t('notFound.body')}
      </Text>
      <Button component={Link} to="/">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}

/** Unknown addresses: a friendly page inside whichever shell fits the visitor. */
export function NotFoundPage() {
  const session = useSession();
  if (session.isLoading) return <Loading />;
  const Layout = session.data?.user ? AppLayout : PublicLayout;
  return (
    <Layout>
      <NotFoundContent />
    </Layout>
  );
}
