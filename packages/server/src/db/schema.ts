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

export interface Database {
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
}

/** A key wrapped by the master key (AES-256-GCM). */
export interface TSealedKey {
  iv: string;
  tag: string;
  ct: string;
}
