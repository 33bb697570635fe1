import { Alert, Anchor, Button, Group, Paper, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TAttachment, TDraft, TDraftValues, TMailSettings, TRecipient } from '@focal/shared';
import { useCallback, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useDeleteDraft, useSendDraft } from './api';
import { AttachmentsField } from './AttachmentsField';
import { ClassificationFields } from './ClassificationFields';
import { formatTime } from './format';
import { MessageBody } from './MessageBody';
import { RecipientPicker } from './RecipientPicker';
import { useDraftAutosave, type SaveState } from './useAutosave';

export const EMPTY_DRAFT: TDraftValues = {
  to: [],
  cc: [],
  subject: '',
  body: '',
  handlingCode: 'H0',
  conditions: '',
  evaluationSource: 'X',
  evaluationInfo: 4,
  priority: 'routine',
  replyBy: null,
  inReplyTo: null,
  forwardOf: null,
  requestId: null,
};

type FieldErrors = Record<string, string>;

/**
 * The server's field names mapped to the composer's fields: "to.0.id" is To; a refused recipient
 * (user:ID, country:CODE or case:ID) marks the field that holds it.
 */
function fieldErrorsOf(error: unknown, message: string, values: TDraftValues): FieldErrors {
  if (!(error instanceof ApiError) || !error.fields) return {};
  const out: FieldErrors = {};
  for (const key of Object.keys(error.fields)) {
    const recipient = /^(user|country|case):(.+)$/.exec(key);
    if (recipient) {
      const [, kind, id] = recipient;
      const holds = (list: TRecipient[]) => list.some((r) => r.kind === kind && (r.kind === 'country' ? r.code : r.id) === id);
      if (holds(values.to)) out.to = message;
      if (holds(values.cc)) out.cc = message;
    } else {
      out[key.split('.')[0] ?? key] = message;
    }
  }
  return out;
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t, i18n } = useTranslation();
  const text =
    state.status === 'saving'
      ? t('mail.compose.saving')
      : state.status === 'saved'
        ? t('mail.compose.saved', { time: formatTime(state.at, i18n.language) })
        : state.status === 'error'
          ? t('mail.compose.saveFailed')
          : t('mail.compose.notSaved');
  return (
    <Text size="sm" c={state.status === 'error' ? 'red' : 'dimmed'} aria-live="polite" data-testid="compose-save-status" data-status={state.status}>
      {text}
    </Text>
  );
}

export interface ComposeFormProps {
  draft: TDraft | null;
  settings: TMailSettings | undefined;
  onCreated: (id: string) => void;
}

