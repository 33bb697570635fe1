import type { TErrorBody, TErrorCode } from '@focal/shared';

/** An error answered by the server (or a network failure), carrying a stable code to translate. */
export class ApiError extends Error {
  readonly code: TErrorCode | 'network_error' | 'unknown_error';
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Specific advice from the server, already in the user's language, and that language. */
  hint: string | undefined;
  hintLanguage: string | undefined;

  constructor(
    code: ApiError['code'],
    message: string,
    status: number,
    fields?: Record<string, string>,
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;

/** Remember the CSRF token that `GET /api/auth/session` returned. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for a request made outside `apiRequest` (e.g. an upload with progress). */
export async function csrfHeaderValue(refresh = false): Promise<string | null> {
  if (refresh || !csrfToken) await refreshCsrfToken();
  return csrfToken;
}

async function refreshCsrfToken(): Promise<void> {
  const res = await fetch('/api/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.ok) {
    const body = (await res.json()) as { csrfToken?: string };
    csrfToken = body.csrfToken ?? null;
  }
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<TErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<TErrorBody>;
  } catch {
    body = null;
  }
  const error = body?.error;
  const retryHeader = Number(res.headers.get('retry-after'));
  const retryAfter = error?.retryAfterSeconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined);
  if (error?.code) {
    const apiError = new ApiError(error.code, error.message ?? error.code, res.status, error.fields, retryAfter);
    apiError.hint = error.hint;
    apiError.hintLanguage = error.hintLanguage;
    return apiError;
  }
  const fallback: ApiError['code'] =
    res.status === 404 ? 'not_found' : res.status === 401 ? 'unauthenticated' : res.status === 429 ? 'rate_limited' : 'unknown_error';
  return new ApiError(fallback, res.statusText || fallback, res.status, undefined, retryAfter);
}

export interface RequestOptions {
  /** Query-string parameters; empty and undefined values are left out. */
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

/** Build a URL with a query string, dropping empty values. */
export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Call the Focal API. Sends JSON, the CSRF header on unsafe methods and the session cookie;
 * throws an ApiError with the server's code when the answer is not 2xx.
 */
export async function apiRequest<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const upper = method.toUpperCase();
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE.has(upper)) {
      if (!csrfToken) await refreshCsrfToken();
      if (csrfToken) headers['x-csrf-token'] = csrfToken;
    }
    try {
      return await fetch(withQuery(path, options.query), {
        method: upper,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: options.signal,
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError('network_error', 'The server could not be reached.', 0);
    }
  };

  let res = await send();
  if (res.status === 403 && UNSAFE.has(upper)) {
    const err = await toApiError(res.clone());
    if (err.code === 'csrf_failed') {
      // The token may have rotated (new session after sign-in): fetch it again and retry once.
      await refreshCsrfToken();
      res = await send();
    }
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => apiRequest<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => apiRequest<T>('PUT', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, undefined, options),
};
