import { allow, hasRole, isSecretariat, type Actor } from '../../policies/index.js';

/**
 * Who does what in training.
 *
 * - The **catalogue** of curriculum modules is read by everyone signed in and curated by the
 *   secretariat alone: it is the network's common curriculum, so one owner keeps it coherent.
 * - **Workshops** are organised by the secretariat or by trainers. The organiser (whoever
 *   created it) and any member of the secretariat manage a workshop: edit it, allocate seats,
 *   keep its sessions, issue and revoke certificates. Its trainers record attendance and read
 *   the evaluation.
 * - A workshop is seen by those who run it, by anyone nominated to it, and by the officers
 *   (focal points, national admins) of the countries it is open to — the countries of its
 *   region, or every country. National admins nominate officers of their own country only.
 *   Observers and other trainers see only the workshops they take part in. Anyone else gets the
 *   404 of a missing workshop.
 */
export interface WorkshopAccess {
  organiserId: string;
  status: 'scheduled' | 'cancelled';
  /** The caller teaches at it. */
  trainer: boolean;
  /** The caller holds (or held) a nomination to it. */
  nominated: boolean;
  /** The caller's country may nominate to it (its region, or a workshop open to all). */
  openToCountry: boolean;
}

const isOfficer = (actor: Actor) => hasRole(actor, 'focal_point') || hasRole(actor, 'national_admin');
export const managesWorkshop = (actor: Actor, w: WorkshopAccess) => isSecretariat(actor) || w.organiserId === actor.id;
const seesWorkshop = (actor: Actor, w: WorkshopAccess) => managesWorkshop(actor, w) || w.trainer || w.nominated || (isOfficer(actor) && w.openToCountry);

allow<object>('training_catalogue', 'read', () => true);
allow<object>('training_catalogue', 'curate', (actor) => isSecretariat(actor));

allow<object>('training_workshop', 'organise', (actor) => isSecretariat(actor) || hasRole(actor, 'trainer'));
allow<WorkshopAccess>('training_workshop', 'view', seesWorkshop);
allow<WorkshopAccess>('training_workshop', 'manage', managesWorkshop);
allow<WorkshopAccess>('training_workshop', 'mark_attendance', (actor, w) => managesWorkshop(actor, w) || w.trainer);
allow<WorkshopAccess>('training_workshop', 'view_results', (actor, w) => managesWorkshop(actor, w) || w.trainer);
/** A national admin of a country it is open to; whether nominations are still open is the service's to say (409). */
allow<WorkshopAccess>('training_workshop', 'nominate', (actor, w) => hasRole(actor, 'national_admin') && w.openToCountry);
/** Every nomination, or those of the caller's country (a national admin), or the caller's own. */
allow<WorkshopAccess>('training_workshop', 'see_all_nominations', (actor, w) => managesWorkshop(actor, w) || w.trainer);

/** A nomination is withdrawn by the nominee, their national admin, or whoever manages the workshop. */
allow<WorkshopAccess & { userId: string; country: string }>(
  'training_nomination',
  'cancel',
  (actor, n) => managesWorkshop(actor, n) || n.userId === actor.id || (hasRole(actor, 'national_admin') && actor.country === n.country),
);

/** A certificate is read by its holder and by those who manage its workshop; revoked by the latter. */
allow<WorkshopAccess & { holderId: string }>('training_certificate', 'download', (actor, c) => c.holderId === actor.id || managesWorkshop(actor, c));
allow<WorkshopAccess & { holderId: string }>('training_certificate', 'revoke', (actor, c) => managesWorkshop(actor, c));
