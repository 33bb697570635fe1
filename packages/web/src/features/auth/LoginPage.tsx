import { Alert, Anchor, Button, Container, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogin, useLoginMfa, useLoginPasskey, useSession } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { PasskeyAlert } from '../passkeys/PasskeyAlert';
import { passkeysSupported } from '../passkeys/passkeys';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  usePageTitle(t('login.title'));

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [stage, setStage] = useState<'auto' | 'password' | 'mfa'>('auto');
  // What the server offered for the second step; after a reload the session says it.
  const [offered, setMethods] = useState<string[] | null>(null);

  const login = useLogin();
  const mfa = useLoginMfa();
  const passkey = useLoginPasskey();

  if (session.isLoading) return <Loading />;
  if (session.data?.user) return <Navigate to={next} replace />;

  const step: 'password' | 'mfa' = stage === 'auto' ? (session.data?.mfaPending ? 'mfa' : 'password') : stage;
  const methods: readonly string[] = offered ?? session.data?.mfaMethods ?? [];
  const hasPasskey = methods.includes('passkey');
  const offerPasskey = hasPasskey && passkeysSupported();

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    mfa.reset();
    passkey.reset();
    try {
      const result = await login.mutateAsync({ email: email.trim(), password });
      setMethods(result.methods);
      setStage('mfa');
      setPassword('');
    } catch {
      // Shown by the alert below; the fields keep their values.
    }
  };

  const submitMfa = async (event: FormEvent) => {
    event.preventDefault();
    passkey.reset();
    try {
      if (useRecovery) await mfa.mutateAsync({ recoveryCode: recoveryCode.trim() });
      else await mfa.mutateAsync({ code: code.replace(/\s+/g, '') });
    } catch {
      // Shown by the alert below.
    }
  };

  const signInWithPasskey = async () => {
    mfa.reset();
    try {
      await passkey.mutateAsync();
    } catch {
      // Shown by the passkey alert.
    }
  };

  const startAgain = () => {
    setStage('password');
    setCode('');
    setRecoveryCode('');
    setUseRecovery(false);
    setMethods([]);
    mfa.reset();
    passkey.reset();
    login.reset();
  };

  return (
    <Container size={460} py="xl">
      <Title order={1} ta="center" mb={4}>
        {t('login.title')}
      </Title>
      <Text c="dimmed" ta="center" mb="lg">
        {t('login.subtitle')}
      </Text>

      {session.data?.setupRequired ? (
        <Alert color="blue" variant="light" mb="md" title={t('login.setupRequiredTitle')}>
          {t('login.setupRequired')}
        </Alert>
      ) : null}

      <Paper withBorder shadow="sm" p="xl" radius="md">
        {step === 'password' ? (
          <form onSubmit={submitPassword} noValidate>
            <Stack>
              <TextInput
                label={t('fields.email')}
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                data-testid="login-email"
                dir="ltr"
              />
              <PasswordInput
                label={t('fields.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                data-testid="login-password"
                visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
              />
              <ErrorAlert error={login.error} />
              <Button type="submit" loading={login.isPending} disabled={!email || !password} data-testid="login-submit">
                {t('login.continue')}
              </Button>
            </Stack>
          </form>
        ) : (
          <form onSubmit={submitMfa} noValidate>
            <Stack>
              <Title order={2} size="h4">
                {t('login.mfaTitle')}
              </Title>
              {offerPasskey ? (
                <>
                  <Text size="sm">{t('login.passkeyHelp')}</Text>
                  <Button type="button" onClick={signInWithPasskey} loading={passkey.isPending} data-testid="login-passkey">
                    {t('login.usePasskey')}
                  </Button>
                  <PasskeyAlert error={passkey.error} ceremony="login" />
                  <Divider label={t('login.orCode')} labelPosition="center" />
                </>
              ) : hasPasskey ? (
                <Text size="sm" c="dimmed" data-testid="login-passkey-unsupported">
                  {t('login.passkeyUnsupported')}
                </Text>
              ) : null}
              {useRecovery ? (
                <>
                  <Text size="sm">{t('login.recoveryHelp')}</Text>
                  <TextInput
                    label={t('fields.recoveryCode')}
                    autoComplete="off"
                    spellCheck={false}
                    required
                    value={recoveryCode}
                    onChange={(e) => setRecoveryCode(e.currentTarget.value)}
                    data-testid="login-recovery-code"
                    dir="ltr"
                    data-autofocus
                    autoFocus
                  />
                </>
              ) : (
                <>
                  <Text size="sm">{t('login.totpHelp')}</Text>
                  <TextInput
                    label={t('fields.totpCode')}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={7}
                    required
                    value={code}
                    onChange={(e) => setCode(e.currentTarget.value)}
                    data-testid="login-totp"
                    dir="ltr"
                    autoFocus={!offerPasskey}
                    styles={{ input: { letterSpacing: '0.3em', fontSize: 20, textAlign: 'center' } }}
                  />
                </>
              )}
              <ErrorAlert error={mfa.error} />
              <Button
                type="submit"
                variant={offerPasskey ? 'default' : 'filled'}
                loading={mfa.isPending}
                disabled={useRecovery ? recoveryCode.trim().length < 8 : code.replace(/\s+/g, '').length !== 6}
                data-testid="login-mfa-submit"
              >
                {t('login.signIn')}
              </Button>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setUseRecovery((v) => !v);
                  mfa.reset();
                }}
                data-testid="login-toggle-recovery"
              >
                {useRecovery ? t('login.useAuthenticator') : t('login.useRecoveryCode')}
              </Anchor>
              <Anchor component="button" type="button" size="sm" c="dimmed" onClick={startAgain}>
                {t('login.startAgain')}
              </Anchor>
            </Stack>
          </form>
        )}
      </Paper>
      <Text size="sm" c="dimmed" ta="center" mt="lg">
        {t('login.noAccount')}
      </Text>
    </Container>
  );
}
