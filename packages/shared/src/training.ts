import { z } from 'zod';
import { ZCountryCode, ZId, ZRegion } from './api.js';
import { ZPerson } from './messaging.js';

/**
 * Training workshops: the curriculum catalogue, workshops with fair seats per country,
 * attendance, the evaluation questionnaire and certificates of completion. Dates of workshops,
 * sessions and deadlines are calendar days (YYYY-MM-DD), read "anywhere on Earth": a deadline
 * closes when its day has ended everywhere, a session can be recorded once its day has begun
 * somewhere. Participants in every time zone are then treated alike.
 */

export const TRAINING_MODES = ['in_person', 'online'] as const;
export type TTrainingMode = (typeof TRAINING_MODES)[number];
export const NOMINATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled'] as const;
export type TNominationStatus = (typeof NOMINATION_STATUSES)[number];
/** The rating questions of the evaluation questionnaire, each answered from 1 (poor) to 5 (excellent). */
export const EVALUATION_QUESTIONS = ['overall', 'relevance', 'trainers', 'materials', 'organisation'] as const;
export type TEvaluationQuestion = (typeof EVALUATION_QUESTIONS)[number];
export const TRAINING_NOTICE_KINDS = ['seat_confirmed', 'waitlisted', 'promoted', 'nomination_cancelled', 'certificate_issued', 'certificate_revoked', 'workshop_cancelled'] as const;
export type TTrainingNoticeKind = (typeof TRAINING_NOTICE_KINDS)[number];
/** Roles that may organise workshops. The catalogue itself is curated by the secretariat alone. */
export const WORKSHOP_ORGANISER_ROLES = ['secretariat', 'trainer'] as const;

/** Share of the sessions a participant must attend to earn the certificate. */
export const CERTIFICATE_ATTENDANCE_SHARE = 0.8;

/** Sessions a participant must attend out of `sessions` (80 %, rounded up). */
export function attendanceRequired(sessions: number): number {
  return sessions <= 0 ? 0 : Math.ceil(sessions * CERTIFICATE_ATTENDANCE_SHARE - 1e-9);
}

const DAY_MS = 24 * 3600_000;
const dayStartUtc = (date: string) => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return ms;
};

/** When nominations close: the end of the deadline day in the last time zone (UTC−12). */
export function nominationsCloseAt(deadline: string): Date {
  return new Date(dayStartUtc(deadline) + DAY_MS + 12 * 3600_000);
}

/** When a session (or workshop) day has begun somewhere: its start in the first time zone (UTC+14). */
export function dayBegunAt(date: string): Date {
  return new Date(dayStartUtc(date) - 14 * 3600_000);
}

/** When a day has ended everywhere. */
export function dayEndedAt(date: string): Date {
  return nominationsCloseAt(date);
}

// ---------------------------------------------------------------- verification codes
/** Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or retyped survives. */
export const CERTIFICATE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 characters of 5 bits: 80 random bits. */
export const CERTIFICATE_CODE_LENGTH = 16;

/** A code as printed: four groups of four, e.g. 7QKM-2X9D-H4TB-WN3C. */
export function formatCertificateCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * A code as typed by a person into its canonical form, or null when it cannot be one: case,
 * spaces and hyphens do not matter, and the letters O, I and L read as 0, 1 and 1.
 */
