import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`
    CREATE TABLE instance_settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE agencies (
      id uuid PRIMARY KEY,
      country char(2) NOT NULL,
      name text NOT NULL,
      type text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (country, name)
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY,
      email text NOT NULL UNIQUE,
      name text NOT NULL,
      name_latin text NOT NULL,
      search_text text NOT NULL DEFAULT '',
      country char(2) NOT NULL,
      agency_id uuid REFERENCES agencies(id),
      roles text[] NOT NULL,
      languages text[] NOT NULL DEFAULT '{}',
      time_zone text NOT NULL DEFAULT 'UTC',
      ui_language text NOT NULL DEFAULT 'en',
      phones jsonb NOT NULL DEFAULT '[]',
      available_247 boolean NOT NULL DEFAULT false,
      status text NOT NULL,
      password_hash text,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      invited_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX users_country_idx ON users (country, status)`.execute(db);
  await sql`CREATE INDEX users_search_trgm_idx ON users USING gin (search_text gin_trgm_ops)`.execute(db);

  // Setup tokens and invitations share one table: both are single-use links that end in
  // an activated account with a password and an authenticator.
  await sql`
    CREATE TABLE invitations (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('setup', 'invitation')),
      token_hash text NOT NULL UNIQUE,
      email text,
      name text,
      name_latin text,
      country char(2),
      agency_id uuid REFERENCES agencies(id),
      roles text[] NOT NULL DEFAULT '{}',
      invited_by uuid REFERENCES users(id),
      user_id uuid REFERENCES users(id),
      pending_totp_secret jsonb,
      pending_password_hash text,
      pending_started_at timestamptz,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE mfa_totp (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      label text NOT NULL,
      secret jsonb NOT NULL,
      confirmed boolean NOT NULL DEFAULT false,
      last_used_step bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX mfa_totp_user_idx ON mfa_totp (user_id)`.execute(db);

  await sql`
    CREATE TABLE mfa_passkeys (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      label text NOT NULL,
      credential_id text NOT NULL UNIQUE,
      public_key bytea NOT NULL,
      counter bigint NOT NULL DEFAULT 0,
      transports text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE recovery_codes (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      code_hash text NOT NULL,
      used_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id)`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      stage text NOT NULL CHECK (stage IN ('mfa', 'full')),
      pending_challenge text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text,
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE login_throttle (
      ip text PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  // The key ring: key-encryption keys and audit signing keys, each wrapped by the master key.
  await sql`
    CREATE TABLE keys (
      id text PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('kek', 'signing', 'hmac')),
      wrapped jsonb NOT NULL,
      public_key text,
      active boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Every encrypted object's data key, wrapped by a key-encryption key. Objects point here,
  // so rotation re-wraps rows of this one table and never touches ciphertext.
  await sql`
    CREATE TABLE data_keys (
      id uuid PRIMARY KEY,
      kek_id text NOT NULL REFERENCES keys(id),
      wrapped text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE blobs (
      id uuid PRIMARY KEY,
      data_key_id uuid NOT NULL REFERENCES data_keys(id),
      size bigint NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Events are inserted in the transaction of the change they record (`id` from a sequence,
  // no lock), then sealed into the hash chain by the sealer, which gives each its chain
  // position `seq` and its hashes in one ordered pass.
  await sql`
    CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      seq bigint UNIQUE,
      at timestamptz NOT NULL,
      actor_id uuid,
      actor_country char(2),
      country char(2),
      ip text,
      user_agent text,
      action text NOT NULL,
      target_type text,
      target_id text,
      details jsonb NOT NULL,
      prev_hash text,
      hash text
    )`.execute(db);
  await sql`CREATE INDEX audit_events_unsealed_idx ON audit_events (id) WHERE seq IS NULL`.execute(db);
  await sql`CREATE INDEX audit_events_at_idx ON audit_events (at)`.execute(db);
  await sql`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id)`.execute(db);
  await sql`CREATE INDEX audit_events_country_idx ON audit_events (country, id)`.execute(db);
  await sql`CREATE INDEX audit_events_actor_country_idx ON audit_events (actor_country, id)`.execute(db);
  await sql`CREATE INDEX audit_events_action_idx ON audit_events (action, id)`.execute(db);

  // One row: the head of the chain. The sealer locks it, so however many server processes
  // run a sealer, one extends the chain at a time, without a gap or a fork.
  await sql`
    CREATE TABLE audit_head (
      id integer PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      hash text NOT NULL,
      checkpoint_seq bigint NOT NULL,
      checkpoint_at timestamptz NOT NULL
    )`.execute(db);
  await sql`INSERT INTO audit_head VALUES (1, 0, ${'0'.repeat(64)}, 0, now())`.execute(db);

  await sql`
    CREATE TABLE audit_checkpoints (
      seq bigint PRIMARY KEY,
      hash text NOT NULL,
      key_id text NOT NULL REFERENCES keys(id),
      signature text NOT NULL,
      at timestamptz NOT NULL
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted.');
}
