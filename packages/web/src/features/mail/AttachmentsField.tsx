import { ActionIcon, Button, FileButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { TAttachment, TMailSettings } from '@focal/shared';
import { useRef, useState, type ComponentProps, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { Fingerprint } from './AttachmentList';
import { deleteAttachment, uploadAttachment } from './api';
import { formatBytes } from './format';
import './mail.css';

interface UploadItem {
  key: number;
  name: string;
  size: number;
  progress: number;
  error: unknown;
  /** Set while the upload runs. */
  abort?: () => void;
}

export interface AttachmentsFieldProps {
  attachments: TAttachment[];
  onChange: (update: (list: TAttachment[]) => TAttachment[]) => void;
  /** The draft to attach to, created first if needed; null when it could not be saved. */
  ensureDraft: () => Promise<string | null>;
  settings: TMailSettings | undefined;
  /** Reports whether uploads are still running (sending waits for them). */
  onBusyChange: (busy: boolean) => void;
}

let uploadKey = 0;

/** Files by drag and drop or a file picker, each with its progress and a way to remove it. */
export function AttachmentsField({ attachments, onChange, ensureDraft, settings, onBusyChange }: AttachmentsFieldProps) {
  const { t, i18n } = useTranslation();
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const running = useRef(0);
  const size = (n: number) => formatBytes(n, i18n.language);

  const patch = (key: number, change: Partial<UploadItem>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  const busy = (delta: number) => {
    running.current += delta;
    onBusyChange(running.current > 0);
  };

  const add = async (files: File[]) => {
    if (!settings || files.length === 0) return;
    let total = attachments.reduce((sum, a) => sum + a.size, 0) + uploads.filter((u) => !u.error).reduce((sum, u) => sum + u.size, 0);
    for (const file of files) {
      const key = ++uploadKey;
      const item: UploadItem = { key, name: file.name, size: file.size, progress: 0, error: null };
      if (file.size > settings.attachmentMaxBytes) {
        item.error = t('mail.attachments.tooLarge', { max: size(settings.attachmentMaxBytes) });
      } else if (total + file.size > settings.messageMaxBytes) {
        item.error = t('mail.attachments.messageTooLarge', { max: size(settings.messageMaxBytes) });
      } else {
        total += file.size;
      }
      setUploads((list) => [...list, item]);
      if (item.error) continue;
      busy(1);
      void (async () => {
        try {
          const draftId = await ensureDraft();
          if (!draftId) throw new Error('draft not saved');
          const upload = uploadAttachment(draftId, file, (fraction) => patch(key, { progress: fraction }));
          patch(key, { abort: upload.abort });
          const attachment = await upload.promise;
          onChange((list) => [...list, attachment]);
          setUploads((list) => list.filter((u) => u.key !== key));
        } catch (error) {
          if (error instanceof DOMException && error.name === 'AbortError') setUploads((list) => list.filter((u) => u.key !== key));
          else patch(key, { error: errorMessage(t, error), abort: undefined });
        } finally {
          busy(-1);
        }
      })();
    }
  };

  const remove = async (attachment: TAttachment) => {
    setRemoveError(null);
    try {
      const draftId = await ensureDraft();
      if (draftId) await deleteAttachment(draftId, attachment.id);
      onChange((list) => list.filter((a) => a.id !== attachment.id));
    } catch (error) {
      setRemoveError(error);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void add([...event.dataTransfer.files]);
  };

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="compose-attachments-label">
        {t('mail.attachments.field')}
      </Text>
      <div
        className="mail-dropzone"
        data-active={dragging ? 'true' : 'false'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="compose-dropzone"
        role="group"
        aria-labelledby="compose-attachments-label"
      >
        <Group justify="center" gap="sm" p="md" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('mail.attachments.drop')}
          </Text>
          <FileButton onChange={(files) => void add(files)} multiple inputProps={{ 'data-testid': 'compose-file-input' } as ComponentProps<'input'>}>
            {(props) => (
              <Button {...props} variant="light" size="xs" disabled={!settings} data-testid="compose-attach">
                {t('mail.attachments.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
        {settings ? (
          <Text size="xs" c="dimmed" ta="center" pb="xs">
            {t('mail.attachments.limits', { file: size(settings.attachmentMaxBytes), message: size(settings.messageMaxBytes) })}
          </Text>
        ) : null}
      </div>

      {attachments.map((a) => (
        <Paper key={a.id} withBorder p="xs" radius="sm" data-testid="compose-attachment">
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }}>
                {a.name}
              </Text>
              <Group gap="xs">
                <Text size="xs" c="dimmed">
                  {size(a.size)}
                </Text>
                <Fingerprint sha256={a.sha256} />
              </Group>
            </div>
            <ActionIcon variant="subtle" color="red" aria-label={t('mail.attachments.remove', { name: a.name })} onClick={() => void remove(a)} data-testid="compose-attachment-remove">
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          </Group>
        </Paper>
      ))}

      {uploads.map((u) => (
        <Paper key={u.key} withBorder p="xs" radius="sm" data-testid="compose-upload">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <div style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                {u.name}{' '}
                <Text span size="xs" c="dimmed">
                  {size(u.size)}
                </Text>
              </Text>
              {u.error ? (
                <Text size="xs" c="red" role="alert">
                  {String(u.error)}
                </Text>
              ) : (
                <Progress value={Math.round(u.progress * 100)} size="sm" mt={4} animated={u.progress < 1} aria-label={t('mail.attachments.progress', { name: u.name })} />
              )}
            </div>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={u.error ? t('mail.attachments.dismiss', { name: u.name }) : t('mail.attachments.cancel', { name: u.name })}
              onClick={() => (u.abort ? u.abort() : setUploads((list) => list.filter((x) => x.key !== u.key)))}
            >
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <ErrorAlert error={removeError} />
    </Stack>
  );
}
