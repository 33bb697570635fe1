import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { REFUSAL_GROUNDS, type TRefusalGround, type TRequestAction, type TRequestDetail } from '@focal/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRequestAction } from './api';

/** Actions whose note is the substance (the answer itself) rather than a remark. */
const NOTE_REQUIRED: readonly TRequestAction[] = ['answer', 'answer_partially'];
const DANGER: readonly TRequestAction[] = ['refuse', 'withdraw'];
const PRIMARY: readonly TRequestAction[] = ['send', 'acknowledge', 'answer'];

function ActionDialog({ request, action, onClose }: { request: TRequestDetail; action: TRequestAction; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useRequestAction();
  const [note, setNote] = useState('');
  const [ground, setGround] = useState<TRefusalGround | null>(null);
  const [groundText, setGroundText] = useState('');
  const [tried, setTried] = useState(false);
  const noteMissing = NOTE_REQUIRED.includes(action) && !note.trim();
  const groundMissing = action === 'refuse' && (!ground || (ground === 'other' && !groundText.trim()));

  const submit = async () => {
    setTried(true);
    if (noteMissing || groundMissing) return;
    try {
      await act.mutateAsync({
        id: request.id,
        action,
        note: note.trim(),
        ...(action === 'refuse' && ground ? { ground, ...(groundText.trim() ? { groundText: groundText.trim() } : {}) } : {}),
      });
      notifications.show({ color: 'teal', message: t(`requests.actions.done.${action}`, { reference: request.reference }) });
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <Modal opened onClose={onClose} title={t(`requests.actions.title.${action}`, { reference: request.reference })} size="lg" centered>
      <Stack data-testid="request-action-dialog" data-action={action}>
        <Text size="sm">{t(`requests.actions.help.${action}`)}</Text>
        {action === 'refuse' ? (
          <>
            <Select
              label={t('requests.refusal.ground')}
              description={t('requests.refusal.groundHelp')}
              data={REFUSAL_GROUNDS.map((g) => ({ value: g, label: t(`requests.grounds.${g}`) }))}
              value={ground}
              onChange={(v) => setGround(v as TRefusalGround | null)}
              error={tried && !ground ? t('requests.form.required') : undefined}
              comboboxProps={{ width: 520, position: 'bottom-start' }}
              data-testid="request-refusal-ground"
            />
            <Textarea
              label={t('requests.refusal.text')}
              description={ground === 'other' ? t('requests.refusal.textRequired') : t('requests.refusal.textHelp')}
              autosize
              minRows={2}
              maxLength={4000}
              value={groundText}
              onChange={(e) => setGroundText(e.currentTarget.value)}
              error={tried && ground === 'other' && !groundText.trim() ? t('requests.form.required') : undefined}
              dir="auto"
              data-testid="request-refusal-text"
            />
          </>
        ) : null}
        <Textarea
          label={NOTE_REQUIRED.includes(action) ? t('requests.actions.answer') : t('requests.actions.note')}
          description={NOTE_REQUIRED.includes(action) ? t('requests.actions.answerHelp') : t('requests.actions.noteHelp')}
          required={NOTE_REQUIRED.includes(action)}
          autosize
          minRows={NOTE_REQUIRED.includes(action) ? 6 : 2}
          maxRows={20}
          maxLength={100_000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={tried && noteMissing ? t('requests.form.required') : undefined}
          dir="auto"
          data-testid="request-action-note"
        />
        <ErrorAlert error={act.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={act.isPending}>
            {t('common.cancel')}
          </Button>
          <Button color={DANGER.includes(action) ? 'red' : undefined} onClick={() => void submit()} loading={act.isPending} data-testid="request-action-confirm">
            {t(`requests.actions.confirm.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What my side may do now, each confirmed in a dialog that says what follows. */
export function RequestActions({ request }: { request: TRequestDetail }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<TRequestAction | null>(null);
  if (request.actions.length === 0) return null;
  return (
    <>
      <Group gap="xs" wrap="wrap" data-testid="request-actions">
        {request.actions.map((a) => (
          <Button
            key={a}
            variant={PRIMARY.includes(a) ? 'filled' : DANGER.includes(a) ? 'outline' : 'light'}
            color={DANGER.includes(a) ? 'red' : undefined}
            onClick={() => setAction(a)}
            data-testid={`request-action-${a}`}
          >
            {t(`requests.actions.button.${a}`)}
          </Button>
        ))}
      </Group>
      {action ? <ActionDialog key={action} request={request} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
