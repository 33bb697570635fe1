import type { TRole } from '@focal/shared';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/hooks';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';
import { NotFoundContent } from './NotFound';

/** Renders its children for a signed-in user; otherwise sends them to the sign-in page and back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isLoading) return <Loading />;
  if (session.isError && !session.data) return <ErrorAlert error={session.error} />;
  if (!session.data?.user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

/** Shows the page only to holders of one of the roles; others see "not found", as the server would answer. */
export function RequireRole({ roles, children }: { roles: readonly TRole[]; children: ReactNode }) {
  const session = useSession();
  const user = session.data?.user;
  if (!user || !user.roles.some((r) => roles.includes(r))) return <NotFoundContent />;
  return <>{children}</>;
}
