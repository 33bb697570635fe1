import type { FastifyRequest } from 'fastify';

/** Paths pino blanks out wherever they appear in a log line. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.recoveryCode',
  '*.token',
  '*.secret',
];

/** Activation links carry their secret in the path, certificate checks their code: never log them. */
export const redactUrl = (url: string) => url.replace(/\/(activate|activation|verify|api\/public\/certificates)\/[^/?#]+/g, '/$1/[redacted]');

export const requestSerializer = (request: FastifyRequest) => ({
  method: request.method,
  url: redactUrl(request.url),
  ip: request.ip,
});
