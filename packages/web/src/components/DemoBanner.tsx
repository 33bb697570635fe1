import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/hooks';

/** A band across the top when the deployment holds demo data, so nobody mistakes it for real data. */
export function DemoBanner() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.data?.demo) return null;
  return (
    <Box bg="yellow.3" px="md" h={32} role="note" data-testid="demo-banner" style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
      <Text size="sm" fw={600} ta="center" c="dark.8" truncate title={t('demo.banner')}>
        {t('demo.banner')}
      </Text>
    </Box>
  );
}
