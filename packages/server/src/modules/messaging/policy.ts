import { allow } from '../../policies/index.js';

// Any vetted member of the network may write to colleagues. Observers (partner organisations)
// take part only where they were brought in: they may answer and forward within a thread
// they are on, not start one. Reading is decided per copy: a message is visible only to the
// people holding it in their mailbox (sender and recipients), never to admins or the
// secretariat, so every mail query is scoped to the caller's own mailbox in SQL.
const isNetworkMember = (roles: readonly string[]) => roles.some((role) => role !== 'observer');

allow<object>('message', 'compose', (actor) => isNetworkMember(actor.roles));
allow<{ onThread: boolean }>('message', 'reply', (actor, thread) => thread.onThread);
