import type { TRole } from '@focal/shared';

/** Officers of a country and the secretariat organise meetings (the server decides; this shapes the page). */
export function canOrganise(roles: readonly TRole[]): boolean {
  return roles.includes('focal_point') || roles.includes('national_admin') || roles.includes('secretariat');
}
