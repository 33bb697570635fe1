import { allow, hasRole, isSecretariat } from '../../policies/index.js';

// The secretariat reads the whole audit; a national admin reads their own country's events.
allow<object>('audit', 'search', (actor) => isSecretariat(actor) || hasRole(actor, 'national_admin'));
