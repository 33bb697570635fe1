export const ROLES = ['secretariat', 'national_admin', 'focal_point', 'trainer', 'observer'] as const;
export type TRole = (typeof ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'suspended', 'deactivated'] as const;
export type TUserStatus = (typeof USER_STATUSES)[number];

export const AGENCY_TYPES = [
  'police',
  'prosecution',
  'fiu',
  'asset_recovery_office',
  'anti_corruption_agency',
  'judiciary',
  'ministry',
  'customs_tax',
  'international_organisation',
] as const;
export type TAgencyType = (typeof AGENCY_TYPES)[number];

/** Languages of the user interface. Arabic is laid out right to left. */
export const UI_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type TUiLanguage = (typeof UI_LANGUAGES)[number];
export const RTL_LANGUAGES: readonly TUiLanguage[] = ['ar'];

/** Scopes an API token may carry. A token never carries more than its owner may do. */
export const API_TOKEN_SCOPES = ['directory:read', 'profile:read', 'audit:read'] as const;
export type TApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export const PASSWORD_MIN_LENGTH = 12;
export const RECOVERY_CODE_COUNT = 10;
