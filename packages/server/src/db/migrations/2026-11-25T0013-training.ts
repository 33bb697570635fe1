import { sql, type Kysely } from 'kysely';

// Frozen in time: never edit a migration that has shipped; add a new one instead.
export async function up(db: Kysely<any>): Promise<void> {
  // The curriculum catalogue, curated by the secretariat. A module is retired (archived), never
  // deleted, so past workshops and certificates keep naming it.
  await sql`
    CREATE TABLE training_modules (
      id uuid PRIMARY KEY,
      title text NOT NULL,
      objectives text NOT NULL DEFAULT '',
      duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
      archived_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX training_modules_title_idx ON training_modules (lower(title))`.execute(db);

  // Course material: files in the encrypted blob store.
  await sql`
    CREATE TABLE training_materials (
      id uuid PRIMARY KEY,
      module_id uuid NOT NULL REFERENCES training_modules(id) ON DELETE CASCADE,
      blob_id uuid NOT NULL REFERENCES blobs(id),
      name text NOT NULL,
      content_type text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX training_materials_module_idx ON training_materials (module_id, uploaded_at)`.execute(db);

  // Dates are calendar days; the rules that read them "anywhere on Earth" live in the code.
  await sql`
    CREATE TABLE training_workshops (
      id uuid PRIMARY KEY,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      region text,
      host_country char(2) NOT NULL,
      mode text NOT NULL CHECK (mode IN ('in_person', 'online')),
      venue text NOT NULL DEFAULT '',
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      languages text[] NOT NULL,
      capacity integer NOT NULL CHECK (capacity > 0),
      quota integer CHECK (quota > 0),
      nomination_deadline date NOT NULL,
      organiser_id uuid NOT NULL REFERENCES users(id),
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
      allocated_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      CHECK (nomination_deadline <= starts_on)
    )`.execute(db);
  await sql`CREATE INDEX training_workshops_dates_idx ON training_workshops (ends_on, starts_on)`.execute(db);
  await sql`
    CREATE TABLE training_workshop_modules (
      workshop_id uuid NOT NULL REFERENCES training_workshops(id) ON DELETE CASCADE,
      module_id uuid NOT NULL REFERENCES training_modules(id),
      position integer NOT NULL,
      PRIMARY KEY (workshop_id, module_id)
    )`.execute(db);
  await sql`
    CREATE TABLE training_workshop_trainers (
      workshop_id uuid NOT NULL REFERENCES training_workshops(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      PRIMARY KEY (workshop_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX training_workshop_trainers_user_idx ON training_workshop_trainers (user_id)`.execute(db);
  await sql`
    CREATE TABLE training_sessions (
      id uuid PRIMARY KEY,
      workshop_id uuid NOT NULL REFERENCES training_workshops(id) ON DELETE CASCADE,
      held_on date NOT NULL,
      title text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX training_sessions_workshop_idx ON training_sessions (workshop_id, held_on)`.execute(db);

  // A nomination is a seat request: pending until the organiser allocates seats, then confirmed
  // or waitlisted; cancelled when withdrawn. One live nomination per person and workshop.
  await sql`
    CREATE TABLE training_nominations (
      id uuid PRIMARY KEY,
      workshop_id uuid NOT NULL REFERENCES training_workshops(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      country char(2) NOT NULL,
      rank integer NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'cancelled')),
      waitlist_position integer,
      nominated_by uuid REFERENCES users(id),
      nominated_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      cancelled_at timestamptz,
      cancelled_by uuid REFERENCES users(id),
      cancel_reason text
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX training_nominations_live_idx ON training_nominations (workshop_id, user_id) WHERE status <> 'cancelled'`.execute(db);
  await sql`CREATE INDEX training_nominations_user_idx ON training_nominations (user_id)`.execute(db);

  await sql`
    CREATE TABLE training_attendance (
      session_id uuid NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
      nomination_id uuid NOT NULL REFERENCES training_nominations(id) ON DELETE CASCADE,
      present boolean NOT NULL,
      marked_by uuid REFERENCES users(id),
      marked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, nomination_id)
    )`.execute(db);
  await sql`CREATE INDEX training_attendance_nomination_idx ON training_attendance (nomination_id)`.execute(db);

  // One questionnaire per participant (the key); results are shown without names.
  await sql`
    CREATE TABLE training_evaluations (
      workshop_id uuid NOT NULL REFERENCES training_workshops(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      overall smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
      relevance smallint NOT NULL CHECK (relevance BETWEEN 1 AND 5),
      trainers smallint NOT NULL CHECK (trainers BETWEEN 1 AND 5),
      materials smallint NOT NULL CHECK (materials BETWEEN 1 AND 5),
      organisation smallint NOT NULL CHECK (organisation BETWEEN 1 AND 5),
      useful text NOT NULL DEFAULT '',
      improve text NOT NULL DEFAULT '',
      submitted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workshop_id, user_id)
    )`.execute(db);

  // A certificate keeps what it states (name, workshop, dates) as issued. Its code is looked up
  // by SHA-256, and kept sealed for its holder and the organiser to read back.
  await sql`
    CREATE TABLE training_certificates (
      id uuid PRIMARY KEY,
      workshop_id uuid NOT NULL REFERENCES training_workshops(id),
      nomination_id uuid NOT NULL REFERENCES training_nominations(id),
      user_id uuid NOT NULL REFERENCES users(id),
      holder_name text NOT NULL,
      holder_name_latin text NOT NULL,
      holder_language text NOT NULL,
      workshop_title text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      sessions_attended integer NOT NULL,
      sessions_total integer NOT NULL,
      code_hash text NOT NULL UNIQUE,
      code jsonb NOT NULL,
      issued_by uuid REFERENCES users(id),
      issued_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users(id),
      revoke_reason text
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX training_certificates_live_idx ON training_certificates (nomination_id) WHERE revoked_at IS NULL`.execute(db);
  await sql`CREATE INDEX training_certificates_user_idx ON training_certificates (user_id)`.execute(db);
  await sql`CREATE INDEX training_certificates_workshop_idx ON training_certificates (workshop_id)`.execute(db);

  // In-app notices (a seat confirmed, the waiting list moved up, a certificate issued).
  await sql`
    CREATE TABLE training_notices (
      id bigserial PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      workshop_id uuid NOT NULL REFERENCES training_workshops(id) ON DELETE CASCADE,
      kind text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX training_notices_user_idx ON training_notices (user_id, id DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Focal migrations are forward-only: restore a backup to go back.');
}
