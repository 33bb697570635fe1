import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TMe, TTotpEnrolment } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { useConfirmTotp, useMfaOverview, useRegenerateRecoveryCodes, useRemoveMfaDevice, useStartTotp } from '../../api/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { RecoveryCodesPanel } from '../activation/RecoveryCodesPanel';
import { TotpSetup } from '../activation/TotpSetup';
import { passkeysSupported } from '../passkeys/passkeys';
import { AddPasskey } from './AddPasskey';

function AddAuthenticator({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [enrolment, setEnrolment] = useState<TTotpEnrolment | null>(null);
  const [label, setLabel] = useState('');

  if (!enrolment) {
    return (
      <Stack>
        <Text>{t('mfa.addIntro')}</Text>
        <ErrorAlert error={start.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={start.isPending}
            onClick={() => start.mutateAsync().then(setEnrolment, () => undefined)}
            data-testid="mfa-add-start"
          >
            {t('mfa.addStart')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <TotpSetup
      enrolment={enrolment}
      busy={confirm.isPending}
      error={confirm.error}
      submitLabel={t('mfa.addConfirm')}
      onCancel={onClose}
      onSubmit={async (code) => {
        await confirm.mutateAsync({ label: label.trim() || t('mfa.defaultLabel'), code });
        notifications.show({ color: 'teal', message: t('mfa.added') });
        onClose();
      }}
    >
      <TextInput
        label={t('fields.deviceLabel')}
        placeholder={t('mfa.labelPlaceholder')}
        value={label}
        maxLength={60}
        onChange={(e) => setLabel(e.currentTarget.value)}
        maw={320}
      />
    </TotpSetup>
  );
}

export function MfaSection({ me }: { me: TMe }) {
  const { t, i18n } = useTranslation();
  const overview = useMfaOverview();
  const remove = useRemoveMfaDevice();
  const regenerate = useRegenerateRecoveryCodes();
  const [adding, setAdding] = useState(false);
  const [addingPasskey, setAddingPasskey] = useState(false);
  const canUsePasskeys = passkeysSupported();
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={2} size="h3">
          {t('mfa.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('mfa.intro')}
        </Text>
        <QueryState query={overview}>
          <>
            <Table verticalSpacing="sm" data-testid="mfa-devices">
              <TableHeader columns={[t('fields.deviceLabel'), t('fields.kind'), t('fields.added')]} actions />
              <Table.Tbody>
                {(overview.data?.devices ?? []).map((device) => (
                  <Table.Tr key={device.id} data-kind={device.kind}>
                    <Table.Td>{device.label}</Table.Td>
                    <Table.Td>{t(`mfa.kinds.${device.kind}`)}</Table.Td>
                    <Table.Td>{formatDate(device.createdAt, i18n.language, me.timeZone)}</Table.Td>
                    <Table.Td ta="end">
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        color="red"
                        title={device.kind === 'passkey' ? t('passkey.removeTitle') : t('mfa.removeTitle')}
                        message={
                          device.kind === 'passkey' ? t('passkey.removeMessage', { label: device.label }) : t('mfa.removeMessage', { label: device.label })
                        }
                        confirmLabel={t('mfa.remove')}
                        aria-label={t('mfa.removeNamed', { label: device.label })}
                        onConfirm={() => remove.mutateAsync(device.id)}
                      >
                        {t('mfa.remove')}
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <Button variant="light" onClick={() => setAdding(true)} data-testid="mfa-add">
                {t('mfa.add')}
              </Button>
              {canUsePasskeys ? (
                <Button variant="light" onClick={() => setAddingPasskey(true)} data-testid="passkey-add">
                  {t('passkey.add')}
                </Button>
              ) : null}
            </Group>
            {canUsePasskeys ? null : (
              <Text size="sm" c="dimmed" data-testid="passkey-unsupported">
                {t('passkey.unsupported')}
              </Text>
            )}

            <Title order={3} size="h4" mt="md">
              {t('mfa.recoveryTitle')}
            </Title>
            <Group gap="sm">
              <Text>{t('mfa.recoveryLeft', { left: overview.data?.recoveryCodesLeft ?? 0 })}</Text>
              {(overview.data?.recoveryCodesLeft ?? 0) <= 3 ? <Badge color="orange">{t('mfa.recoveryLow')}</Badge> : null}
            </Group>
            <Group>
              <ConfirmButton
                variant="light"
                danger={false}
                title={t('mfa.regenerateTitle')}
                message={t('mfa.regenerateMessage')}
                confirmLabel={t('mfa.regenerate')}
                onConfirm={async () => setCodes((await regenerate.mutateAsync()).recoveryCodes)}
                data-testid="mfa-regenerate"
              >
                {t('mfa.regenerate')}
              </ConfirmButton>
            </Group>
          </>
        </QueryState>
      </Stack>

      <Modal opened={adding} onClose={() => setAdding(false)} title={t('mfa.addTitle')} size="lg" closeOnClickOutside={false}>
        {adding ? <AddAuthenticator onClose={() => setAdding(false)} /> : null}
      </Modal>
      <Modal opened={addingPasskey} onClose={() => setAddingPasskey(false)} title={t('passkey.addTitle')} size="lg" closeOnClickOutside={false}>
        {addingPasskey ? <AddPasskey onClose={() => setAddingPasskey(false)} /> : null}
      </Modal>
      <Modal
        opened={codes !== null}
        onClose={() => undefined}
        withCloseButton={false}
        closeOnEscape={false}
        closeOnClickOutside={false}
        title={t('mfa.newCodesTitle')}
        size="lg"
      >
        {codes ? <RecoveryCodesPanel codes={codes} account={me.email} onDone={() => setCodes(null)} doneLabel={t('common.done')} /> : null}
      </Modal>
    </Paper>
  );
}
