import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A tracing analysis as it was run: enough to quote its figures and to tell later whether
  // the case's statements still give them (ledger_version).
  await sql`
    CREATE TABLE tracing_analyses (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      title text NOT NULL,
      rules text[] NOT NULL,
      seeds bigint[] NOT NULL,
      currency char(3) NOT NULL,
      ledger_version text NOT NULL,
      total_tainted_minor bigint NOT NULL,
      result jsonb NOT NULL,
      owner_country char(2) NOT NULL,
      reach text[],
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX tracing_analyses_case_idx ON tracing_analyses (case_id, created_at DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