export function normaliseCertificateCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== CERTIFICATE_CODE_LENGTH) return null;
  for (const ch of code) if (!CERTIFICATE_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

// ---------------------------------------------------------------- catalogue
const ZDate = z.iso.date();
const ZLanguageCode = z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code');

export const ZTrainingModuleInput = z.object({
  /** Name of the module, e.g. "Financial investigation". */
  title: z.string().trim().min(1).max(200),
  /** What participants will be able to do afterwards. */
  objectives: z.string().trim().max(4000).default(''),
  /** Teaching time, in hours (half hours allowed). */
  durationHours: z.number().min(0.5).max(200).multipleOf(0.5),
});
export type TTrainingModuleInput = z.input<typeof ZTrainingModuleInput>;
export const ZTrainingModuleUpdate = ZTrainingModuleInput.partial().extend({
  /** A retired module stays on past workshops but is no longer offered for new ones. */
  archived: z.boolean().optional(),
});
export type TTrainingModuleUpdate = z.input<typeof ZTrainingModuleUpdate>;

export const ZTrainingMaterial = z.object({
  id: ZId,
  /** File name, as uploaded. */
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime(),
});
export type TTrainingMaterial = z.infer<typeof ZTrainingMaterial>;

export const ZTrainingModule = z.object({
  id: ZId,
  title: z.string(),
  objectives: z.string(),
  durationMinutes: z.number().int(),
  archived: z.boolean(),
  materials: z.array(ZTrainingMaterial),
  updatedAt: z.iso.datetime(),
  /** Whether the caller curates the catalogue. */
  canEdit: z.boolean(),
});
export type TTrainingModule = z.infer<typeof ZTrainingModule>;

// ---------------------------------------------------------------- workshops
const workshopFields = {
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(8000).default(''),
  /** The INTERPOL region whose countries may nominate; null for a workshop open to all. */
  region: ZRegion.nullable(),
  hostCountry: ZCountryCode,
  mode: z.enum(TRAINING_MODES),
  /** Address of the venue, or how to join online. */
  venue: z.string().trim().max(1000).default(''),
  startsOn: ZDate,
  endsOn: ZDate,
  /** Working languages (ISO 639-1). */
  languages: z.array(ZLanguageCode).min(1).max(6),
  capacity: z.number().int().min(1).max(500),
  /** Seats per country; null for the default: ceil(capacity / nominating countries). */
  quota: z.number().int().min(1).max(500).nullable().default(null),
  /** Last day for national admins to nominate (no later than the first day). */
  nominationDeadline: ZDate,
  moduleIds: z.array(ZId).max(20).default([]),
  /** People who teach: they record attendance and read the evaluation. */
  trainerIds: z.array(ZId).max(20).default([]),
};
export const ZWorkshopCreate = z.object(workshopFields);
export type TWorkshopCreate = z.input<typeof ZWorkshopCreate>;
export const ZWorkshopUpdate = z.object(workshopFields).partial();
export type TWorkshopUpdate = z.input<typeof ZWorkshopUpdate>;
export const ZWorkshopListQuery = z.object({ when: z.enum(['upcoming', 'past']).default('upcoming') });

export const ZWorkshopSummary = z.object({
  id: ZId,
  title: z.string(),
  region: ZRegion.nullable(),
  hostCountry: ZCountryCode,
  mode: z.enum(TRAINING_MODES),
  venue: z.string(),
  startsOn: ZDate,
  endsOn: ZDate,
  languages: z.array(z.string()),
  capacity: z.number().int(),
  nominationDeadline: ZDate,
  status: z.enum(['scheduled', 'cancelled']),
  /** National admins may still nominate. */
  nominationsOpen: z.boolean(),
  organiser: ZPerson,
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  pending: z.number().int(),
  /** The caller's own nomination, if any. */
  myStatus: z.enum(NOMINATION_STATUSES).nullable(),
});
export type TWorkshopSummary = z.infer<typeof ZWorkshopSummary>;

export const ZCertificateBrief = z.object({
  id: ZId,
  /** Verification code, in its canonical form (see formatCertificateCode). */
  code: z.string(),
  verifyUrl: z.string(),
  issuedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokeReason: z.string().nullable(),
});
export type TCertificateBrief = z.infer<typeof ZCertificateBrief>;

export const ZNomination = z.object({
  id: ZId,
  person: ZPerson,
  status: z.enum(NOMINATION_STATUSES),
  /** The national admin's order of priority within the country. */
  rank: z.number().int(),
  /** Place on the waiting list, 1 first; null unless waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  nominatedAt: z.iso.datetime(),
  nominatedBy: ZPerson.nullable(),
  cancelReason: z.string().nullable(),
  /** Sessions attended. */
  attended: z.number().int(),
  /** Attendance enough for a certificate, and the last session has begun. */
  eligible: z.boolean(),
  certificate: ZCertificateBrief.nullable(),
  canCancel: z.boolean(),
});
export type TNomination = z.infer<typeof ZNomination>;

export const ZTrainingSession = z.object({
  id: ZId,
  date: ZDate,
  title: z.string(),
  /** Its day has begun: attendance can be recorded. */
  started: z.boolean(),
});
export type TTrainingSession = z.infer<typeof ZTrainingSession>;

export const ZCountrySeats = z.object({ country: ZCountryCode, confirmed: z.number().int(), waitlisted: z.number().int(), pending: z.number().int() });
export type TCountrySeats = z.infer<typeof ZCountrySeats>;

export const ZWorkshopAbilities = z.object({
  edit: z.boolean(),
  nominate: z.boolean(),
  allocate: z.boolean(),
  markAttendance: z.boolean(),
  viewResults: z.boolean(),
  issueCertificates: z.boolean(),
  evaluate: z.boolean(),
  cancel: z.boolean(),
});

export const ZWorkshopDetail = ZWorkshopSummary.extend({
  description: z.string(),
  /** Seats per country in force, and whether the organiser set it (else the default). */
  quota: z.number().int(),
  quotaSet: z.number().int().nullable(),
  allocatedAt: z.iso.datetime().nullable(),
  modules: z.array(z.object({ id: ZId, title: z.string(), durationMinutes: z.number().int() })),
  trainers: z.array(ZPerson),
  sessions: z.array(ZTrainingSession),
  attendanceRequired: z.number().int(),
  seatsByCountry: z.array(ZCountrySeats),
  /** Nominations the caller may see: all for organisers and trainers, their country's for a national admin, their own otherwise. */
  nominations: z.array(ZNomination),
  /** Attendance records, for those who keep them. */
  attendance: z.array(z.object({ sessionId: ZId, nominationId: ZId, present: z.boolean() })),
  evaluationSubmitted: z.boolean(),
  abilities: ZWorkshopAbilities,
});
export type TWorkshopDetail = z.infer<typeof ZWorkshopDetail>;

/** Calling a workshop off: everyone nominated is told; nothing more can change in it. */
export const ZWorkshopCancel = z.object({ reason: z.string().trim().min(1).max(1000) });

export const ZNominate = z.object({
  /** Officers of the admin's country, in order of priority. */
  userIds: z.array(ZId).min(1).max(50),
});
export const ZNominationCancel = z.object({ reason: z.string().trim().max(1000).default('') });
export const ZAllocate = z.object({
  /** Change the quota before allocating (null: back to the default); absent: keep it. */
  quota: z.number().int().min(1).max(500).nullable().optional(),
});
export const ZSessionCreate = z.object({ date: ZDate, title: z.string().trim().max(200).default('') });
export const ZAttendanceUpdate = z.object({
  entries: z.array(z.object({ nominationId: ZId, present: z.boolean() })).min(1).max(500),
});

// ---------------------------------------------------------------- evaluation
export const ZEvaluationInput = z.object({
  ratings: z.object(Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [q, z.number().int().min(1).max(5)])) as Record<TEvaluationQuestion, z.ZodNumber>),
  /** What was most useful. */
  useful: z.string().trim().max(4000).default(''),
  /** What to improve. */
  improve: z.string().trim().max(4000).default(''),
});
export type TEvaluationInput = z.input<typeof ZEvaluationInput>;

