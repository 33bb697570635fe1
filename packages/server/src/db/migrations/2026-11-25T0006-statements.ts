import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // One imported statement: its file (kept as evidence), account, and the balance check.
  await sql`
    CREATE TABLE statement_imports (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      document_id uuid REFERENCES case_documents(id) ON DELETE SET NULL,
      format text NOT NULL CHECK (format IN ('csv', 'camt053', 'mt940')),
      account_entity uuid REFERENCES entities(id) ON DELETE SET NULL,
      account_label text NOT NULL,
      currency char(3) NOT NULL,
      opening_minor bigint,
      closing_minor bigint,
      sum_minor bigint NOT NULL,
      balance_status text NOT NULL CHECK (balance_status IN ('balanced', 'unbalanced', 'unchecked')),
      difference_minor bigint,
      transactions integer NOT NULL,
      row_errors jsonb NOT NULL DEFAULT '[]',
      warnings jsonb NOT NULL DEFAULT '[]',
      owner_country char(2) NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX statement_imports_case_idx ON statement_imports (case_id, created_at DESC)`.execute(db);

  // Each transaction as read (for tracing ledgers and for pairing the same transfer seen twice).
  await sql`
    CREATE TABLE statement_transactions (
      id bigserial PRIMARY KEY,
      import_id uuid NOT NULL REFERENCES statement_imports(id) ON DELETE CASCADE,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      payment_entity uuid REFERENCES entities(id) ON DELETE SET NULL,
      line integer NOT NULL,
      booking_date date NOT NULL,
      amount_minor bigint NOT NULL,
      currency char(3) NOT NULL,
      counterparty_name text,
      counterparty_account text,
      reference text
    )`.execute(db);
  await sql`CREATE INDEX statement_transactions_case_idx ON statement_transactions (case_id, currency, amount_minor)`.execute(db);
  await sql`CREATE INDEX statement_transactions_import_idx ON statement_transactions (import_id)`.execute(db);

  await sql`
    CREATE TABLE transfer_pairs (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      debit_tx bigint NOT NULL REFERENCES statement_transactions(id) ON DELETE CASCADE,
      credit_tx bigint NOT NULL REFERENCES statement_transactions(id) ON DELETE CASCADE,
      confidence real NOT NULL,
      reasons jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('suggested', 'confirmed', 'split')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      UNIQUE (debit_tx, credit_tx)
    )`.execute(db);
  await sql`CREATE INDEX transfer_pairs_case_idx ON transfer_pairs (case_id, status)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
