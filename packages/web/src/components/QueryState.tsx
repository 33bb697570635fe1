import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

interface QueryLike {
  isLoading: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * The states every list shares: loading, failed (with the reason in the user's language),
 * empty, and the content itself.
 */
export function QueryState({ query, isEmpty = false, empty, children }: { query: QueryLike; isEmpty?: boolean; empty?: ReactNode; children: ReactNode }) {
  if (query.isLoading) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (isEmpty) return <>{empty}</>;
  return <>{children}</>;
}
