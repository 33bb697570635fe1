import type { TErrorCode } from '@focal/shared';

/** An error the client may see: a status, a stable code and a safe message. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: number,
    readonly code: TErrorCode,
    message: string,
    readonly extra: { fields?: Record<string, string>; retryAfterSeconds?: number; hint?: string; hintLanguage?: string } = {},
  ) {
    super(message);
  }
}

/** What a caller sees for a record that does not exist or that they may not see. */
export const notFound = () => new AppError(404, 'not_found', 'Not found.');
export const badRequest = (code: TErrorCode, message: string, fields?: Record<string, string>) =>
  new AppError(400, code, message, fields ? { fields } : {});
export const conflict = (code: TErrorCode, message: string) => new AppError(409, code, message);
