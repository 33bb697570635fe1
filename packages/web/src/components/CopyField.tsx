import { Button, Code, CopyButton, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface CopyFieldProps {
  value: string;
  /** Accessible name of the copy button. */
  label: string;
  testId?: string;
}

/** A value shown in full (monospace, left to right even in Arabic) with a copy button. */
export function CopyField({ value, label, testId }: CopyFieldProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code dir="ltr" data-testid={testId} style={{ wordBreak: 'break-all', flex: 1, userSelect: 'all' }} p="xs">
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy} aria-label={label}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
