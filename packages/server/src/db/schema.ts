import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

/** An encrypted value as stored: see crypto/envelope.ts. */
export interface TSealed {
  k: string; // data key id
  iv: string;
  tag: string;
  ct: string;
}

export interface Database extends CaseTables, MeetingTables, TrainingTables {
  instance_settings: { key: string; value: Json<unknown>; updated_at: Timestamp };
  agencies: { id: string; country: string; name: string; type: string; created_at: Timestamp };
  users: {
    id: string;
    email: string;
    name: string;
    name_latin: string;
    search_text: Generated<string>;
    country: string;
    agency_id: string | null;
    roles: string[];
    languages: Generated<string[]>;
    time_zone: Generated<string>;
    ui_language: Generated<string>;
    phones: ColumnType<{ label: string; number: string }[], string | undefined, string>;
    available_247: Generated<boolean>;
    notify_by_email: Generated<boolean>;
    status: string;
    password_hash: string | null;
    failed_logins: Generated<number>;
    locked_until: NullableTimestamp;
    last_login_at: NullableTimestamp;
    invited_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  invitations: {
    id: string;
    kind: 'setup' | 'invitation';
    token_hash: string;
    email: string | null;
    name: string | null;
    name_latin: string | null;
    country: string | null;
    agency_id: string | null;
    roles: string[];
    invited_by: string | null;
    user_id: string | null;
    pending_totp_secret: ColumnType<TSealed | null, string | null | undefined, string | null>;
    pending_password_hash: string | null;
    pending_started_at: NullableTimestamp;
    expires_at: Timestamp;
    used_at: NullableTimestamp;
    created_at: Timestamp;
  };
  mfa_totp: {
    id: string;
    user_id: string;
    label: string;
    secret: Json<TSealed>;
    confirmed: boolean;
    last_used_step: Generated<number>;
    created_at: Timestamp;
  };
  mfa_passkeys: {
    id: string;
    user_id: string;
    label: string;
    credential_id: string;
    public_key: Buffer;
    counter: Generated<number>;
    transports: string[];
    created_at: Timestamp;
  };
  recovery_codes: { id: string; user_id: string; code_hash: string; used_at: NullableTimestamp };
  sessions: {
    id: string;
    user_id: string;
    stage: 'mfa' | 'full';
    pending_challenge: string | null;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
    ip: string | null;
    user_agent: string | null;
    revoked_at: NullableTimestamp;
  };
  login_throttle: { ip: string; failures: number; window_started_at: Timestamp };
  api_tokens: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    scopes: string[];
    created_at: Timestamp;
    expires_at: Timestamp;
    last_used_at: NullableTimestamp;
    revoked_at: NullableTimestamp;
  };
  keys: {
    id: string;
    purpose: 'kek' | 'signing' | 'hmac';
    wrapped: Json<TSealedKey>;
    public_key: string | null;
    active: boolean;
    created_at: Timestamp;
  };
  data_keys: { id: string; kek_id: string; wrapped: string; created_at: Timestamp };
  blobs: { id: string; data_key_id: string; size: number; sha256: string; created_at: Timestamp };
  audit_events: {
    id: Generated<number>;
    /** Chain position; null until the sealer has chained the event. */
    seq: number | null;
    at: Date;
    actor_id: string | null;
    actor_country: string | null;
    country: string | null;
    ip: string | null;
    user_agent: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    details: Json<Record<string, unknown>>;
    prev_hash: string | null;
    hash: string | null;
  };
  audit_head: { id: number; seq: number; hash: string; checkpoint_seq: number; checkpoint_at: Date };
  audit_checkpoints: { seq: number; hash: string; key_id: string; signature: string; at: Date };
  messages: {
    id: string;
    thread_id: string;
    sender_id: string;
    sender_country: string;
    provider_id: string;
    status: 'draft' | 'pending_consent' | 'sent' | 'withdrawn' | 'refused';
    handling_code: 'H0' | 'H1' | 'H2' | 'H3';
    evaluation_source: 'A' | 'B' | 'C' | 'X' | null;
    evaluation_info: number | null;
    priority: 'routine' | 'urgent' | 'immediate';
    reply_by: ColumnType<string | null, string | null | undefined, string | null>;
    /** Sealed JSON: { subject, body, conditions }. */
    content: Json<TSealed>;
    addressing: Json<TAddress[]>;
    in_reply_to: string | null;
    forward_of: string | null;
    attachment_bytes: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
    sent_at: NullableTimestamp;
    withdrawn_at: NullableTimestamp;
  };
  mailbox_entries: {
    user_id: string;
    message_id: string;
    thread_id: string;
    role: 'sender' | 'to' | 'cc';
    folder: 'drafts' | 'inbox' | 'sent' | 'archive' | 'trash';
    folder_before_trash: string | null;
    trashed_at: NullableTimestamp;
    sort_at: Timestamp;
    sender_sort: string;
    priority_rank: number;
    handling_code: string;
    unread: Generated<boolean>;
    opened_at: NullableTimestamp;
    ack_required: Generated<boolean>;
    acknowledged_at: NullableTimestamp;
    reminders_sent: Generated<number>;
    last_reminded_at: NullableTimestamp;
    labels: ColumnType<string[], string[] | undefined, string[]>;
    /** Keyed hashes of the message's words for this person (see messaging/words.ts). */
    words: ColumnType<string[], string[] | undefined, string[]>;
  };
  message_attachments: {
    id: string;
    message_id: string;
    blob_id: string;
    name: Json<TSealed>;
    content_type: string;
    size: number;
    sha256: string;
    created_at: Timestamp;
  };
  mail_labels: { id: string; user_id: string; name: string; color: Generated<string>; created_at: Timestamp };
  forward_consents: {
    id: string;
    forward_id: string;
    original_id: string;
    requester_id: string;
    provider_id: string;
    new_recipients: string[];
    status: 'pending' | 'granted' | 'refused';
    created_at: Timestamp;
    decided_at: NullableTimestamp;
  };
  notification_outbox: {
    id: Generated<string>;
    user_id: string;
    kind: string;
    created_at: Timestamp;
    attempts: Generated<number>;
    next_attempt_at: Timestamp;
    sent_at: NullableTimestamp;
    last_error: string | null;
  };
}

