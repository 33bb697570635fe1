import { Alert, List, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A sentence in the user's language for any error (server codes are translated, never shown raw). */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return t(`errors.${error.code}`, { minutes, defaultValue: t('errors.unknown_error') });
  }
  return t('errors.unknown_error');
}

/** The server's advice for a weak password (zxcvbn's warning and suggestions, in the user's language). */
export function passwordAdvice(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'password_too_weak') return undefined;
  return error.hint || undefined;
}

export interface ErrorAlertProps {
  error: unknown;
  /** Extra detail from the server worth showing (e.g. a password hint). */
  hint?: string;
}

/** Shows what went wrong, in the user's language, announced to screen readers. */
export function ErrorAlert({ error, hint }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = error instanceof ApiError && error.code === 'validation_failed' ? Object.keys(error.fields ?? {}) : [];
  return (
    <Alert color="red" variant="light" title={t('common.errorTitle')} role="alert" data-testid="error-alert">
      {errorMessage(t, error)}
      {hint ? (
        <Text size="sm" mt={4} lang={error instanceof ApiError ? error.hintLanguage : undefined} data-testid="error-hint">
          {hint}
        </Text>
      ) : null}
      {fields.length > 0 ? (
        <List size="sm" mt="xs">
          {fields.map((field) => (
            <List.Item key={field}>{t(`fields.${field}`, { defaultValue: field })}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
