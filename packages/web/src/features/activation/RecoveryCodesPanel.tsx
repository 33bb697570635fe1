import { Alert, Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface RecoveryCodesPanelProps {
  codes: string[];
  /** Who the codes belong to, written into the downloaded file. */
  account: string;
  onDone: () => void;
  doneLabel: string;
}

/** Shows fresh recovery codes once, offers a .txt download, and asks the person to confirm they saved them. */
export function RecoveryCodesPanel({ codes, account, onDone, doneLabel }: RecoveryCodesPanelProps) {
  const { t, i18n } = useTranslation();
  const [saved, setSaved] = useState(false);

  const download = () => {
    const lines = [
      t('recovery.fileTitle', { account }),
      t('recovery.fileDate', { date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date()) }),
      t('recovery.fileHelp'),
      '',
      ...codes,
      '',
    ];
    const blob = new Blob([lines.join('\r\n')], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'focal-recovery-codes.txt';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Stack>
      <Alert color="orange" variant="light" title={t('recovery.onceTitle')}>
        {t('recovery.once')}
      </Alert>
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" data-testid="recovery-codes" dir="ltr" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {codes.map((code) => (
            <Text key={code} component="li" className="recovery-codes" data-testid="recovery-code">
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group className="no-print">
        <Button variant="light" onClick={download} data-testid="recovery-download">
          {t('recovery.download')}
        </Button>
        <CopyButton value={codes.join('\n')} timeout={2000}>
          {({ copied, copy }) => (
            <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? t('common.copied') : t('recovery.copyAll')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" onClick={() => window.print()}>
          {t('recovery.print')}
        </Button>
      </Group>
      <Checkbox
        label={t('recovery.confirmSaved')}
        checked={saved}
        onChange={(e) => setSaved(e.currentTarget.checked)}
        data-testid="recovery-saved"
      />
      <Group justify="flex-end">
        <Button onClick={onDone} disabled={!saved} data-testid="recovery-done">
          {doneLabel}
        </Button>
      </Group>
    </Stack>
  );
}
