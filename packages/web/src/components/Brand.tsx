import { Group, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to="/" aria-label={t('nav.homeLink')}>
      <Group gap={8} wrap="nowrap">
        <svg width="28" height="28" viewBox="0 0 64 64" aria-hidden="true">
          <circle cx="32" cy="32" r="30" fill="#1c5d99" />
          <circle cx="32" cy="32" r="18" fill="none" stroke="#fff" strokeWidth="5" />
          <circle cx="32" cy="32" r="6" fill="#fff" />
        </svg>
        <Text fw={800} size="lg" c="focal.8">
          Focal
        </Text>
      </Group>
    </UnstyledButton>
  );
}