export const ZEvaluationSummary = z.object({
  /** Questionnaires returned, and confirmed participants who could return one. */
  responses: z.number().int(),
  participants: z.number().int(),
  questions: z.array(
    z.object({
      question: z.enum(EVALUATION_QUESTIONS),
      /** Mean rating, null without answers. */
      average: z.number().nullable(),
      /** Answers per rating: index 0 is rating 1, index 4 rating 5. */
      counts: z.array(z.number().int()).length(5),
    }),
  ),
  /** Free-text answers, without names. */
  comments: z.array(z.object({ useful: z.string(), improve: z.string() })),
});
export type TEvaluationSummary = z.infer<typeof ZEvaluationSummary>;

// ---------------------------------------------------------------- certificates
export const ZCertificateIssue = z.object({
  /** Issue to these participants only; absent: to every eligible participant still without one. */
  nominationIds: z.array(ZId).max(500).optional(),
});
export const ZCertificateIssueResult = z.object({
  issued: z.number().int(),
  /** Participants asked for who could not receive one, and why. */
  skipped: z.array(z.object({ nominationId: ZId, reason: z.enum(['not_eligible', 'already_issued']) })),
});
export type TCertificateIssueResult = z.infer<typeof ZCertificateIssueResult>;
export const ZCertificateRevoke = z.object({ reason: z.string().trim().min(1).max(1000) });

/** What the public verification page may say: nothing beyond these. */
export const ZCertificateVerification = z.object({
  status: z.enum(['valid', 'revoked']),
  holderName: z.string(),
  holderNameLatin: z.string(),
  workshopTitle: z.string(),
  startsOn: ZDate,
  endsOn: ZDate,
  issuedOn: ZDate,
  revokedOn: ZDate.nullable(),
});
export type TCertificateVerification = z.infer<typeof ZCertificateVerification>;

// ---------------------------------------------------------------- my training
export const ZMyTraining = z.object({
  nominations: z.array(
    z.object({
      id: ZId,
      workshop: z.object({ id: ZId, title: z.string(), startsOn: ZDate, endsOn: ZDate, hostCountry: ZCountryCode, mode: z.enum(TRAINING_MODES) }),
      status: z.enum(NOMINATION_STATUSES),
      waitlistPosition: z.number().int().nullable(),
      certificate: ZCertificateBrief.nullable(),
    }),
  ),
  notices: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(TRAINING_NOTICE_KINDS),
      workshopId: ZId,
      workshopTitle: z.string(),
      at: z.iso.datetime(),
      read: z.boolean(),
    }),
  ),
});
export type TMyTraining = z.infer<typeof ZMyTraining>;
