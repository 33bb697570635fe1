import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { formatCertificateCode, normaliseCertificateCode } from '@focal/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useVerification } from './api';
import { formatDays } from './format';

/**
 * The public check of a certificate (no sign-in): a code from the certificate, typed or from its
 * QR code, answers with the holder's name, the workshop and its dates, whether it was revoked,
 * or that the code is unknown. Nothing else is shown because the server says nothing else.
 */
export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('training.verify.title'));
  const { code } = useParams();
  const navigate = useNavigate();
  const canonical = code ? normaliseCertificateCode(code) : null;
  const shown = canonical ? formatCertificateCode(canonical) : (code ?? '');
  const [typed, setTyped] = useState(shown);
  // Another code in the address (a link followed, the back button) replaces what was typed.
  useEffect(() => setTyped(shown), [shown]);
  const verification = useVerification(canonical ?? undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = normaliseCertificateCode(typed);
    navigate(`/verify/${next ?? encodeURIComponent(typed.trim())}`);
  };
  const result = verification.data;
  return (
    <Stack maw={640} mx="auto" gap="md" py="md">
      <div>
        <Title order={1}>{t('training.verify.title')}</Title>
        <Text c="dimmed">{t('training.verify.intro')}</Text>
      </div>
      <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} role="search" aria-label={t('training.verify.title')}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('training.verify.code')}
            description={t('training.verify.codeHelp')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: 1, minWidth: 240 }}
            dir="ltr"
            data-testid="verify-code"
          />
          <Button type="submit" disabled={!typed.trim()} data-testid="verify-submit">
            {t('training.verify.check')}
          </Button>
        </Group>
      </Paper>
      {code && !canonical ? (
        <Alert color="orange" variant="light" title={t('training.verify.unknownTitle')} data-testid="verify-unknown">
          {t('training.verify.unknown')}
        </Alert>
      ) : null}
      {verification.isLoading ? <Loading /> : null}
      <ErrorAlert error={verification.error} />
      {result && !result.found ? (
        <Alert color="orange" variant="light" title={t('training.verify.unknownTitle')} data-testid="verify-unknown">
          {t('training.verify.unknown')}
        </Alert>
      ) : null}
      {result && result.found ? (
        <Alert
          color={result.certificate.status === 'valid' ? 'green' : 'red'}
          variant="light"
          title={result.certificate.status === 'valid' ? t('training.verify.validTitle') : t('training.verify.revokedTitle')}
          data-testid="verify-result"
          data-status={result.certificate.status}
        >
          <Stack gap={6}>
            <Text size="sm">{result.certificate.status === 'valid' ? t('training.verify.valid') : t('training.verify.revoked', { date: formatDays(result.certificate.revokedOn ?? '', result.certificate.revokedOn ?? '', i18n.language) })}</Text>
            <Text fw={700} size="lg" dir="auto" data-testid="verify-name">
              {result.certificate.holderName}
            </Text>
            {result.certificate.holderNameLatin !== result.certificate.holderName ? (
              <Text size="sm" data-testid="verify-name-latin">
                {result.certificate.holderNameLatin}
              </Text>
            ) : null}
            <Text size="sm">
              {t('training.verify.workshop')}{' '}
              <Text span fw={600} dir="auto" data-testid="verify-workshop">
                {result.certificate.workshopTitle}
              </Text>
            </Text>
            <Text size="sm" data-testid="verify-dates">
              {t('training.verify.held', { dates: formatDays(result.certificate.startsOn, result.certificate.endsOn, i18n.language) })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('training.verify.issued', { date: formatDays(result.certificate.issuedOn, result.certificate.issuedOn, i18n.language) })}
            </Text>
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}
