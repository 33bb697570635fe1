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
