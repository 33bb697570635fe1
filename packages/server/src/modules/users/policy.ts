import type { TRole } from '@focal/shared';
import { allow, hasRole, isSecretariat, type Actor } from '../../policies/index.js';

export interface UserTarget {
  country: string;
  roles: readonly string[];
}

/** Roles each kind of administrator may hand out. */
export function grantableRoles(actor: Actor): readonly TRole[] {
  if (isSecretariat(actor)) return ['secretariat', 'national_admin', 'focal_point', 'trainer', 'observer'];
  if (hasRole(actor, 'national_admin')) return ['focal_point', 'trainer', 'observer'];
  return [];
}

// Who may open user administration at all (list, invite).
allow<object>('user_admin', 'use', (actor) => isSecretariat(actor) || hasRole(actor, 'national_admin'));

// The secretariat manages everyone; a national admin manages their own country's users, but
// not the secretariat or another national admin (the secretariat vets those).
allow<UserTarget>('user', 'manage', (actor) => isSecretariat(actor));
allow<UserTarget>(
  'user',
  'manage',
  (actor, target) =>
    hasRole(actor, 'national_admin') && target.country === actor.country && !target.roles.includes('secretariat') && !target.roles.includes('national_admin'),
);
allow<UserTarget>('user', 'view_admin', (actor) => isSecretariat(actor));
allow<UserTarget>('user', 'view_admin', (actor, target) => hasRole(actor, 'national_admin') && target.country === actor.country);

allow<{ country: string }>('invitation', 'create', (actor) => isSecretariat(actor));
allow<{ country: string }>('invitation', 'create', (actor, invitation) => hasRole(actor, 'national_admin') && invitation.country === actor.country);

allow<{ country: string }>('agency', 'create', (actor) => isSecretariat(actor));
allow<{ country: string }>('agency', 'create', (actor, agency) => hasRole(actor, 'national_admin') && agency.country === actor.country);
