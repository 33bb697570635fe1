import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../components/ErrorAlert';

/** The server's field problems this tab explains in words of its own, by `field:reason`. */
const EXPLAINED = new Set([
  'seeds:unknown',
  'seeds:mixed_currencies',
  'seeds:not_traceable',
  'account:no_jurisdiction',
  'account:own_country',
  'account:not_a_holding',
  'toCountry:not_participant',
]);

/** What went wrong, in the user's language; `country` names the requested country when it matters. */
export function tracingErrorMessage(t: TFunction, error: unknown, country?: string): string {
  if (error instanceof ApiError && error.code === 'validation_failed') {
    const [field, reason] = Object.entries(error.fields ?? {})[0] ?? [];
    if (field && reason && EXPLAINED.has(`${field}:${reason}`)) return t(`tracing.errors.${field}_${reason}`, { country: country ?? '' });
  }
  return errorMessage(t, error);
}
