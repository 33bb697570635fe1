import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

export interface ConfirmButtonProps extends Omit<ButtonProps, 'children' | 'onClick'> {
  /** Text of the button that opens the confirmation. */
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** The action; the dialog stays open and shows the error if it fails. */
  onConfirm: () => Promise<unknown>;
  danger?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** A button whose action is only carried out after an explicit confirmation in a dialog. */
export function ConfirmButton({ children, title, message, confirmLabel, onConfirm, danger = true, ...buttonProps }: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = () => {
    if (busy) return;
    setOpened(false);
    setError(null);
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setOpened(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button {...buttonProps} onClick={() => setOpened(true)}>
        {children}
      </Button>
      <ConfirmDialog
        opened={opened}
        title={title}
        message={message}
        confirmLabel={confirmLabel}
        onCancel={close}
        onConfirm={confirm}
        busy={busy}
        error={error}
        danger={danger}
        cancelLabel={t('common.cancel')}
      />
    </>
  );
}

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
  busy?: boolean;
  error?: unknown;
  danger?: boolean;
}

export function ConfirmDialog({ opened, title, message, confirmLabel, cancelLabel, onCancel, onConfirm, busy, error, danger = true }: ConfirmDialogProps) {
  return (
    <Modal opened={opened} onClose={onCancel} title={title} centered>
      <Stack>
        {typeof message === 'string' ? <Text>{message}</Text> : message}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={busy} data-testid="confirm-action">
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
