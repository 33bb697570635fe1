import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { TMessage } from '@focal/shared';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { useCountryNames } from '../../components/useReference';
import { useAcknowledge } from './api';
import { HANDLING_COLOR, personName } from './format';

/** The handling code with its full meaning, whose permission it refers to, and H3's conditions. */
export function HandlingBanner({ message }: { message: TMessage }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const code = message.handlingCode;
  const provider = t('mail.handling.providerName', { name: personName(message.provider), country: countries.nameOf(message.provider.country) });
  const forwarded = message.provider.id !== message.sender.id;
  return (
    <Alert color={HANDLING_COLOR[code]} variant="light" title={t('mail.handling.bannerTitle', { code })} data-testid="handling-banner" data-code={code}>
      <Text size="sm" data-testid="handling-meaning">
        {t(`mail.handling.banner.${code}`, { provider })}
      </Text>
      {code === 'H3' ? (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }} dir="auto" fw={600} data-testid="handling-conditions">
          {message.conditions || t('mail.handling.noConditions')}
        </Text>
      ) : null}
      {forwarded ? (
        <Text size="sm" mt="xs" data-testid="handling-provider">
          {t('mail.handling.provider', { provider })}
        </Text>
      ) : null}
    </Alert>
  );
}

/** Source reliability and information accuracy, each with its meaning. */
export function EvaluationLine({ message }: { message: TMessage }) {
  const { t } = useTranslation();
  if (!message.evaluation) return null;
  const { source, info } = message.evaluation;
  return (
    <Stack gap={2} data-testid="evaluation">
      <Text size="sm">
        <Text span fw={600}>
          {t('mail.evaluation.sourceLabel', { value: source })}
        </Text>{' '}
        {t(`mail.evaluation.source.${source}`)}
      </Text>
      <Text size="sm">
        <Text span fw={600}>
          {t('mail.evaluation.infoLabel', { value: info })}
        </Text>{' '}
        {t(`mail.evaluation.info.${info}`)}
      </Text>
    </Stack>
  );
}

/** Withdrawn, waiting for the provider's consent, or refused. */
export function StatusNote({ message }: { message: TMessage }) {
  const { t } = useTranslation();
  const me = useMe();
  const provider = personName(message.consent?.provider ?? message.provider);
  const mine = message.sender.id === me?.id;
  if (message.status === 'withdrawn') {
    return (
      <Alert color="gray" variant="filled" title={t('mail.status.withdrawn')} data-testid="status-note" data-status="withdrawn">
        {mine ? t('mail.statusNote.withdrawnMine') : t('mail.statusNote.withdrawn')}
      </Alert>
    );
  }
  if (message.status === 'pending_consent' || message.consent?.status === 'pending') {
    return (
      <Alert color="yellow" variant="light" title={t('mail.status.pending_consent')} data-testid="status-note" data-status="pending_consent">
        {t('mail.statusNote.pending', { provider })}
      </Alert>
    );
  }
  if (message.status === 'refused' || message.consent?.status === 'refused') {
    return (
      <Alert color="red" variant="light" title={t('mail.status.refused')} data-testid="status-note" data-status="refused">
        {t('mail.statusNote.refused', { provider })}
      </Alert>
    );
  }
  return null;
}

/** For a recipient of an urgent or immediate message: confirm receipt, prominently. */
export function AcknowledgeBanner({ message }: { message: TMessage }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const acknowledge = useAcknowledge();
  if (!message.ackRequired || message.sender.id === me?.id) return null;
  if (message.acknowledgedAt) {
    return (
      <Text size="sm" c="teal.8" data-testid="acknowledged">
        {t('mail.ack.done', { date: formatDateTime(message.acknowledgedAt, i18n.language, me?.timeZone) })}
      </Text>
    );
  }
  return (
    <Alert color="red" variant="filled" title={t('mail.ack.title')} data-testid="ack-banner">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Text size="sm">{t('mail.ack.body')}</Text>
        <Button color="red" variant="white" onClick={() => acknowledge.mutate(message.id)} loading={acknowledge.isPending} data-testid="message-acknowledge">
          {t('mail.ack.button')}
        </Button>
      </Group>
      <ErrorAlert error={acknowledge.error} />
    </Alert>
  );
}
