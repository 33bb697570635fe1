import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // A working meeting between countries. The title is in clear (lists sort and show it, as
  // case titles); description, address and video link are sealed together in `content`, the
  // minutes in `minutes`. `sequence` is the iCalendar SEQUENCE: it grows with each revision
  // that calendars must apply (time, place, title, cancellation), and `ical_uid` never changes.
  await sql`
    CREATE TABLE meetings (
      id uuid PRIMARY KEY,
      ical_uid text NOT NULL UNIQUE,
      organiser_id uuid NOT NULL REFERENCES users(id),
      organiser_country char(2) NOT NULL,
      case_id uuid REFERENCES cases(id) ON DELETE CASCADE,
      title text NOT NULL,
      content jsonb NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      time_zone text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('in_person', 'video')),
      interpretation text[] NOT NULL DEFAULT '{}',
      email_invitations boolean NOT NULL DEFAULT true,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      sequence integer NOT NULL DEFAULT 0,
      minutes jsonb,
      minutes_by uuid REFERENCES users(id),
      minutes_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      cancelled_at timestamptz,
      CHECK (ends_at > starts_at)
    )`.execute(db);
  await sql`CREATE INDEX meetings_case_idx ON meetings (case_id) WHERE case_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE meeting_participants (
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      country char(2) NOT NULL,
      role text NOT NULL CHECK (role IN ('organiser', 'participant')),
      rsvp text NOT NULL DEFAULT 'pending' CHECK (rsvp IN ('pending', 'accepted', 'tentative', 'declined')),
      responded_at timestamptz,
      invited_via char(2),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (meeting_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX meeting_participants_user_idx ON meeting_participants (user_id, meeting_id)`.execute(db);
  await sql`
    CREATE TABLE meeting_invited_countries (
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      country char(2) NOT NULL,
      PRIMARY KEY (meeting_id, country)
    )`.execute(db);

  await sql`
    CREATE TABLE meeting_agenda_items (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      position integer NOT NULL,
      content jsonb NOT NULL,
      owner_id uuid REFERENCES users(id),
      duration_minutes integer CHECK (duration_minutes > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX meeting_agenda_items_meeting_idx ON meeting_agenda_items (meeting_id, position)`.execute(db);

  // Agenda papers: files in the encrypted blob store, their names sealed.
  await sql`
    CREATE TABLE meeting_documents (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      agenda_item_id uuid REFERENCES meeting_agenda_items(id) ON DELETE SET NULL,
      blob_id uuid NOT NULL REFERENCES blobs(id),
      name jsonb NOT NULL,
      content_type text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX meeting_documents_meeting_idx ON meeting_documents (meeting_id)`.execute(db);

  await sql`
    CREATE TABLE meeting_action_items (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      content jsonb NOT NULL,
      owner_id uuid NOT NULL REFERENCES users(id),
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
      reminded_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX meeting_action_items_meeting_idx ON meeting_action_items (meeting_id)`.execute(db);
  await sql`CREATE INDEX meeting_action_items_open_idx ON meeting_action_items (owner_id, due_on) WHERE status IN ('open', 'in_progress')`.execute(db);
  await sql`CREATE INDEX meeting_action_items_remind_idx ON meeting_action_items (due_on) WHERE reminded_at IS NULL AND status IN ('open', 'in_progress')`.execute(db);

  // In-app notices (invitations, changes, reminders), read on the meetings page.
  await sql`
    CREATE TABLE meeting_notices (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      action_id uuid REFERENCES meeting_action_items(id) ON DELETE CASCADE,
      kind text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX meeting_notices_unread_idx ON meeting_notices (user_id, id) WHERE read_at IS NULL`.execute(db);

  // Email invitations with their calendar file, written in the transaction of the change and
  // sent in the background (as notification_outbox): a crash or a slow relay loses none.
  await sql`
    CREATE TABLE meeting_mail_outbox (
      id bigserial PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      method text NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
      sequence integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      last_error text
    )`.execute(db);
  await sql`CREATE INDEX meeting_mail_outbox_pending_idx ON meeting_mail_outbox (next_attempt_at) WHERE sent_at IS NULL`.execute(db);

  // Working hours on each person's own clock (09:00–17:00 when absent), and the weekend of
  // countries that differ from the default (see @focal/shared defaultWeekend).
  await sql`
    CREATE TABLE working_hours (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      start_minute integer NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
      end_minute integer NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE country_weekends (
      country char(2) PRIMARY KEY,
      days integer[] NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // A personal calendar subscription: the address carries a random token, stored as its SHA-256.
  await sql`
    CREATE TABLE calendar_feeds (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
