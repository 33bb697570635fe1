import { Alert, Button, Modal, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatBytes } from './format';
import { useMailSettings, useUpdateMailSettings } from './api';

function MailSettingsForm() {
  const { t, i18n } = useTranslation();
  const settings = useMailSettings();
  const update = useUpdateMailSettings();
  if (settings.isLoading) return <Loading />;
  if (!settings.data) return <ErrorAlert error={settings.error} />;
  const s = settings.data;
  return (
    <Stack>
      <Switch
        label={t('mail.settings.notify')}
        description={s.emailAvailable ? t('mail.settings.notifyHelp') : t('mail.settings.notifyUnavailable')}
        checked={s.emailAvailable && s.notifyByEmail}
        disabled={!s.emailAvailable || update.isPending}
        onChange={(e) => update.mutate({ notifyByEmail: e.currentTarget.checked })}
        data-testid="mail-notify-email"
      />
      {!s.emailAvailable ? (
        <Alert color="gray" variant="light">
          {t('mail.settings.unavailableExplain')}
        </Alert>
      ) : null}
      <ErrorAlert error={update.error} />
      <Text size="sm" c="dimmed">
        {t('mail.settings.limits', { file: formatBytes(s.attachmentMaxBytes, i18n.language), message: formatBytes(s.messageMaxBytes, i18n.language) })}
      </Text>
    </Stack>
  );
}

/** Mail preferences: whether to be told by e-mail (with no content) when a secure message arrives. */
export function MailSettingsButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="subtle" size="xs" justify="flex-start" onClick={() => setOpened(true)} data-testid="mail-settings-open">
        {t('mail.settings.title')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('mail.settings.title')} centered>
        <MailSettingsForm />
      </Modal>
    </>
  );
}