export function ComposeForm({ draft, settings, onCreated }: ComposeFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState<TDraftValues>(() => (draft ? { ...EMPTY_DRAFT, ...draft.values } : EMPTY_DRAFT));
  const valuesRef = useRef(values);
  const [attachments, setAttachments] = useState<TAttachment[]>(draft?.attachments ?? []);
  const [uploading, setUploading] = useState(false);
  const [tab, setTab] = useState<string | null>('write');
  const [sendError, setSendError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const autosave = useDraftAutosave(draft?.id ?? null, onCreated);
  const send = useSendDraft();
  const discard = useDeleteDraft();
  const forward = values.forwardOf !== null;
  usePageTitle(forward ? t('mail.compose.forwardTitle') : values.inReplyTo ? t('mail.compose.replyTitle') : t('mail.compose.title'));

  const update = useCallback(
    (patch: Partial<TDraftValues>) => {
      const next = { ...valuesRef.current, ...patch };
      valuesRef.current = next;
      setValues(next);
      setFieldErrors((errors) => {
        const keys = Object.keys(patch);
        return keys.some((k) => k in errors) ? Object.fromEntries(Object.entries(errors).filter(([k]) => !keys.includes(k))) : errors;
      });
      autosave.change(next);
    },
    [autosave],
  );

  const ensureDraft = async () => {
    const { id, error } = await autosave.ensureSaved(valuesRef.current);
    return error ? null : id;
  };

  const submit = async () => {
    setSendError(null);
    setFieldErrors({});
    if (uploading) return;
    const { id, error } = await autosave.ensureSaved(valuesRef.current);
    if (error || !id) {
      setSendError(error);
      return;
    }
    try {
      const result = await send.mutateAsync(id);
      autosave.stop();
      if (result.status === 'sent') {
        notifications.show({ color: 'teal', message: t('mail.compose.sentNotice', { n: result.recipients }) });
        navigate('/mail/sent');
      } else {
        notifications.show({ color: 'yellow', message: t('mail.compose.pendingNotice') });
        navigate(`/mail/message/${result.id}`);
      }
    } catch (err) {
      setSendError(err);
      setFieldErrors(fieldErrorsOf(err, err instanceof ApiError && err.code === 'validation_failed' ? t('mail.compose.fieldInvalid') : errorMessage(t, err), valuesRef.current));
    }
  };

  const discardDraft = async () => {
    autosave.stop();
    const id = autosave.draftId();
    try {
      if (id) await discard.mutateAsync(id);
    } catch (error) {
      autosave.resume();
      throw error;
    }
    navigate('/mail/inbox');
  };

  return (
    <Stack gap="md" maw={980} data-testid="compose">
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1} size="h2">
          {forward ? t('mail.compose.forwardTitle') : values.inReplyTo ? t('mail.compose.replyTitle') : t('mail.compose.title')}
        </Title>
        <SaveStatus state={autosave.state} />
      </Group>
      {autosave.state.status === 'error' ? (
        <Alert color="red" variant="light" title={t('mail.compose.saveFailedTitle')} data-testid="compose-save-error">
          <Text size="sm">{errorMessage(t, autosave.state.error)}</Text>
          <Text size="sm" mt={4}>
            {t('mail.compose.saveFailedKept')}
          </Text>
          <Button size="xs" variant="light" color="red" mt="xs" onClick={() => void autosave.flush()}>
            {t('mail.compose.retrySave')}
          </Button>
        </Alert>
      ) : null}
      {values.requestId ? (
        <Alert color="blue" variant="light" data-testid="compose-about-request">
          <Text size="sm">{t('mail.compose.aboutRequest')}</Text>
          <Anchor component={Link} to={`/requests/${values.requestId}`} size="sm">
            {t('mail.compose.openRequest')}
          </Anchor>
        </Alert>
      ) : null}
      <Paper withBorder p="md" radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          noValidate
        >
          <Stack gap="sm">
            <RecipientPicker label={t('mail.fields.to')} value={values.to} onChange={(to) => update({ to })} error={fieldErrors.to} testId="compose-to" />
            <RecipientPicker label={t('mail.fields.cc')} value={values.cc} onChange={(cc) => update({ cc })} error={fieldErrors.cc} testId="compose-cc" />
            <TextInput
              label={t('mail.fields.subject')}
              value={values.subject}
              maxLength={500}
              onChange={(e) => update({ subject: e.currentTarget.value })}
              error={fieldErrors.subject}
              data-testid="compose-subject"
            />
            <ClassificationFields values={values} onChange={update} fixed={forward} errors={fieldErrors} />
            <Tabs value={tab} onChange={setTab} keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="write" data-testid="compose-tab-write">
                  {t('mail.compose.write')}
                </Tabs.Tab>
                <Tabs.Tab value="preview" data-testid="compose-tab-preview">
                  {t('mail.compose.preview')}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="write" pt="xs">
                <Textarea
                  aria-label={t('mail.fields.body')}
                  description={t('mail.compose.markdownHelp')}
                  autosize
                  minRows={10}
                  maxRows={30}
                  value={values.body}
                  onChange={(e) => update({ body: e.currentTarget.value })}
                  error={fieldErrors.body}
                  data-testid="compose-body"
                />
              </Tabs.Panel>
              <Tabs.Panel value="preview" pt="xs">
                <Paper withBorder p="md" radius="sm" mih={200}>
                  {values.body.trim() ? <MessageBody source={values.body} testId="compose-preview" /> : <Text c="dimmed">{t('mail.compose.previewEmpty')}</Text>}
                </Paper>
              </Tabs.Panel>
            </Tabs>
            <AttachmentsField attachments={attachments} onChange={setAttachments} ensureDraft={ensureDraft} settings={settings} onBusyChange={setUploading} />
            <ErrorAlert error={sendError} />
            {uploading ? (
              <Text size="sm" c="dimmed" ta="end">
                {t('mail.compose.waitUploads')}
              </Text>
            ) : null}
            <Group justify="space-between" wrap="wrap">
              <ConfirmButton
                variant="subtle"
                color="red"
                title={t('mail.compose.discardTitle')}
                message={t('mail.compose.discardMessage')}
                confirmLabel={t('mail.compose.discardConfirm')}
                onConfirm={discardDraft}
                data-testid="compose-discard"
              >
                {t('mail.compose.discard')}
              </ConfirmButton>
              <Button type="submit" size="md" loading={send.isPending} disabled={uploading} data-testid="compose-send">
                {t('mail.compose.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
