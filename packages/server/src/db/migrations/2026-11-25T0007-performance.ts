import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Candidate lookups read each key's postings for their entity ids: with the entity id in the
  // index they are index-only scans (a few pages per key) instead of one heap page per posting,
  // which at a million entities was most of a lookup's time. The (key) index is then redundant.
  await sql`CREATE INDEX match_keys_key_entity_idx ON match_keys (key, entity_id)`.execute(db);
  await sql`DROP INDEX match_keys_key_idx`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
