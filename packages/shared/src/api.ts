import { z } from 'zod';
import { AGENCY_TYPES, API_TOKEN_SCOPES, PASSWORD_MIN_LENGTH, ROLES, UI_LANGUAGES, USER_STATUSES } from './constants.js';
import { REGIONS } from './regions.js';

/**
 * The HTTP contract between the server and its clients. Request bodies are zod schemas the
 * server validates with; responses are schemas too, so the OpenAPI document describes them.
 * Every unsafe request (POST, PUT, PATCH, DELETE) must carry the `x-csrf-token` header equal to
 * the `focal_csrf` cookie that `GET /api/auth/session` sets.
 */

export const ZCountryCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166-1 code');
export const ZUiLanguage = z.enum(UI_LANGUAGES);
export const ZRole = z.enum(ROLES);
export const ZUserStatus = z.enum(USER_STATUSES);
export const ZAgencyType = z.enum(AGENCY_TYPES);
export const ZRegion = z.enum(REGIONS);
export const ZEmail = z.string().trim().toLowerCase().pipe(z.email());
export const ZPassword = z.string().min(PASSWORD_MIN_LENGTH).max(256);
export const ZTotpCode = z.string().trim().regex(/^\d{6}$/, 'six digits');
export const ZId = z.uuid();
export const ZTimeZone = z.string().min(1).max(64);

// ---------------------------------------------------------------- reference data
export const ZCountry = z.object({
  /** ISO 3166-1 alpha-2. */
  code: ZCountryCode,
  /** Name in the requested language. */
  name: z.string(),
  /** INTERPOL region. */
  region: ZRegion,
});
export type TCountry = z.infer<typeof ZCountry>;

export const ZAgency = z.object({
  id: ZId,
  /** Country the agency belongs to. */
  country: ZCountryCode,
  /** Official name. */
  name: z.string(),
  /** Kind of agency. */
  type: ZAgencyType,
});
export type TAgency = z.infer<typeof ZAgency>;

// ---------------------------------------------------------------- the signed-in user
export const ZMe = z.object({
  id: ZId,
  /** Name as written in the person's own script. */
  name: z.string(),
  /** Latin-script form of the name. */
  nameLatin: z.string(),
  email: z.string(),
  country: ZCountryCode,
  agency: ZAgency.nullable(),
  roles: z.array(ZRole),
  /** Languages the person speaks (ISO 639-1). */
  languages: z.array(z.string()),
  /** IANA time zone. */
  timeZone: ZTimeZone,
  /** Interface language. */
  uiLanguage: ZUiLanguage,
  phones: z.array(z.object({ label: z.string(), number: z.string() })),
  /** Reachable around the clock. */
  available247: z.boolean(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZSessionInfo = z.object({
  /** The signed-in user, or null. */
  user: ZMe.nullable(),
  /** Token to send as `x-csrf-token` on unsafe requests. */
  csrfToken: z.string(),
  /** True when no administrator exists yet and the setup page must be used. */
  setupRequired: z.boolean(),
  /** True when the deployment holds demo data. */
  demo: z.boolean(),
  /** Login waits for the second factor (password accepted). */
  mfaPending: z.boolean(),
  /** While `mfaPending`: the second factors this account can use. */
  mfaMethods: z.array(z.enum(['totp', 'recovery', 'passkey'])),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

// ---------------------------------------------------------------- setup, invitations, activation
export const ZTokenCheck = z.object({
  kind: z.enum(['setup', 'invitation']),
  /** Pre-filled for invitations; empty for setup. */
  email: z.string(),
  name: z.string(),
  nameLatin: z.string(),
  country: ZCountryCode.nullable(),
  roles: z.array(ZRole),
  expiresAt: z.iso.datetime(),
});
export type TTokenCheck = z.infer<typeof ZTokenCheck>;

/** Step 1 of activation (setup or invitation): identity and password. */
export const ZActivationStart = z.object({
  token: z.string().min(16).max(200),
  /** Required for setup; for invitations they may correct the name the admin typed. */
  name: z.string().trim().min(1).max(200),
  nameLatin: z.string().trim().min(1).max(200),
  /** Setup only: the administrator's email and country. Ignored for invitations. */
  email: ZEmail.optional(),
  country: ZCountryCode.optional(),
  password: ZPassword,
  uiLanguage: ZUiLanguage.default('en'),
  timeZone: ZTimeZone.default('UTC'),
});
export type TActivationStart = z.input<typeof ZActivationStart>;

export const ZTotpEnrolment = z.object({
  /** Base32 secret, for manual entry. */
  secret: z.string(),
  /** otpauth:// URI encoded in the QR code. */
  uri: z.string(),
  /** The QR code as an SVG document. */
  qrSvg: z.string(),
});
export type TTotpEnrolment = z.infer<typeof ZTotpEnrolment>;

/** Step 2: prove the authenticator works. Activates the account and signs in. */
export const ZActivationComplete = z.object({ token: z.string().min(16).max(200), code: ZTotpCode });
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type TRecoveryCodes = z.infer<typeof ZRecoveryCodes>;

// ---------------------------------------------------------------- login
export const ZLogin = z.object({ email: ZEmail, password: z.string().min(1).max(256) });
export const ZLoginResult = z.object({ mfaRequired: z.literal(true), methods: z.array(z.enum(['totp', 'recovery', 'passkey'])) });
/** A WebAuthn JSON object (options or a credential response), passed through as the browser made it. */
export const ZWebAuthnJson = z.record(z.string(), z.unknown());
export const ZLoginMfa = z.union([
  z.object({ code: ZTotpCode }),
  z.object({ recoveryCode: z.string().trim().min(8).max(40) }),
  /** The result of navigator.credentials.get() with the options from POST /api/auth/login/passkey/options. */
  z.object({ passkey: ZWebAuthnJson }),
]);
export type TLoginMfa = z.infer<typeof ZLoginMfa>;

// ---------------------------------------------------------------- profile
export const ZProfileUpdate = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  nameLatin: z.string().trim().min(1).max(200).optional(),
  uiLanguage: ZUiLanguage.optional(),
  timeZone: ZTimeZone.optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20).optional(),
  phones: z.array(z.object({ label: z.string().max(40), number: z.string().min(3).max(40) })).max(10).optional(),
  available247: z.boolean().optional(),
});
export type TProfileUpdate = z.infer<typeof ZProfileUpdate>;

export const ZPasswordChange = z.object({ currentPassword: z.string().min(1).max(256), newPassword: ZPassword });

export const ZSession = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The session making this request. */
  current: z.boolean(),
});
export type TSession = z.infer<typeof ZSession>;

