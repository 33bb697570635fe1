import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Amounts are integers in minor units (cents), as in funds tracing: no rounding drift.
  await sql`
    CREATE TABLE asset_valuations (
      id bigserial PRIMARY KEY,
      entity_id uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      currency char(3) NOT NULL,
      valued_on date NOT NULL,
      source text NOT NULL DEFAULT '',
      owner_country char(2) NOT NULL,
      reach text[],
      added_by uuid REFERENCES users(id),
      added_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX asset_valuations_entity_idx ON asset_valuations (entity_id, valued_on)`.execute(db);

  // Each step of an asset's life: identified, traced, frozen or seized, confiscated, returned
  // or released, with partial amounts, and the legal measure behind it.
  await sql`
    CREATE TABLE asset_measures (
      id uuid PRIMARY KEY,
      entity_id uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      stage text NOT NULL CHECK (stage IN ('identified', 'traced', 'frozen', 'seized', 'confiscated', 'returned', 'released')),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      currency char(3) NOT NULL,
      jurisdiction char(2) NOT NULL,
      measure_type text NOT NULL,
      authority text NOT NULL DEFAULT '',
      measure_date date NOT NULL,
      reference text NOT NULL DEFAULT '',
      document_id uuid,
      receiving_country char(2),
      art57_branch text CHECK (art57_branch IN ('a', 'b', 'c')),
      expenses_minor bigint CHECK (expenses_minor >= 0),
      note text NOT NULL DEFAULT '',
      owner_country char(2) NOT NULL,
      reach text[],
      added_by uuid REFERENCES users(id),
      added_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX asset_measures_entity_idx ON asset_measures (entity_id, measure_date)`.execute(db);
  await sql`CREATE INDEX asset_measures_case_idx ON asset_measures (case_id, stage)`.execute(db);

  // Rates the operator provides (no network fetch): the value of one unit in the base currency.
  await sql`
    CREATE TABLE exchange_rates (
      currency char(3) PRIMARY KEY,
      rate numeric(24, 10) NOT NULL CHECK (rate > 0),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Evidence: documents of a case (or of one of its requests), every version kept.
  await sql`
    CREATE TABLE case_documents (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      request_id uuid REFERENCES assistance_requests(id) ON DELETE SET NULL,
      title text NOT NULL,
      owner_country char(2) NOT NULL,
      handling_code text NOT NULL,
      reach text[],
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX case_documents_case_idx ON case_documents (case_id, created_at DESC)`.execute(db);
  await sql`
    CREATE TABLE document_versions (
      id uuid PRIMARY KEY,
      document_id uuid NOT NULL REFERENCES case_documents(id) ON DELETE CASCADE,
      version integer NOT NULL,
      blob_id uuid NOT NULL REFERENCES blobs(id),
      name jsonb NOT NULL,
      content_type text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (document_id, version)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
