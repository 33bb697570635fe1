import { allow } from '../../policies/index.js';

// Every vetted member of the network may search the directory and open contact cards.
// Observers (partner organisations) see only what they are invited to, so not the directory.
const isNetworkMember = (roles: readonly string[]) => roles.some((role) => role !== 'observer');

allow<object>('directory', 'search', (actor) => isNetworkMember(actor.roles));
allow<{ status: string }>('directory_entry', 'view', (actor, entry) => isNetworkMember(actor.roles) && entry.status === 'active');