type DateOnly = ColumnType<string, string, string>;
type Generated64 = Generated<number>;

export interface CaseTables {
  case_counters: { lead_country: string; year: number; last_number: number };
  cases: {
    id: string;
    reference: string;
    title: string;
    summary: Generated<string>;
    offences: ColumnType<string[], string[] | undefined, string[]>;
    lead_country: string;
    status: 'open' | 'active' | 'suspended' | 'closed';
    handling_code: 'H0' | 'H1' | 'H2' | 'H3';
    conditions: Generated<string>;
    evaluation_source: 'A' | 'B' | 'C' | 'X';
    evaluation_info: number;
    review_date: DateOnly;
    review_prompted_at: NullableTimestamp;
    owner_id: string;
    created_at: Timestamp;
    updated_at: Timestamp;
    closed_at: NullableTimestamp;
  };
  case_countries: { case_id: string; country: string; role: string; added_at: Timestamp };
  case_members: { case_id: string; user_id: string; country: string; is_lead: Generated<boolean>; added_by: string | null; added_at: Timestamp };
  case_join_requests: {
    id: string;
    case_id: string;
    user_id: string;
    reason: Generated<string>;
    status: 'pending' | 'accepted' | 'refused';
    created_at: Timestamp;
    decided_by: string | null;
    decided_at: NullableTimestamp;
  };
  entities: {
    id: string;
    case_id: string;
    ftm_id: string;
    schema: string;
    caption: Generated<string>;
    owner_country: string;
    handling_code: string;
    conditions: Generated<string>;
    evaluation_source: string;
    evaluation_info: number;
    reach: string[] | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    /** "Hit/no-hit only": its match keys are keyed hashes. */
    blind: Generated<boolean>;
  };
  entity_values: {
    id: Generated64;
    entity_id: string;
    prop: string;
    value: string;
    owner_country: string;
    handling_code: string;
    conditions: Generated<string>;
    evaluation_source: string;
    evaluation_info: number;
    reach: string[] | null;
    added_by: string | null;
    added_at: Timestamp;
  };
  entity_changes: {
    id: Generated64;
    entity_id: string;
    case_id: string;
    prop: string | null;
    change: 'created' | 'added' | 'removed' | 'deleted';
    value: string | null;
    owner_country: string;
    reach: string[] | null;
    actor_id: string | null;
    at: Timestamp;
  };
  case_events: {
    id: Generated64;
    case_id: string;
    at: Timestamp;
    actor_id: string | null;
    country: string | null;
    kind: string;
    details: Json<Record<string, unknown>>;
    reach: string[] | null;
  };
  request_counters: { from_country: string; year: number; last_number: number };
  assistance_requests: {
    id: string;
    reference: string;
    case_id: string | null;
    type: string;
    urgency: string;
    from_country: string;
    to_country: string;
    state: string;
    title: string;
    content: Json<TSealed>;
    handling_code: string;
    conditions: Generated<string>;
    created_by: string;
    assignee_id: string | null;
    received_at: NullableTimestamp;
    deadline: NullableTimestamp;
    deadline_zone: string | null;
    clock_stopped_at: NullableTimestamp;
    refusal_ground: string | null;
    reminders_sent: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  request_entities: { request_id: string; entity_id: string };
  /** A message written about a request (its content stays sealed in `messages`). */
  request_messages: { message_id: string; request_id: string; linked_by: string; created_at: Timestamp };
  asset_valuations: {
    id: Generated64;
    entity_id: string;
    case_id: string;
    amount_minor: number;
    currency: string;
    valued_on: DateOnly;
    source: Generated<string>;
    owner_country: string;
    reach: string[] | null;
    added_by: string | null;
    added_at: Timestamp;
  };
  asset_measures: {
    id: string;
    entity_id: string;
    case_id: string;
    stage: string;
    amount_minor: number;
    currency: string;
    jurisdiction: string;
    measure_type: string;
    authority: Generated<string>;
    measure_date: DateOnly;
    reference: Generated<string>;
    document_id: string | null;
    receiving_country: string | null;
    art57_branch: string | null;
    expenses_minor: number | null;
    note: Generated<string>;
    owner_country: string;
    reach: string[] | null;
    added_by: string | null;
    added_at: Timestamp;
  };
  exchange_rates: { currency: string; rate: string; updated_at: Timestamp };
  match_keys: { entity_id: string; key: string };
  match_jobs: { entity_id: string; case_id: string; queued_at: Timestamp; claimed_at: NullableTimestamp; attempts: Generated<number> };
  match_candidates: {
    id: string;
    entity_a: string;
    entity_b: string;
    score: number;
    is_match: boolean;
    blind: Generated<boolean>;
    explanation: Json<unknown[]>;
    updated_at: Timestamp;
  };
  match_judgements: { candidate_id: string; user_id: string; country: string; verdict: 'same' | 'not_same' | 'unsure'; at: Timestamp };
  entity_links: { entity_a: string; entity_b: string; linked_by: string | null; at: Timestamp };
  match_access_requests: {
    id: string;
    candidate_id: string;
    requester_id: string;
    requester_country: string;
    hidden_entity: string;
    reason: Generated<string>;
    status: 'pending' | 'granted' | 'refused';
    created_at: Timestamp;
    decided_by: string | null;
    decided_at: NullableTimestamp;
  };
  entity_grants: { entity_id: string; user_id: string; granted_by: string | null; at: Timestamp };
  statement_imports: {
    id: string;
    case_id: string;
    document_id: string | null;
    format: 'csv' | 'camt053' | 'mt940';
    account_entity: string | null;
    account_label: string;
    currency: string;
    opening_minor: number | null;
    closing_minor: number | null;
    sum_minor: number;
    balance_status: 'balanced' | 'unbalanced' | 'unchecked';
    difference_minor: number | null;
    transactions: number;
    row_errors: Json<{ line: number; message: string }[]>;
    warnings: Json<string[]>;
    owner_country: string;
    created_by: string | null;
    created_at: Timestamp;
    period_from: ColumnType<string | null, string | null | undefined, string | null>;
    period_to: ColumnType<string | null, string | null | undefined, string | null>;
    row_error_count: Generated<number>;
    statement_ref: string | null;
  };
  statement_transactions: {
    id: Generated64;
    import_id: string;
    case_id: string;
    payment_entity: string | null;
    line: number;
    booking_date: DateOnly;
    amount_minor: number;
    currency: string;
    counterparty_name: string | null;
    counterparty_account: string | null;
    reference: string | null;
  };
  tracing_analyses: {
    id: string;
    case_id: string;
    title: string;
    rules: string[];
    /** bigint[]: the driver may read the elements back as strings. */
    seeds: ColumnType<(number | string)[], number[], number[]>;
    currency: string;
    ledger_version: string;
    total_tainted_minor: number;
    result: Json<unknown>;
    owner_country: string;
    reach: string[] | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  transfer_pairs: {
    id: string;
    case_id: string;
    debit_tx: number;
    credit_tx: number;
    confidence: number;
    reasons: Json<string[]>;
    status: 'suggested' | 'confirmed' | 'split';
    decided_by: string | null;
    decided_at: NullableTimestamp;
    links: ColumnType<string[], string | undefined, string>;
  };
  statement_mappings: {
    id: string;
    owner_country: string;
    name: string;
    bank_bic: string | null;
    header_key: string;
    format: Json<unknown>;
    created_by: string | null;
    created_at: Generated<Date>;
    updated_by: string | null;
    updated_at: Timestamp;
    last_used_at: NullableTimestamp;
  };
  statement_jobs: {
    id: string;
    case_id: string;
    document_id: string | null;
    blob_id: string;
    format: 'csv' | 'camt053' | 'mt940';
    title: string;
    options: Json<unknown> | null;
    status: 'queued' | 'running' | 'failing' | 'done' | 'failed';
    phase: Generated<'checking' | 'writing' | 'finishing'>;
    size: number;
    bytes_done: Generated<number>;
    rows_total: number | null;
    rows_done: Generated<number>;
    summary: Json<unknown> | null;
    error: string | null;
    error_line: number | null;
    import_ids: Json<string[]> | null;
    claim: string | null;
    claimed_at: NullableTimestamp;
    attempts: Generated<number>;
    owner_country: string;
    created_by: string;
    request_ip: string | null;
    user_agent: string | null;
    created_at: Generated<Date>;
    finished_at: NullableTimestamp;
  };
  statement_job_rows: {
    job_id: string;
    seq: number;
    statement: number;
    payment_entity: string | null;
    line: number;
    booking_date: DateOnly;
    amount_minor: number;
    currency: string;
    counterparty_name: string | null;
    counterparty_account: string | null;
    reference: string | null;
  };
  statement_job_parties: { job_id: string; key: string; ftm_id: string; entity_id: string; created: boolean };
  case_documents: {
    id: string;
    case_id: string;
    request_id: string | null;
    title: string;
    owner_country: string;
    handling_code: string;
    reach: string[] | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  document_versions: {
    id: string;
    document_id: string;
    version: number;
    blob_id: string;
    name: Json<TSealed>;
    content_type: string;
    size: number;
    sha256: string;
    uploaded_by: string | null;
    uploaded_at: Timestamp;
  };
  request_events: {
    id: Generated64;
    request_id: string;
    action: string;
    from_state: string | null;
    to_state: string;
    actor_id: string | null;
    country: string | null;
    note: ColumnType<TSealed | null, string | null, string | null>;
    at: Timestamp;
  };
}

/** How a message was addressed (kept in clear: it is routing, not content). */
export type TAddress = { field: 'to' | 'cc' } & ({ kind: 'user'; id: string } | { kind: 'country'; code: string } | { kind: 'case'; id: string });

/** A key wrapped by the master key (AES-256-GCM). */
export interface TSealedKey {
  iv: string;
  tag: string;
  ct: string;
}

/** Working meetings (see modules/meetings). */
export interface MeetingTables {
  meetings: {
    id: string;
    ical_uid: string;
    organiser_id: string;
    organiser_country: string;
    case_id: string | null;
    title: string;
    /** Sealed JSON: { description, address, videoUrl }. */
    content: Json<TSealed>;
    starts_at: Timestamp;
    ends_at: Timestamp;
    time_zone: string;
    mode: 'in_person' | 'video';
    interpretation: ColumnType<string[], string[] | undefined, string[]>;
    email_invitations: Generated<boolean>;
    status: Generated<'scheduled' | 'cancelled'>;
    sequence: Generated<number>;
    /** Sealed text. */
    minutes: ColumnType<TSealed | null, string | null | undefined, string | null>;
    minutes_by: string | null;
    minutes_at: NullableTimestamp;
    created_at: Timestamp;
    updated_at: Timestamp;
    cancelled_at: NullableTimestamp;
  };
  meeting_participants: {
    meeting_id: string;
    user_id: string;
    country: string;
    role: 'organiser' | 'participant';
    rsvp: Generated<'pending' | 'accepted' | 'tentative' | 'declined'>;
    responded_at: NullableTimestamp;
    invited_via: string | null;
    added_at: Timestamp;
  };
  meeting_invited_countries: { meeting_id: string; country: string };
  meeting_agenda_items: {
    id: string;
    meeting_id: string;
    position: number;
    /** Sealed JSON: { title, notes }. */
    content: Json<TSealed>;
    owner_id: string | null;
    duration_minutes: number | null;
    created_at: Timestamp;
  };
  meeting_documents: {
    id: string;
    meeting_id: string;
    agenda_item_id: string | null;
    blob_id: string;
    name: Json<TSealed>;
    content_type: string;
    size: number;
    sha256: string;
    uploaded_by: string | null;
    uploaded_at: Timestamp;
  };
  meeting_action_items: {
    id: string;
    meeting_id: string;
    /** Sealed JSON: { title }. */
    content: Json<TSealed>;
    owner_id: string;
    due_on: ColumnType<string, string, string>;
    status: 'open' | 'in_progress' | 'done' | 'cancelled';
    reminded_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    completed_at: NullableTimestamp;
  };
  meeting_notices: {
    id: Generated<number>;
    user_id: string;
    meeting_id: string;
    action_id: string | null;
    kind: string;
    created_at: Timestamp;
    read_at: NullableTimestamp;
  };
  meeting_mail_outbox: {
    id: Generated<number>;
    meeting_id: string;
    user_id: string;
    method: 'REQUEST' | 'CANCEL';
    sequence: number;
    created_at: Timestamp;
    attempts: Generated<number>;
    next_attempt_at: Timestamp;
    sent_at: NullableTimestamp;
    last_error: string | null;
  };
  working_hours: { user_id: string; start_minute: number; end_minute: number; updated_at: Timestamp };
  country_weekends: { country: string; days: number[]; updated_by: string | null; updated_at: Timestamp };
  calendar_feeds: { user_id: string; token_hash: string; created_at: Timestamp; last_used_at: NullableTimestamp };
}

type Day = ColumnType<string, string, string>;

export interface TrainingTables {
  training_modules: {
    id: string;
    title: string;
    objectives: string;
    duration_minutes: number;
    archived_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  training_materials: {
    id: string;
    module_id: string;
    blob_id: string;
    name: string;
    content_type: string;
    size: number;
    sha256: string;
    uploaded_by: string | null;
    uploaded_at: Timestamp;
  };
  training_workshops: {
    id: string;
    title: string;
    description: string;
    region: string | null;
    host_country: string;
    mode: 'in_person' | 'online';
    venue: string;
    starts_on: Day;
    ends_on: Day;
    languages: string[];
    capacity: number;
    quota: number | null;
    nomination_deadline: Day;
    organiser_id: string;
    status: Generated<'scheduled' | 'cancelled'>;
    allocated_at: NullableTimestamp;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  training_workshop_modules: { workshop_id: string; module_id: string; position: number };
  training_workshop_trainers: { workshop_id: string; user_id: string };
  training_sessions: { id: string; workshop_id: string; held_on: Day; title: string; created_at: Timestamp };
  training_nominations: {
    id: string;
    workshop_id: string;
    user_id: string;
    country: string;
    rank: number;
    status: 'pending' | 'confirmed' | 'waitlisted' | 'cancelled';
    waitlist_position: number | null;
    nominated_by: string | null;
    nominated_at: Timestamp;
    decided_at: NullableTimestamp;
    cancelled_at: NullableTimestamp;
    cancelled_by: string | null;
    cancel_reason: string | null;
  };
  training_attendance: { session_id: string; nomination_id: string; present: boolean; marked_by: string | null; marked_at: Timestamp };
  training_evaluations: {
    workshop_id: string;
    user_id: string;
    overall: number;
    relevance: number;
    trainers: number;
    materials: number;
    organisation: number;
    useful: string;
    improve: string;
    submitted_at: Timestamp;
  };
  training_certificates: {
    id: string;
    workshop_id: string;
    nomination_id: string;
    user_id: string;
    holder_name: string;
    holder_name_latin: string;
    holder_language: string;
    workshop_title: string;
    starts_on: Day;
    ends_on: Day;
    sessions_attended: number;
    sessions_total: number;
    code_hash: string;
    /** The verification code, sealed (see crypto/envelope.ts). */
    code: Json<TSealed>;
    issued_by: string | null;
    issued_at: Timestamp;
    revoked_at: NullableTimestamp;
    revoked_by: string | null;
    revoke_reason: string | null;
  };
  training_notices: { id: Generated<number>; user_id: string; workshop_id: string; kind: string; created_at: Timestamp; read_at: NullableTimestamp };
}
