import { Alert, Badge, Button, Container, Group, Paper, PasswordInput, Select, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { PASSWORD_MIN_LENGTH, UI_LANGUAGES, type TTokenCheck, type TTotpEnrolment } from '@focal/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { queryKeys, useActivationComplete, useActivationStart, useTokenCheck } from '../../api/hooks';
import { ErrorAlert, passwordAdvice } from '../../components/ErrorAlert';
import { browserTimeZone, timeZones } from '../../components/format';
import { Loading } from '../../components/Loading';
import { useCountryNames } from '../../components/useReference';
import { usePageTitle } from '../../components/usePageTitle';
import { applyLanguage, currentLanguage, isUiLanguage } from '../../i18n';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';
import { TotpSetup } from './TotpSetup';

interface IdentityForm {
  name: string;
  nameLatin: string;
  email: string;
  country: string | null;
  password: string;
  confirm: string;
  uiLanguage: string;
  timeZone: string;
}

function InvalidLink({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const known = error instanceof ApiError && (error.status === 404 || error.status === 410);
  return (
    <Container size={560} py="xl">
      <Stack>
        <Title order={1}>{t('activation.invalidTitle')}</Title>
        {known ? (
          <Alert color="orange" variant="light" data-testid="activation-invalid" role="alert">
            {t('activation.invalidBody')}
          </Alert>
        ) : (
          <ErrorAlert error={error} />
        )}
        <Group>
          <Button component={Link} to="/login" variant="light">
            {t('activation.goToSignIn')}
          </Button>
        </Group>
      </Stack>
    </Container>
  );
}

function IdentityStep({
  check,
  token,
  onEnrolled,
}: {
  check: TTokenCheck;
  token: string;
  onEnrolled: (enrolment: TTotpEnrolment, email: string) => void;
}) {
  const { t } = useTranslation();
  const start = useActivationStart();
  const countries = useCountryNames();
  const zones = useMemo(() => timeZones(), []);
  const isSetup = check.kind === 'setup';
  const [form, setForm] = useState<IdentityForm>(() => ({
    name: check.name,
    nameLatin: check.nameLatin,
    email: check.email,
    country: check.country,
    password: '',
    confirm: '',
    uiLanguage: currentLanguage(),
    timeZone: browserTimeZone(),
  }));
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const set = <K extends keyof IdentityForm>(key: K, value: IdentityForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const serverError = start.error;
  const passwordHint = passwordAdvice(serverError);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLocalProblem(null);
    if (form.password.length < PASSWORD_MIN_LENGTH) {
      setLocalProblem(t('activation.passwordTooShort', { min: PASSWORD_MIN_LENGTH }));
      return;
    }
    if (form.password !== form.confirm) {
      setLocalProblem(t('activation.passwordMismatch'));
      return;
    }
    try {
      const enrolment = await start.mutateAsync({
        token,
        name: form.name.trim(),
        nameLatin: form.nameLatin.trim(),
        ...(isSetup ? { email: form.email.trim(), country: form.country ?? undefined } : {}),
        password: form.password,
        uiLanguage: isUiLanguage(form.uiLanguage) ? form.uiLanguage : 'en',
        timeZone: form.timeZone,
      });
      onEnrolled(enrolment, isSetup ? form.email.trim() : check.email);
    } catch {
      // Shown below; every field keeps its value.
    }
  };

  const complete =
    form.name.trim() && form.nameLatin.trim() && form.password && form.confirm && (!isSetup || (form.email.trim() && form.country));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('fields.name')}
          description={t('activation.nameHelp')}
          required
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          autoComplete="name"
          data-testid="activation-name"
        />
        <TextInput
          label={t('fields.nameLatin')}
          description={t('activation.nameLatinHelp')}
          required
          value={form.nameLatin}
          onChange={(e) => set('nameLatin', e.currentTarget.value)}
          dir="ltr"
          data-testid="activation-name-latin"
        />
        {isSetup ? (
          <>
            <TextInput
              label={t('fields.email')}
              type="email"
              required
              value={form.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              autoComplete="email"
              dir="ltr"
              data-testid="activation-email"
            />
            <Select
              label={t('fields.country')}
              required
              searchable
              data={countries.options}
              value={form.country}
              onChange={(value) => set('country', value)}
              nothingFoundMessage={t('common.nothingFound')}
              data-testid="activation-country"
            />
          </>
        ) : (
          <TextInput label={t('fields.email')} value={check.email} readOnly dir="ltr" description={t('activation.emailFixed')} />
        )}
        <PasswordInput
          label={t('fields.newPassword')}
          description={t('activation.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
          required
          value={form.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          autoComplete="new-password"
          data-testid="activation-password"
          visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
        />
        <PasswordInput
          label={t('fields.confirmPassword')}
          required
          value={form.confirm}
          onChange={(e) => set('confirm', e.currentTarget.value)}
          autoComplete="new-password"
          data-testid="activation-password-confirm"
          visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
        />
        <Group grow align="flex-start">
          <Select
            label={t('fields.uiLanguage')}
            data={UI_LANGUAGES.map((lang) => ({ value: lang, label: t(`uiLanguages.${lang}`) }))}
            value={form.uiLanguage}
            allowDeselect={false}
            onChange={(value) => {
              if (value && isUiLanguage(value)) {
                set('uiLanguage', value);
                void applyLanguage(value);
              }
            }}
          />
          <Select
            label={t('fields.timeZone')}
            searchable
            data={zones}
            value={form.timeZone}
            allowDeselect={false}
            onChange={(value) => value && set('timeZone', value)}
            nothingFoundMessage={t('common.nothingFound')}
          />
        </Group>
        {localProblem ? (
          <Alert color="red" variant="light" role="alert" data-testid="error-alert">
            {localProblem}
          </Alert>
        ) : null}
        <ErrorAlert error={serverError} hint={passwordHint} />
        <Group justify="flex-end">
          <Button type="submit" loading={start.isPending} disabled={!complete} data-testid="activation-continue">
            {t('activation.continue')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function ActivationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const check = useTokenCheck(token);
  const complete = useActivationComplete();
  const client = useQueryClient();
  const navigate = useNavigate();
  const countries = useCountryNames();
  const [step, setStep] = useState(0);
  const [enrolment, setEnrolment] = useState<TTotpEnrolment | null>(null);
  const [email, setEmail] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const isSetup = check.data?.kind === 'setup';
  usePageTitle(isSetup ? t('activation.setupTitle') : t('activation.title'));

  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [step]);

  if (check.isLoading) return <Loading />;
  if (check.isError || !check.data) return <InvalidLink error={check.error} />;
  const data = check.data;

  const confirmCode = async (code: string) => {
    const result = await complete.mutateAsync({ token, code });
    setCodes(result.recoveryCodes);
    setStep(2);
    // The browser is now signed in as the new account.
    await client.refetchQueries({ queryKey: queryKeys.session });
  };

  const finish = async () => {
    await client.refetchQueries({ queryKey: queryKeys.session });
    navigate('/', { replace: true });
  };

  const enrolmentExpired = complete.error instanceof ApiError && complete.error.code === 'mfa_enrolment_expired';

  return (
    <Container size={720} py="lg">
      <Stack gap="xs" mb="lg">
        <Title order={1}>{isSetup ? t('activation.setupTitle') : t('activation.title')}</Title>
        <Text c="dimmed">{isSetup ? t('activation.setupIntro') : t('activation.invitationIntro')}</Text>
        {!isSetup ? (
          <Group gap="xs">
            {data.country ? <Badge variant="light">{countries.nameOf(data.country)}</Badge> : null}
            {data.roles.map((role) => (
              <Badge key={role} variant="outline">
                {t(`roles.${role}`)}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
      <Paper withBorder p="lg" radius="md">
        <Stepper active={step} allowNextStepsSelect={false} size="sm" keepMounted>
          <Stepper.Step label={t('activation.stepIdentity')}>
            <IdentityStep
              check={data}
              token={token}
              onEnrolled={(result, mail) => {
                setEnrolment(result);
                setEmail(mail);
                complete.reset();
                setStep(1);
              }}
            />
          </Stepper.Step>
          <Stepper.Step label={t('activation.stepAuthenticator')}>
            {enrolment ? (
              <Stack>
                <TotpSetup
                  enrolment={enrolment}
                  onSubmit={confirmCode}
                  busy={complete.isPending}
                  error={complete.error}
                  submitLabel={t('activation.verify')}
                />
                {enrolmentExpired ? (
                  <Button variant="light" onClick={() => setStep(0)}>
                    {t('activation.restart')}
                  </Button>
                ) : null}
              </Stack>
            ) : null}
          </Stepper.Step>
          <Stepper.Step label={t('activation.stepRecovery')}>
            {codes ? (
              <RecoveryCodesPanel codes={codes} account={email} onDone={() => void finish()} doneLabel={t('activation.finish')} />
            ) : null}
          </Stepper.Step>
        </Stepper>
      </Paper>
    </Container>
  );
}
