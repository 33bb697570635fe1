import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { TErrorBody, TErrorCode } from '@focal/shared';
import { AppError } from '../errors.js';

const send = (code: TErrorCode, message: string, extra: Omit<TErrorBody['error'], 'code' | 'message'> = {}): TErrorBody => ({ error: { code, message, ...extra } });

/**
 * One error shape for every failure. Known errors keep their status and code; anything else
 * becomes a 500 whose body says nothing about the internals (the log has the details).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.extra.retryAfterSeconds) reply.header('retry-after', String(error.extra.retryAfterSeconds));
      return reply.status(error.status).send(send(error.code, error.message, error.extra));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const where = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'body';
        fields[where] = issue.message ?? 'invalid';
      }
      return reply.status(400).send(send('validation_failed', 'Some fields are not valid.', { fields }));
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') return reply.status(413).send(send('payload_too_large', 'The request is too large.'));
    if (status === 415) return reply.status(415).send(send('unsupported_media_type', 'This content type is not accepted.'));
    if (status === 429) return reply.status(429).send(send('rate_limited', 'Too many requests. Wait a moment and try again.'));
    if (status >= 400 && status < 500) return reply.status(status).send(send('bad_request', 'The request could not be understood.'));
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(send('internal_error', 'Something went wrong on our side. The error was logged.'));
  });

  app.setNotFoundHandler((request, reply) => reply.status(404).send(send('not_found', 'Not found.')));
}
