import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A bank's CSV layout as a country's officers confirmed it, proposed again when a file with
  // the same columns arrives. Shared by the country (colleagues read the same banks' exports);
  // it holds column names and separators, never data from a statement.
  await sql`
    CREATE TABLE statement_mappings (
      id uuid PRIMARY KEY,
      owner_country char(2) NOT NULL,
      name text NOT NULL,
      bank_bic text,
      -- The normalised header and delimiter (or the column count without a header): how a new
      -- file is recognised as this bank's layout.
      header_key text NOT NULL,
      format jsonb NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX statement_mappings_name_idx ON statement_mappings (owner_country, lower(name))`.execute(db);
  await sql`CREATE INDEX statement_mappings_header_idx ON statement_mappings (owner_country, header_key)`.execute(db);

  // An import as a durable job: the file is already evidence; the job reads it twice (check,
  // then write in batches that each commit with their checkpoint) and publishes the statement
  // at the end, in one transaction. A crash resumes from the checkpoint; a failure removes
  // what the job wrote ('failing' while it does, so a crash during clean-up finishes it).
  await sql`
    CREATE TABLE statement_jobs (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      document_id uuid REFERENCES case_documents(id) ON DELETE SET NULL,
      blob_id uuid NOT NULL,
      format text NOT NULL CHECK (format IN ('csv', 'camt053', 'mt940')),
      title text NOT NULL,
      options jsonb,
      status text NOT NULL CHECK (status IN ('queued', 'running', 'failing', 'done', 'failed')),
      phase text NOT NULL DEFAULT 'checking' CHECK (phase IN ('checking', 'writing', 'finishing')),
      size bigint NOT NULL,
      bytes_done bigint NOT NULL DEFAULT 0,
      rows_total integer,
      rows_done integer NOT NULL DEFAULT 0,
      summary jsonb,
      error text,
      error_line integer,
      import_ids jsonb,
      claim uuid,
      claimed_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      owner_country char(2) NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      request_ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX statement_jobs_queue_idx ON statement_jobs (created_at) WHERE status IN ('queued', 'running', 'failing')`.execute(db);
  await sql`CREATE INDEX statement_jobs_case_idx ON statement_jobs (case_id, created_at DESC)`.execute(db);

  // The transactions a running job has written, until the statement is published: they move
  // to statement_transactions in the job's last transaction, so that table only ever holds
  // complete statements.
  await sql`
    CREATE TABLE statement_job_rows (
      job_id uuid NOT NULL REFERENCES statement_jobs(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      statement integer NOT NULL,
      payment_entity uuid REFERENCES entities(id) ON DELETE SET NULL,
      line integer NOT NULL,
      booking_date date NOT NULL,
      amount_minor bigint NOT NULL,
      currency char(3) NOT NULL,
      counterparty_name text,
      counterparty_account text,
      reference text,
      PRIMARY KEY (job_id, seq)
    )`.execute(db);

  // Accounts and parties a job resolved (found in the case or created), so its later batches
  // and a resumed run reuse them, and a failed run removes only what it created.
  await sql`
    CREATE TABLE statement_job_parties (
      job_id uuid NOT NULL REFERENCES statement_jobs(id) ON DELETE CASCADE,
      key text NOT NULL,
      ftm_id text NOT NULL,
      entity_id uuid NOT NULL,
      created boolean NOT NULL,
      PRIMARY KEY (job_id, key)
    )`.execute(db);

  // What the statements list shows without adding up a million rows each time.
  await sql`ALTER TABLE statement_imports ADD COLUMN period_from date`.execute(db);
  await sql`ALTER TABLE statement_imports ADD COLUMN period_to date`.execute(db);
  await sql`ALTER TABLE statement_imports ADD COLUMN row_error_count integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE statement_imports ADD COLUMN statement_ref text`.execute(db);
  // Why a pair was suggested, as codes the interface words in the user's language.
  await sql`ALTER TABLE transfer_pairs ADD COLUMN links jsonb NOT NULL DEFAULT '[]'`.execute(db);
  // A statement's transactions are read a page at a time in file order.
  await sql`CREATE INDEX statement_transactions_import_id_idx ON statement_transactions (import_id, id)`.execute(db);
  await sql`DROP INDEX statement_transactions_import_idx`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
