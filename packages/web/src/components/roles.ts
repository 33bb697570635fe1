import type { TRole } from '@focal/shared';

/** May manage users (the server decides what exactly; this only shapes the navigation). */
export function canAdminister(roles: readonly TRole[]): boolean {
  return roles.includes('secretariat') || roles.includes('national_admin');
}

export function canReadAudit(roles: readonly TRole[]): boolean {
  return roles.includes('secretariat') || roles.includes('national_admin');
}

export function isSecretariat(roles: readonly TRole[]): boolean {
  return roles.includes('secretariat');
}

/** Officers of a country (focal points, national administrators): they open cases and exchange requests. */
export function isCountryOfficer(roles: readonly TRole[]): boolean {
  return roles.includes('focal_point') || roles.includes('national_admin');
}

/** Cases belong to their members, who may be anyone but the secretariat (which never sees them). */
export function canUseCases(roles: readonly TRole[]): boolean {
  return roles.some((r) => r !== 'secretariat');
}
