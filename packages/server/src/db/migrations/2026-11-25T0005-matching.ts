import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // The blocking index: name-token, phonetic, date and identifier keys of each entity, kept in
  // step with its values in the same transaction. Keys of "hit/no-hit only" subjects are stored
  // as keyed hashes ('h:' + HMAC), so other countries' queries never touch their plaintext.
  await sql`
    CREATE TABLE match_keys (
      entity_id uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      key text NOT NULL,
      PRIMARY KEY (entity_id, key)
    )`.execute(db);
  await sql`CREATE INDEX match_keys_key_idx ON match_keys (key)`.execute(db);
  await sql`ALTER TABLE entities ADD COLUMN blind boolean NOT NULL DEFAULT false`.execute(db);

  // The durable cross-referencing queue: a job per entity to match, claimed with SKIP LOCKED,
  // and taken up again when a worker died holding it.
  await sql`
    CREATE TABLE match_jobs (
      entity_id uuid PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
      case_id uuid NOT NULL,
      queued_at timestamptz NOT NULL DEFAULT now(),
      claimed_at timestamptz,
      attempts integer NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`CREATE INDEX match_jobs_queue_idx ON match_jobs (queued_at) WHERE claimed_at IS NULL`.execute(db);
  await sql`CREATE INDEX match_jobs_case_idx ON match_jobs (case_id)`.execute(db);

  // Possible matches between entities of different cases (a < b), with the matcher's explanation.
  await sql`
    CREATE TABLE match_candidates (
      id uuid PRIMARY KEY,
      entity_a uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      entity_b uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      score real NOT NULL,
      is_match boolean NOT NULL,
      blind boolean NOT NULL DEFAULT false,
      explanation jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (entity_a, entity_b),
      CHECK (entity_a < entity_b)
    )`.execute(db);
  await sql`CREATE INDEX match_candidates_b_idx ON match_candidates (entity_b)`.execute(db);

  await sql`
    CREATE TABLE match_judgements (
      candidate_id uuid NOT NULL REFERENCES match_candidates(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      country char(2) NOT NULL,
      verdict text NOT NULL CHECK (verdict IN ('same', 'not_same', 'unsure')),
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (candidate_id, user_id)
    )`.execute(db);

  // "Same": the two entities are one subject across cases, each still owned by its country.
  await sql`
    CREATE TABLE entity_links (
      entity_a uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      entity_b uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      linked_by uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (entity_a, entity_b),
      CHECK (entity_a < entity_b)
    )`.execute(db);

  // A searcher who was shown only "a possible match in a case led by X" asks to see it.
  await sql`
    CREATE TABLE match_access_requests (
      id uuid PRIMARY KEY,
      candidate_id uuid NOT NULL REFERENCES match_candidates(id) ON DELETE CASCADE,
      requester_id uuid NOT NULL REFERENCES users(id),
      requester_country char(2) NOT NULL,
      hidden_entity uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      reason text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('pending', 'granted', 'refused')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX match_access_pending_idx ON match_access_requests (candidate_id, requester_id) WHERE status = 'pending'`.execute(db);

  await sql`
    CREATE TABLE entity_grants (
      entity_id uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      granted_by uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (entity_id, user_id)
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
