import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per message, drafts included. Routing metadata (who, when, codes) is in clear so
  // the server can deliver and filter; subject, body and H3 conditions are one sealed object.
  await sql`
    CREATE TABLE messages (
      id uuid PRIMARY KEY,
      thread_id uuid NOT NULL,
      sender_id uuid NOT NULL REFERENCES users(id),
      sender_country char(2) NOT NULL,
      -- Whose conditions the handling code states: the sender, or for a forward the original provider.
      provider_id uuid NOT NULL REFERENCES users(id),
      status text NOT NULL CHECK (status IN ('draft', 'pending_consent', 'sent', 'withdrawn', 'refused')),
      handling_code text NOT NULL CHECK (handling_code IN ('H0', 'H1', 'H2', 'H3')),
      evaluation_source char(1) CHECK (evaluation_source IN ('A', 'B', 'C', 'X')),
      evaluation_info smallint CHECK (evaluation_info BETWEEN 1 AND 4),
      priority text NOT NULL CHECK (priority IN ('routine', 'urgent', 'immediate')),
      reply_by date,
      content jsonb NOT NULL,
      addressing jsonb NOT NULL DEFAULT '[]',
      in_reply_to uuid REFERENCES messages(id) ON DELETE SET NULL,
      forward_of uuid REFERENCES messages(id) ON DELETE SET NULL,
      attachment_bytes bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      withdrawn_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX messages_thread_idx ON messages (thread_id)`.execute(db);

  // Each person's copy of a message: their folder, labels, read state and receipt, and the
  // keyed hashes of the message's words under that person's own key (the blind index).
  await sql`
    CREATE TABLE mailbox_entries (
      user_id uuid NOT NULL REFERENCES users(id),
      message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      thread_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('sender', 'to', 'cc')),
      folder text NOT NULL CHECK (folder IN ('drafts', 'inbox', 'sent', 'archive', 'trash')),
      folder_before_trash text,
      trashed_at timestamptz,
      sort_at timestamptz NOT NULL,
      sender_sort text NOT NULL,
      priority_rank smallint NOT NULL,
      handling_code text NOT NULL,
      unread boolean NOT NULL DEFAULT false,
      opened_at timestamptz,
      ack_required boolean NOT NULL DEFAULT false,
      acknowledged_at timestamptz,
      reminders_sent integer NOT NULL DEFAULT 0,
      last_reminded_at timestamptz,
      labels uuid[] NOT NULL DEFAULT '{}',
      words bigint[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (user_id, message_id)
    )`.execute(db);
  await sql`CREATE INDEX mailbox_date_idx ON mailbox_entries (user_id, folder, sort_at DESC, message_id DESC)`.execute(db);
  await sql`CREATE INDEX mailbox_sender_idx ON mailbox_entries (user_id, folder, sender_sort, sort_at DESC, message_id DESC)`.execute(db);
  await sql`CREATE INDEX mailbox_priority_idx ON mailbox_entries (user_id, folder, priority_rank, sort_at DESC, message_id DESC)`.execute(db);
  // The total shown with a folder's first page: a narrow index (deduplicated to about 15
  // bytes a row), counted without reading the table or the wide ordering indexes.
  await sql`CREATE INDEX mailbox_folder_idx ON mailbox_entries (user_id, folder)`.execute(db);
  await sql`CREATE INDEX mailbox_unread_idx ON mailbox_entries (user_id) WHERE unread AND folder = 'inbox'`.execute(db);
  await sql`CREATE INDEX mailbox_message_idx ON mailbox_entries (message_id)`.execute(db);
  await sql`CREATE INDEX mailbox_thread_idx ON mailbox_entries (thread_id, user_id)`.execute(db);
  await sql`CREATE INDEX mailbox_words_idx ON mailbox_entries USING gin (words)`.execute(db);
  await sql`CREATE INDEX mailbox_trash_idx ON mailbox_entries (trashed_at) WHERE folder = 'trash'`.execute(db);
  await sql`CREATE INDEX mailbox_unacknowledged_idx ON mailbox_entries (message_id) WHERE ack_required AND acknowledged_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE message_attachments (
      id uuid PRIMARY KEY,
      message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      blob_id uuid NOT NULL REFERENCES blobs(id),
      name jsonb NOT NULL,
      content_type text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX message_attachments_message_idx ON message_attachments (message_id)`.execute(db);
  await sql`CREATE INDEX message_attachments_blob_idx ON message_attachments (blob_id)`.execute(db);

  await sql`
    CREATE TABLE mail_labels (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      color text NOT NULL DEFAULT 'blue',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, name)
    )`.execute(db);

  // A forward of an H2 message to people outside its thread waits here for the provider.
  await sql`
    CREATE TABLE forward_consents (
      id uuid PRIMARY KEY,
      forward_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      original_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
      requester_id uuid NOT NULL REFERENCES users(id),
      provider_id uuid NOT NULL REFERENCES users(id),
      new_recipients uuid[] NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'granted', 'refused')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX forward_consents_provider_idx ON forward_consents (provider_id, status)`.execute(db);
  await sql`CREATE INDEX forward_consents_requester_idx ON forward_consents (requester_id)`.execute(db);

  // Email notices to send ("a secure message is waiting"): written in the transaction that
  // caused them, sent by a background worker, so none is lost to a crash or a slow relay.
  await sql`
    CREATE TABLE notification_outbox (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      last_error text
    )`.execute(db);
  await sql`CREATE INDEX notification_outbox_pending_idx ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL`.execute(db);

  await sql`ALTER TABLE users ADD COLUMN notify_by_email boolean NOT NULL DEFAULT true`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
