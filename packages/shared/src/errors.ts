/**
 * Stable, machine-readable error codes. The web client translates them; clients may rely on
 * them. Never rename one: add a new code instead.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'not_found',
  'csrf_failed',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'conflict',
  'internal_error',
  'setup_token_invalid',
  'setup_already_done',
  'invitation_invalid',
  'password_too_short',
  'password_too_weak',
  'password_incorrect',
  'invalid_credentials',
  'account_locked',
  'mfa_required',
  'mfa_code_invalid',
  'mfa_enrolment_expired',
  'email_taken',
  'country_not_allowed',
  'role_not_allowed',
  'session_expired',
  'token_scope_denied',
  'last_mfa_method',
  'recipient_invalid',
  'no_recipients',
  'message_empty',
  'conditions_required',
  'attachment_too_large',
  'message_too_large',
  'not_withdrawable',
  'consent_decided',
  'forward_conditions_fixed',
  'not_owner',
  'already_decided',
  'statement_invalid',
  'statement_too_large',
  'meeting_cancelled',
  'invitee_not_allowed',
  'nomination_closed',
  'nominee_not_allowed',
  'already_nominated',
  'capacity_below_seats',
  'training_not_started',
  'evaluation_already_submitted',
  'certificate_revoked',
  'workshop_cancelled',
] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error response. */
export interface TErrorBody {
  error: {
    /** Stable machine-readable code. */
    code: TErrorCode;
    /** A human-readable English message; the UI shows its own translation of `code`. */
    message: string;
    /** Field-level problems for `validation_failed`: path → message. */
    fields?: Record<string, string>;
    /** Seconds to wait before retrying, for `rate_limited` and `account_locked`. */
    retryAfterSeconds?: number;
    /** Specific advice, already in the user's language (e.g. how to strengthen a password). */
    hint?: string;
    /** The language of `hint` (en, fr, es, ar). */
    hintLanguage?: string;
  };
}
