import path from 'node:path';
import { z } from 'zod';

const durationMinutes = z.coerce.number().int().positive();
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * Every setting the server reads from the environment, parsed once at start. The README's
 * configuration table lists the same variables with the same defaults.
 */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  FOCAL_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  FOCAL_MASTER_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes encoded in base64')
    .optional(),
  FOCAL_PUBLIC_URL: z.url().optional(),
  FOCAL_SESSION_IDLE_MINUTES: durationMinutes.default(30),
  FOCAL_SESSION_ABSOLUTE_MINUTES: durationMinutes.default(12 * 60),
  FOCAL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FOCAL_TRUST_PROXY: flag.default(false),
  FOCAL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  FOCAL_LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(100).default(5),
  FOCAL_LOGIN_LOCK_MINUTES: durationMinutes.default(15),
  FOCAL_WEBAUTHN_RP_ID: z.string().optional(),
  FOCAL_INVITATION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(72),
  FOCAL_ATTACHMENT_MAX_MB: z.coerce.number().positive().max(10_000).default(50),
  FOCAL_MESSAGE_MAX_MB: z.coerce.number().positive().max(100_000).default(200),
  FOCAL_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  FOCAL_SMTP_FROM: z.string().min(3).default('Focal <no-reply@focal.invalid>'),
  FOCAL_ACK_REMINDER_MINUTES: durationMinutes.default(60),
  FOCAL_DEADLINE_URGENT_DIRECT_HOURS: z.coerce.number().positive().max(744).default(8),
  FOCAL_DEADLINE_URGENT_INDIRECT_DAYS: z.coerce.number().int().min(1).max(366).default(3),
  FOCAL_BASE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD')
    .default('USD'),
  FOCAL_DOCUMENT_MAX_MB: z.coerce.number().positive().max(100_000).default(200),
  FOCAL_DEADLINE_STANDARD_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  FOCAL_ACTION_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(2),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  masterKey: Buffer | undefined;
  /** Base URL used in links we print or send (setup, invitations). */
  publicUrl: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  logLevel: z.infer<typeof ZEnv>['FOCAL_LOG_LEVEL'];
  trustProxy: boolean;
  rateLimitPerMinute: number;
  loginMaxFailures: number;
  loginLockMs: number;
  /** Cookies get `Secure` when the public URL is HTTPS. */
  secureCookies: boolean;
  webauthnRpId: string;
  /** How long an invitation link stays valid. */
  invitationTtlMs: number;
  attachmentMaxBytes: number;
  messageMaxBytes: number;
  /** SMTP relay for email notices (none: no email is sent). Holds credentials: never log it. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Interval between reminders to acknowledge an urgent message (immediate: a quarter of it). */
  ackReminderMs: number;
  /** Deadlines of requests for assistance (EU Directive 2023/977 art. 5 by default). */
  deadlines: { urgentDirectHours: number; urgentIndirectDays: number; standardDays: number };
  /** Currency that case and portfolio totals are converted to, with the operator's rates. */
  baseCurrency: string;
  documentMaxBytes: number;
  /** Days before an action item's due date (on its owner's clock) when the owner is reminded. */
  actionReminderDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment. Throws ConfigError listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const displayHost = e.HOST === '0.0.0.0' || e.HOST === '::' || e.HOST === '127.0.0.1' ? 'localhost' : e.HOST;
  const publicUrl = (e.FOCAL_PUBLIC_URL ?? `http://${displayHost}:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.FOCAL_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    masterKey: e.FOCAL_MASTER_KEY ? Buffer.from(e.FOCAL_MASTER_KEY, 'base64') : undefined,
    publicUrl,
    sessionIdleMs: e.FOCAL_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.FOCAL_SESSION_ABSOLUTE_MINUTES * 60_000,
    logLevel: e.FOCAL_LOG_LEVEL,
    trustProxy: e.FOCAL_TRUST_PROXY,
    rateLimitPerMinute: e.FOCAL_RATE_LIMIT_PER_MINUTE,
    loginMaxFailures: e.FOCAL_LOGIN_MAX_FAILURES,
    loginLockMs: e.FOCAL_LOGIN_LOCK_MINUTES * 60_000,
    secureCookies: publicUrl.startsWith('https://'),
    webauthnRpId: e.FOCAL_WEBAUTHN_RP_ID ?? new URL(publicUrl).hostname,
    invitationTtlMs: Math.round(e.FOCAL_INVITATION_TTL_HOURS * 3600_000),
    attachmentMaxBytes: Math.round(e.FOCAL_ATTACHMENT_MAX_MB * 1024 * 1024),
    messageMaxBytes: Math.round(e.FOCAL_MESSAGE_MAX_MB * 1024 * 1024),
    smtpUrl: e.FOCAL_SMTP_URL,
    smtpFrom: e.FOCAL_SMTP_FROM,
    ackReminderMs: e.FOCAL_ACK_REMINDER_MINUTES * 60_000,
    baseCurrency: e.FOCAL_BASE_CURRENCY,
    documentMaxBytes: Math.round(e.FOCAL_DOCUMENT_MAX_MB * 1024 * 1024),
    actionReminderDays: e.FOCAL_ACTION_REMINDER_DAYS,
    deadlines: { urgentDirectHours: e.FOCAL_DEADLINE_URGENT_DIRECT_HOURS, urgentIndirectDays: e.FOCAL_DEADLINE_URGENT_INDIRECT_DAYS, standardDays: e.FOCAL_DEADLINE_STANDARD_DAYS },
  };
}
