import { Alert, Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PASSWORD_MIN_LENGTH } from '@focal/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/hooks';
import { ErrorAlert, passwordAdvice } from '../../components/ErrorAlert';

export function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    if (next.length < PASSWORD_MIN_LENGTH) return setProblem(t('activation.passwordTooShort', { min: PASSWORD_MIN_LENGTH }));
    if (next !== confirm) return setProblem(t('activation.passwordMismatch'));
    try {
      await change.mutateAsync({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      notifications.show({ color: 'teal', message: t('profile.passwordChanged') });
    } catch {
      // Shown below.
    }
  };

  const error = change.error;
  const hint = passwordAdvice(error);

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack maw={480}>
          <Title order={2} size="h3">
            {t('profile.passwordTitle')}
          </Title>
          <PasswordInput
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
          />
          <PasswordInput
            label={t('fields.newPassword')}
            description={t('activation.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
          />
          <PasswordInput
            label={t('fields.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
          />
          {problem ? (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          ) : null}
          <ErrorAlert error={error} hint={hint} />
          <Group>
            <Button type="submit" loading={change.isPending} disabled={!current || !next || !confirm}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
