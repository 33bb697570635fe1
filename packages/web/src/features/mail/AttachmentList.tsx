import { Anchor, Button, Code, CopyButton, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { TAttachment } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from './api';
import { formatBytes } from './format';

/** A file's SHA-256, shortened, with the full value on hover and a copy button. */
export function Fingerprint({ sha256 }: { sha256: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={sha256} withArrow multiline w={300} style={{ wordBreak: 'break-all' }}>
        <Code dir="ltr" fz="xs" data-testid="attachment-sha256" data-sha256={sha256} aria-label={t('mail.attachments.sha256Full', { sha256 })}>
          {`SHA-256 ${sha256.slice(0, 12)}…`}
        </Code>
      </Tooltip>
      <CopyButton value={sha256} timeout={2000}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('mail.attachments.copySha')}>
            {copied ? t('common.copied') : t('common.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/** The files of a received or sent message, each downloaded through the authorised route. */
export function AttachmentList({ messageId, attachments }: { messageId: string; attachments: TAttachment[] }) {
  const { t, i18n } = useTranslation();
  if (attachments.length === 0) return null;
  return (
    <section aria-labelledby="message-attachments">
      <Text fw={700} size="sm" mb="xs" id="message-attachments">
        {t('mail.attachments.title', { n: attachments.length })}
      </Text>
      <Stack gap="xs">
        {attachments.map((a) => (
          <Paper key={a.id} withBorder p="xs" radius="sm" data-testid="attachment">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="attachment-name">
                  {a.name}
                </Text>
                <Group gap="xs">
                  <Text size="xs" c="dimmed">
                    {formatBytes(a.size, i18n.language)}
                  </Text>
                  <Fingerprint sha256={a.sha256} />
                </Group>
              </div>
              <Anchor href={attachmentUrl(messageId, a.id)} download={a.name} size="sm" fw={600} data-testid="attachment-download">
                {t('mail.attachments.download')}
              </Anchor>
            </Group>
          </Paper>
        ))}
      </Stack>
    </section>
  );
}
