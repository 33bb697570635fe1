/**
 * Every audited action, typed: the action name fixes the target type and the details' shape,
 * so a module cannot write an event the audit viewer and the verifier do not understand.
 * Details hold strings, integers and booleans only (they are hashed in canonical form).
 */
type Detail = string | number | boolean | null | string[];

interface Ev<A extends string, T extends string | null, D extends Record<string, Detail> = Record<string, never>> {
  action: A;
  targetType: T;
  targetId: T extends null ? null : string;
  /** The country the event concerns (the target's), so national admins see their own. */
  country: string | null;
  details: D;
}

export type AuditEvent =
  | Ev<'setup.token_created', null, { expiresAt: string }>
  | Ev<'setup.completed', 'user', { email: string }>
  | Ev<'invitation.created', 'invitation', { email: string; roles: string[] }>
  | Ev<'invitation.accepted', 'invitation', { userId: string }>
  | Ev<'user.activated', 'user'>
  | Ev<'user.updated', 'user', { fields: string[] }>
  | Ev<'user.password_changed', 'user'>
  | Ev<'user.suspended', 'user'>
  | Ev<'user.reactivated', 'user'>
  | Ev<'user.deactivated', 'user'>
  | Ev<'user.unlocked', 'user'>
  | Ev<'auth.login_succeeded', 'user', { method: string }>
  | Ev<'auth.login_failed', 'user' | null, { reason: string; email: string }>
  | Ev<'auth.locked', 'user', { failures: number }>
  | Ev<'auth.logout', 'user'>
  | Ev<'mfa.totp_added', 'user', { deviceId: string; label: string }>
  | Ev<'mfa.passkey_added', 'user', { deviceId: string; label: string }>
  | Ev<'mfa.removed', 'user', { deviceId: string }>
  | Ev<'mfa.recovery_codes_generated', 'user'>
  | Ev<'mfa.recovery_code_used', 'user', { left: number }>
  | Ev<'mfa.reset_by_admin', 'user'>
  | Ev<'session.revoked', 'session', { userId: string; reason: string }>
  | Ev<'token.created', 'api_token', { name: string; scopes: string[]; expiresAt: string }>
  | Ev<'token.revoked', 'api_token'>
  | Ev<'directory.profile_viewed', 'user'>
  | Ev<'directory.vcard_downloaded', 'user'>
  | Ev<'agency.created', 'agency', { name: string; type: string }>
  | Ev<'audit.searched', null, { filters: string }>
  | Ev<'admin.users_listed', null, { filters: string; rows: number }>
  | Ev<'audit.exported', null, { filters: string; rows: number }>
  | Ev<'keys.rotated', null, { kekId: string; rewrapped: number }>
  | Ev<'demo.loaded', null, { users: number }>
  | Ev<'meeting.created', 'meeting', { caseId: string | null; participants: number }>
  | Ev<'meeting.viewed', 'meeting'>
  | Ev<'meeting.listed', null, { rows: number; when: string }>
  | Ev<'meeting.updated', 'meeting', { fields: string[]; sequence: number }>
  | Ev<'meeting.cancelled', 'meeting', { sequence: number }>
  | Ev<'meeting.invitees_added', 'meeting', { userIds: string[]; countries: string[] }>
  | Ev<'meeting.invitee_removed', 'meeting', { userId: string }>
  | Ev<'meeting.responded', 'meeting', { response: string }>
  | Ev<'meeting.agenda_changed', 'meeting', { itemId: string; change: string }>
  | Ev<'meeting.document_uploaded', 'meeting', { documentId: string; sha256: string; size: number }>
  | Ev<'meeting.document_downloaded', 'meeting', { documentId: string; sha256: string }>
  | Ev<'meeting.minutes_saved', 'meeting', { length: number }>
  | Ev<'meeting.action_changed', 'meeting', { actionId: string; change: string; status: string }>
  | Ev<'meeting.actions_listed', null, { rows: number }>
  | Ev<'meeting.reminded', 'meeting', { actionId: string }>
  | Ev<'meeting.ics_downloaded', 'meeting', { sequence: number }>
  | Ev<'meeting.calendar_read', 'user', { meetings: number; via: string }>
  | Ev<'meeting.calendar_feed_created', 'user'>
  | Ev<'meeting.calendar_feed_revoked', 'user'>
  | Ev<'meeting.slots_searched', null, { participants: number; days: number }>
  | Ev<'meeting.notices_listed', null, { rows: number }>
  | Ev<'meeting.working_hours_set', 'user', { start: string; end: string }>
  | Ev<'meeting.weekend_set', null, { country: string; days: string[] }>
  | Ev<'message.sent', 'message', { recipients: number; handlingCode: string; priority: string; attachments: number; inReplyTo: string | null; requestId?: string }>
  | Ev<'message.forwarded', 'message', { forwardOf: string; recipients: number; handlingCode: string; attachments: number }>
  | Ev<'message.opened', 'message'>
  | Ev<'message.acknowledged', 'message'>
  | Ev<'message.withdrawn', 'message', { recipients: number }>
  | Ev<'message.deleted', 'message'>
  | Ev<'message.purged', 'message', { reason: 'user' | 'retention' }>
  | Ev<'message.reminded', 'message', { recipients: number }>
  | Ev<'attachment.downloaded', 'attachment', { messageId: string; sha256: string; size: number }>
  | Ev<'consent.requested', 'consent', { forwardId: string; originalId: string; newRecipients: number }>
  | Ev<'consent.granted', 'consent', { forwardId: string; originalId: string }>
  | Ev<'consent.refused', 'consent', { forwardId: string; originalId: string }>
  | Ev<'case.created', 'case', { reference: string }>
  | Ev<'case.viewed', 'case', { access: string }>
  | Ev<'case.updated', 'case', { fields: string[] }>
  | Ev<'case.reviewed', 'case', { action: string; reviewDate: string }>
  | Ev<'case.country_added', 'case', { country: string; role: string }>
  | Ev<'case.member_added', 'case', { userId: string; via: string }>
  | Ev<'case.member_removed', 'case', { userId: string }>
  | Ev<'case.join_requested', 'case', { requestId: string }>
  | Ev<'case.join_decided', 'case', { requestId: string; decision: string; userId: string }>
  | Ev<'case.timeline_viewed', 'case'>
  | Ev<'case.entities_listed', 'case', { rows: number }>
  | Ev<'case.exported', 'case', { format: string; entities: number }>
  | Ev<'case.imported', 'case', { format: string; entities: number; errors: number; rolledBack: boolean }>
  | Ev<'entity.created', 'entity', { caseId: string; schema: string }>
  | Ev<'entity.updated', 'entity', { caseId: string; added: number; removed: number }>
  | Ev<'entity.deleted', 'entity', { caseId: string; schema: string }>
  | Ev<'entity.history_viewed', 'entity', { caseId: string }>
  | Ev<'request.created', 'request', { reference: string; type: string; to: string }>
  | Ev<'request.transition', 'request', { action: string; from: string; to: string }>
  | Ev<'request.viewed', 'request'>
  | Ev<'asset.valued', 'entity', { caseId: string; currency: string }>
  | Ev<'asset.measure_recorded', 'entity', { caseId: string; stage: string; currency: string }>
  | Ev<'rates.updated', null, { currencies: string[] }>
  | Ev<'document.uploaded', 'document', { caseId: string; version: number; sha256: string; size: number }>
  | Ev<'document.downloaded', 'document', { caseId: string; version: number; sha256: string }>
  | Ev<'document.custody_viewed', 'document', { caseId: string }>
  | Ev<'match.viewed', 'entity' | null, { results: number }>
  | Ev<'match.judged', 'match', { verdict: string }>
  | Ev<'match.access_requested', 'match', { requestId: string }>
  | Ev<'match.access_decided', 'match', { requestId: string; decision: string }>
  | Ev<'match.entity_viewed', 'entity'>
  | Ev<'match.searched', null, { results: number; hits: number }>
  | Ev<'entity.blind_set', 'entity', { caseId: string; blind: boolean }>
  | Ev<'tracing.transactions_listed', 'case', { rows: number }>
  | Ev<'tracing.run', 'case', { rules: string[]; seeds: number; ledgerVersion: string }>
  | Ev<'tracing.path_viewed', 'case', { rule: string; account: string; ledgerVersion: string }>
  | Ev<'tracing.ledger_exported', 'case', { currency: string; seeds: number; ledgerVersion: string }>
  | Ev<'tracing.analyses_listed', 'case', { rows: number }>
  | Ev<'tracing.analysis_saved', 'tracing_analysis', { caseId: string; rules: string[]; ledgerVersion: string }>
  | Ev<'tracing.analysis_viewed', 'tracing_analysis', { caseId: string }>
  | Ev<'tracing.analysis_rerun', 'tracing_analysis', { caseId: string; ledgerChanged: boolean; figuresChanged: boolean }>
  | Ev<'tracing.freeze_drafted', 'tracing_analysis', { caseId: string; requestId: string; rule: string; account: string }>
  | Ev<'statement.imported', 'case', { documentId: string; format: string; statements: number; transactions?: number; jobId?: string }>
  | Ev<'statement.import_failed', 'case', { documentId: string | null; format: string; jobId: string; error: string }>
  | Ev<'statement.listed', 'case', { statements: number }>
  | Ev<'statement.transactions_viewed', 'case', { importId: string; offset: number; rows: number }>
  | Ev<'statement.mapping_saved', 'statement_mapping', { name: string; created: boolean }>
  | Ev<'statement.mapping_deleted', 'statement_mapping', { name: string }>
  | Ev<'statement.pair_decided', 'case', { pairId: string; decision: string }>
  | Ev<'training.module_saved', 'training_module', { title: string; created: boolean }>
  | Ev<'training.material_uploaded', 'training_module', { materialId: string; sha256: string; size: number }>
  | Ev<'training.material_downloaded', 'training_module', { materialId: string; sha256: string }>
  | Ev<'training.material_removed', 'training_module', { materialId: string; sha256: string }>
  | Ev<'training.workshop_created', 'training_workshop', { capacity: number; region: string | null }>
  | Ev<'training.workshop_updated', 'training_workshop', { fields: string[] }>
  | Ev<'training.workshop_cancelled', 'training_workshop', { reason: string; nominees: number }>
  | Ev<'training.workshop_viewed', 'training_workshop', { nominations: number }>
  | Ev<'training.nominated', 'training_workshop', { userIds: string[] }>
  | Ev<'training.nomination_cancelled', 'training_workshop', { nominationId: string; userId: string; promoted: string[] }>
  | Ev<'training.seats_allocated', 'training_workshop', { quota: number; confirmed: number; waitlisted: number; newlyConfirmed: string[] }>
  | Ev<'training.session_changed', 'training_workshop', { sessionId: string; change: string }>
  | Ev<'training.attendance_marked', 'training_workshop', { sessionId: string; present: number; absent: number }>
  | Ev<'training.evaluation_submitted', 'training_workshop'>
  | Ev<'training.evaluation_viewed', 'training_workshop', { responses: number }>
  | Ev<'training.certificates_issued', 'training_workshop', { certificateIds: string[] }>
  | Ev<'training.certificate_downloaded', 'training_certificate', { workshopId: string }>
  | Ev<'training.certificate_revoked', 'training_certificate', { workshopId: string; reason: string }>
  | Ev<'training.certificate_verified', 'training_certificate', { status: string }>;

export type AuditAction = AuditEvent['action'];

/** Who did it and from where; absent for the CLI and system jobs. */
export interface AuditContext {
  actorId: string | null;
  actorCountry: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_CONTEXT: AuditContext = { actorId: null, actorCountry: null, ip: null, userAgent: 'focal-cli' };
