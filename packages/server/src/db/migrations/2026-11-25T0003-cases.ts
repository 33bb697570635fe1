import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE case_counters (
      lead_country char(2) NOT NULL,
      year integer NOT NULL,
      last_number integer NOT NULL,
      PRIMARY KEY (lead_country, year)
    )`.execute(db);

  await sql`
    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      title text NOT NULL,
      summary text NOT NULL DEFAULT '',
      offences text[] NOT NULL DEFAULT '{}',
      lead_country char(2) NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'active', 'suspended', 'closed')),
      handling_code text NOT NULL CHECK (handling_code IN ('H0', 'H1', 'H2', 'H3')),
      conditions text NOT NULL DEFAULT '',
      evaluation_source char(1) NOT NULL CHECK (evaluation_source IN ('A', 'B', 'C', 'X')),
      evaluation_info smallint NOT NULL CHECK (evaluation_info BETWEEN 1 AND 4),
      review_date date NOT NULL,
      review_prompted_at timestamptz,
      owner_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX cases_lead_idx ON cases (lead_country, created_at DESC)`.execute(db);
  await sql`CREATE INDEX cases_review_idx ON cases (review_date) WHERE status <> 'closed'`.execute(db);

  await sql`
    CREATE TABLE case_countries (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      country char(2) NOT NULL,
      role text NOT NULL CHECK (role IN ('lead', 'requesting', 'requested', 'victim', 'asset_location', 'observer')),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, country)
    )`.execute(db);
  await sql`CREATE INDEX case_countries_country_idx ON case_countries (country, case_id)`.execute(db);

  await sql`
    CREATE TABLE case_members (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      country char(2) NOT NULL,
      is_lead boolean NOT NULL DEFAULT false,
      added_by uuid REFERENCES users(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX case_members_user_idx ON case_members (user_id, case_id)`.execute(db);

  await sql`
    CREATE TABLE case_join_requests (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      reason text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('pending', 'accepted', 'refused')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX case_join_pending_idx ON case_join_requests (case_id, user_id) WHERE status = 'pending'`.execute(db);

  // FollowTheMoney entities. Each value carries its own provenance (below), because several
  // countries may contribute to one entity and each keeps its conditions.
  await sql`
    CREATE TABLE entities (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      ftm_id text NOT NULL,
      schema text NOT NULL,
      caption text NOT NULL DEFAULT '',
      owner_country char(2) NOT NULL,
      handling_code text NOT NULL,
      -- The written conditions of an H3 item.
      conditions text NOT NULL DEFAULT '',
      evaluation_source char(1) NOT NULL,
      evaluation_info smallint NOT NULL,
      -- Countries the provider lets see this item; NULL: every participating country.
      reach text[],
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (case_id, ftm_id)
    )`.execute(db);
  await sql`CREATE INDEX entities_case_idx ON entities (case_id, schema)`.execute(db);

  await sql`
    CREATE TABLE entity_values (
      id bigserial PRIMARY KEY,
      entity_id uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      prop text NOT NULL,
      value text NOT NULL,
      owner_country char(2) NOT NULL,
      handling_code text NOT NULL,
      conditions text NOT NULL DEFAULT '',
      evaluation_source char(1) NOT NULL,
      evaluation_info smallint NOT NULL,
      reach text[],
      added_by uuid REFERENCES users(id),
      added_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX entity_values_entity_idx ON entity_values (entity_id, prop)`.execute(db);
  await sql`CREATE INDEX entity_values_ref_idx ON entity_values (value) WHERE length(value) <= 200`.execute(db);

  // The history of every value: who added or removed what, when (before/after per value).
  await sql`
    CREATE TABLE entity_changes (
      id bigserial PRIMARY KEY,
      entity_id uuid NOT NULL,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      prop text,
      change text NOT NULL CHECK (change IN ('created', 'added', 'removed', 'deleted')),
      value text,
      owner_country char(2) NOT NULL,
      reach text[],
      actor_id uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX entity_changes_entity_idx ON entity_changes (entity_id, id)`.execute(db);

  await sql`
    CREATE TABLE case_events (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users(id),
      country char(2),
      kind text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      reach text[]
    )`.execute(db);
  await sql`CREATE INDEX case_events_case_idx ON case_events (case_id, id DESC)`.execute(db);

  await sql`
    CREATE TABLE request_counters (
      from_country char(2) NOT NULL,
      year integer NOT NULL,
      last_number integer NOT NULL,
      PRIMARY KEY (from_country, year)
    )`.execute(db);

  await sql`
    CREATE TABLE assistance_requests (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      case_id uuid REFERENCES cases(id) ON DELETE CASCADE,
      type text NOT NULL,
      urgency text NOT NULL,
      from_country char(2) NOT NULL,
      to_country char(2) NOT NULL,
      state text NOT NULL,
      title text NOT NULL,
      -- Sealed JSON: object and reason, nature of proceedings, property sought, persons involved.
      content jsonb NOT NULL,
      handling_code text NOT NULL,
      conditions text NOT NULL DEFAULT '',
      created_by uuid NOT NULL REFERENCES users(id),
      assignee_id uuid REFERENCES users(id),
      received_at timestamptz,
      deadline timestamptz,
      deadline_zone text,
      clock_stopped_at timestamptz,
      refusal_ground text,
      reminders_sent integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX requests_from_idx ON assistance_requests (from_country, state, deadline)`.execute(db);
  await sql`CREATE INDEX requests_to_idx ON assistance_requests (to_country, state, deadline)`.execute(db);
  await sql`CREATE INDEX requests_case_idx ON assistance_requests (case_id)`.execute(db);

  await sql`
    CREATE TABLE request_entities (
      request_id uuid NOT NULL REFERENCES assistance_requests(id) ON DELETE CASCADE,
      entity_id uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      PRIMARY KEY (request_id, entity_id)
    )`.execute(db);

  await sql`
    CREATE TABLE request_events (
      id bigserial PRIMARY KEY,
      request_id uuid NOT NULL REFERENCES assistance_requests(id) ON DELETE CASCADE,
      action text NOT NULL,
      from_state text,
      to_state text NOT NULL,
      actor_id uuid REFERENCES users(id),
      country char(2),
      -- Sealed note (an answer, a refusal's reasons), or null.
      note jsonb,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX request_events_request_idx ON request_events (request_id, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
