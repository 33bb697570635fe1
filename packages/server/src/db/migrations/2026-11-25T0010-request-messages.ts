import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A message written about a request for assistance. Routing metadata, like the rest of a
  // message's row: the subject and body stay sealed in `messages.content`. One request per
  // message; the link goes when the message does (its last copy purged, a draft discarded).
  await sql`
    CREATE TABLE request_messages (
      message_id uuid PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
      request_id uuid NOT NULL REFERENCES assistance_requests(id) ON DELETE CASCADE,
      linked_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX request_messages_request_idx ON request_messages (request_id, message_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
