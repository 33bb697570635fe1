import type { TAdminUser, TAgency, TAgencyType, TContactCard, TDirectoryEntry, TMe, TRole, TUiLanguage, TUserStatus } from '@focal/shared';
import type { UserRow } from './repository.js';

type AgencyRow = { id: string; country: string; name: string; type: string };

export const presentAgency = (row: AgencyRow): TAgency => ({ id: row.id, country: row.country, name: row.name, type: row.type as TAgencyType });

export function presentMe(user: UserRow, agency: AgencyRow | null): TMe {
  return {
    id: user.id,
    name: user.name,
    nameLatin: user.name_latin,
    email: user.email,
    country: user.country,
    agency: agency ? presentAgency(agency) : null,
    roles: user.roles as TRole[],
    languages: user.languages,
    timeZone: user.time_zone,
    uiLanguage: user.ui_language as TUiLanguage,
    phones: user.phones,
    available247: user.available_247,
  };
}

export function presentDirectoryEntry(user: UserRow, agency: AgencyRow | null): TDirectoryEntry {
  return {
    id: user.id,
    name: user.name,
    nameLatin: user.name_latin,
    country: user.country,
    agency: agency ? presentAgency(agency) : null,
    roles: user.roles as TRole[],
    languages: user.languages,
    available247: user.available_247,
  };
}

export function presentContactCard(user: UserRow, agency: AgencyRow | null): TContactCard {
  return { ...presentDirectoryEntry(user, agency), email: user.email, phones: user.phones, timeZone: user.time_zone };
}

export function presentAdminUser(user: UserRow, agency: AgencyRow | null): TAdminUser {
  return {
    ...presentContactCard(user, agency),
    status: user.status as TUserStatus,
    locked: Boolean(user.locked_until && user.locked_until.getTime() > Date.now()),
    lastLoginAt: user.last_login_at?.toISOString() ?? null,
    createdAt: user.created_at.toISOString(),
  };
}
