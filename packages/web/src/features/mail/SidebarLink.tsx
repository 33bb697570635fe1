import { NavLink } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A folder, label or page of the mail area in its side column. */
export function SidebarLink({ to, label, active, badge, testId }: { to: string; label: ReactNode; active: boolean; badge?: ReactNode; testId: string }) {
  return (
    <NavLink component={Link} to={to} label={label} active={active} aria-current={active ? 'page' : undefined} rightSection={badge} data-testid={testId} variant="light" />
  );
}
