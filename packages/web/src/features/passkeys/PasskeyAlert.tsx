import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describePasskeyProblem } from './passkeys';

/**
 * The outcome of a failed passkey attempt: a quiet note when the person cancelled the browser's
 * prompt (nothing is wrong), a red alert otherwise.
 */
export function PasskeyAlert({ error, ceremony }: { error: unknown; ceremony: 'register' | 'login' }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = describePasskeyProblem(t, error, ceremony);
  if (problem.tone === 'calm') {
    return (
      <Alert color="gray" variant="light" role="status" data-testid="passkey-cancelled">
        {problem.message}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} role="alert" data-testid="error-alert">
      {problem.message}
    </Alert>
  );
}
