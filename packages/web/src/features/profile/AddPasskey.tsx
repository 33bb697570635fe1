import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddPasskey } from '../../api/hooks';
import { PasskeyAlert } from '../passkeys/PasskeyAlert';
import { describeUserAgent } from './userAgent';

/** Asks a name for the passkey (this browser and system by default), then lets the browser create it. */
export function AddPasskey({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddPasskey();
  const [label, setLabel] = useState(() => describeUserAgent(navigator.userAgent) ?? t('passkey.defaultLabel'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await add.mutateAsync(label.trim() || t('passkey.defaultLabel'));
      notifications.show({ color: 'teal', message: t('passkey.added') });
      onClose();
    } catch {
      // Shown by the alert below; the dialog stays open to try again.
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('passkey.addIntro')}</Text>
        <TextInput
          label={t('fields.deviceLabel')}
          description={t('passkey.labelHelp')}
          placeholder={t('passkey.labelPlaceholder')}
          value={label}
          maxLength={60}
          onChange={(e) => setLabel(e.currentTarget.value)}
          maw={360}
          data-testid="passkey-label"
          data-autofocus
        />
        <PasskeyAlert error={add.error} ceremony="register" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={add.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending} data-testid="passkey-create">
            {t('passkey.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
