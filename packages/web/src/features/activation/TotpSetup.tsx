import { Button, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import type { TTotpEnrolment } from '@focal/shared';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface TotpSetupProps {
  enrolment: TTotpEnrolment;
  onSubmit: (code: string) => Promise<unknown>;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  /** Extra fields shown above the code (e.g. a label for the device). */
  children?: ReactNode;
  onCancel?: () => void;
}

/** QR code, secret for manual entry, and the six-digit code that proves the authenticator works. */
export function TotpSetup({ enrolment, onSubmit, busy, error, submitLabel, children, onCancel }: TotpSetupProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const clean = code.replace(/\s+/g, '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await onSubmit(clean);
    } catch {
      // The caller's error is shown below.
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <List type="ordered" spacing="xs">
          <List.Item>{t('totp.stepInstall')}</List.Item>
          <List.Item>{t('totp.stepScan')}</List.Item>
          <List.Item>{t('totp.stepCode')}</List.Item>
        </List>
        <Group align="flex-start" gap="xl" wrap="wrap">
          <Image
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt={t('totp.qrAlt')}
            className="qr-code"
            w={200}
            h={200}
            data-testid="totp-qr"
          />
          <Stack gap="xs" style={{ flex: 1, minWidth: 240 }}>
            <Text size="sm" fw={600}>
              {t('totp.manualTitle')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('totp.manualHelp')}
            </Text>
            <CopyField value={enrolment.secret} label={t('totp.copySecret')} testId="totp-secret" />
          </Stack>
        </Group>
        {children}
        <TextInput
          label={t('fields.totpCode')}
          description={t('totp.codeHelp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data-testid="totp-code"
          dir="ltr"
          maw={240}
          styles={{ input: { letterSpacing: '0.3em', fontSize: 20, textAlign: 'center' } }}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" loading={busy} disabled={clean.length !== 6} data-testid="totp-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
