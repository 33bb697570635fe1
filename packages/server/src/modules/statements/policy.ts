import { allow, hasRole } from '../../policies/index.js';

/**
 * Saved CSV mappings belong to a country: its officers (focal points and national admins, who
 * import statements into cases) read, use, save and delete them. A mapping holds column names
 * and separators, never statement data, so sharing it across the country's officers spares each
 * colleague confirming the same bank's layout again. Anyone else — the secretariat, trainers,
 * observers, and other countries' officers — gets the 404 of a missing mapping.
 */
export interface MappingRecord {
  ownerCountry: string;
}

const isOfficer = (roles: readonly string[]) => roles.includes('focal_point') || roles.includes('national_admin');

allow<object>('statement_mapping', 'use', (actor) => hasRole(actor, 'focal_point') || hasRole(actor, 'national_admin'));
allow<MappingRecord>('statement_mapping', 'change', (actor, mapping) => isOfficer(actor.roles) && mapping.ownerCountry === actor.country);