export const ZMfaDevice = z.object({
  id: ZId,
  kind: z.enum(['totp', 'passkey']),
  label: z.string(),
  createdAt: z.iso.datetime(),
});
export type TMfaDevice = z.infer<typeof ZMfaDevice>;
export const ZMfaOverview = z.object({ devices: z.array(ZMfaDevice), recoveryCodesLeft: z.number().int() });
export type TMfaOverview = z.infer<typeof ZMfaOverview>;
export const ZTotpAddConfirm = z.object({ label: z.string().trim().min(1).max(60), code: ZTotpCode });
/** The result of navigator.credentials.create() with the options from POST /api/me/mfa/passkey/options. */
export const ZPasskeyAdd = z.object({ label: z.string().trim().min(1).max(60), response: ZWebAuthnJson });

export const ZApiTokenCreate = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)).min(1),
  /** Days until it expires (1 to 365). */
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export const ZApiToken = z.object({
  id: ZId,
  name: z.string(),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revoked: z.boolean(),
});
export type TApiToken = z.infer<typeof ZApiToken>;
/** Returned once at creation: the secret is never shown again. */
export const ZApiTokenCreated = ZApiToken.extend({ secret: z.string() });

// ---------------------------------------------------------------- directory
export const ZDirectoryQuery = z.object({
  /** Words of a name in any script. */
  q: z.string().max(200).optional(),
  country: ZCountryCode.optional(),
  region: ZRegion.optional(),
  agencyType: ZAgencyType.optional(),
  /** ISO 639-1 language spoken. */
  language: z.string().regex(/^[a-z]{2,3}$/).optional(),
  role: ZRole.optional(),
});
export type TDirectoryQuery = z.infer<typeof ZDirectoryQuery>;

export const ZDirectoryEntry = z.object({
  id: ZId,
  name: z.string(),
  nameLatin: z.string(),
  country: ZCountryCode,
  agency: ZAgency.nullable(),
  roles: z.array(ZRole),
  languages: z.array(z.string()),
  available247: z.boolean(),
});
export type TDirectoryEntry = z.infer<typeof ZDirectoryEntry>;

export const ZContactCard = ZDirectoryEntry.extend({
  email: z.string(),
  phones: z.array(z.object({ label: z.string(), number: z.string() })),
  timeZone: ZTimeZone,
});
export type TContactCard = z.infer<typeof ZContactCard>;

// ---------------------------------------------------------------- administration
export const ZInvitationCreate = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200),
  nameLatin: z.string().trim().min(1).max(200),
  country: ZCountryCode,
  agencyId: ZId.nullable().optional(),
  roles: z.array(ZRole).min(1),
});
export type TInvitationCreate = z.infer<typeof ZInvitationCreate>;
export const ZInvitationCreated = z.object({
  id: ZId,
  /** Link to send to the invitee (single use). */
  url: z.string(),
  expiresAt: z.iso.datetime(),
});

export const ZAdminUser = ZContactCard.extend({
  status: ZUserStatus,
  locked: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TAdminUser = z.infer<typeof ZAdminUser>;

/** After an admin action; `invitationUrl` is set after an MFA reset (the user enrols again from it). */
export const ZAdminActionResult = ZAdminUser.extend({ invitationUrl: z.string().optional() });
export type TAdminActionResult = z.infer<typeof ZAdminActionResult>;

export const ZAgencyCreate = z.object({ country: ZCountryCode, name: z.string().trim().min(2).max(200), type: ZAgencyType });

// ---------------------------------------------------------------- audit
export const ZAuditQuery = z.object({
  actor: ZId.optional(),
  country: ZCountryCode.optional(),
  action: z.string().max(80).optional(),
  target: z.string().max(120).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Return events with a sequence number below this one (for paging backwards). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEvent = z.object({
  /** The event's number, in the order events were recorded (also the paging cursor `before`). */
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorCountry: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** Country the event concerns (the target's country), for national admins' view. */
  country: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

/** Helper for list responses. */
export const listOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item) });
