import { allow, hasRole } from '../../policies/index.js';

/**
 * Cases belong to their members. Users of a participating country who are not members know
 * the case exists (reference, title, countries) and may ask to join; anyone else — the
 * secretariat included — is answered as if the case did not exist.
 */
export interface CaseAccess {
  countries: readonly string[];
  member: { isLead: boolean } | null;
  ownerId: string;
}

// A country's officers: the secretariat, trainers and observers are not, whatever country they sit in.
const isCountryOfficer = (roles: readonly string[]) => roles.includes('focal_point') || roles.includes('national_admin');

allow<object>('case', 'create', (actor) => hasRole(actor, 'focal_point') || hasRole(actor, 'national_admin'));
allow<CaseAccess>('case', 'view', (_actor, c) => c.member !== null);
allow<CaseAccess>('case', 'view_stub', (actor, c) => isCountryOfficer(actor.roles) && c.countries.includes(actor.country));
allow<CaseAccess>('case', 'edit', (actor, c) => Boolean(c.member?.isLead) || c.ownerId === actor.id);
allow<CaseAccess>('case', 'add_country', (actor, c) => Boolean(c.member?.isLead) || c.ownerId === actor.id);
allow<CaseAccess>('case', 'review', (actor, c) => Boolean(c.member?.isLead) || c.ownerId === actor.id);
allow<CaseAccess>('case', 'ask_to_join', (actor, c) => c.member === null && isCountryOfficer(actor.roles) && c.countries.includes(actor.country));
/** Adding someone of `country`: the case lead, or that country's national admin (if the country takes part). */
allow<CaseAccess & { country: string }>('case', 'add_member', (actor, c) =>
  c.countries.includes(c.country) && (Boolean(c.member?.isLead) || c.ownerId === actor.id || (hasRole(actor, 'national_admin') && actor.country === c.country)),
);
allow<CaseAccess>('case', 'contribute', (_actor, c) => c.member !== null);
