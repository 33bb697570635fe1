import { ApiError, csrfHeaderValue, toApiError } from './client';

/** A file on its way to the server: its answer, and a way to cancel it. */
export interface Upload<T> {
  promise: Promise<T>;
  abort: () => void;
}

/**
 * Sends a file as the raw request body with XMLHttpRequest (fetch cannot report upload
 * progress), reporting progress from 0 to 1; retries once if the CSRF token rotated meanwhile.
 * Errors are the same ApiError the rest of the client throws.
 */
export function uploadFile<T>(url: string, file: Blob, contentType: string, onProgress: (fraction: number) => void): Upload<T> {
  let current: XMLHttpRequest | null = null;
  let aborted = false;

  const attempt = (token: string | null) =>
    new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      current = xhr;
      xhr.open('POST', url);
      xhr.withCredentials = true;
      xhr.setRequestHeader('content-type', contentType);
      xhr.setRequestHeader('accept', 'application/json');
      if (token) xhr.setRequestHeader('x-csrf-token', token);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(xhr.responseText) as T);
          } catch {
            reject(new ApiError('unknown_error', 'Unreadable answer', xhr.status));
          }
          return;
        }
        const headers = new Headers();
        const retryAfter = xhr.getResponseHeader('retry-after');
        if (retryAfter) headers.set('retry-after', retryAfter);
        void toApiError(new Response(xhr.responseText || null, { status: xhr.status, statusText: xhr.statusText, headers })).then(reject, reject);
      };
      xhr.onerror = () => reject(new ApiError('network_error', 'The server could not be reached.', 0));
      xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
      xhr.send(file);
    });

  const promise = (async () => {
    try {
      return await attempt(await csrfHeaderValue());
    } catch (error) {
      if (aborted || !(error instanceof ApiError) || error.code !== 'csrf_failed') throw error;
      onProgress(0);
      return attempt(await csrfHeaderValue(true));
    }
  })();
  return {
    promise,
    abort: () => {
      aborted = true;
      (current as XMLHttpRequest | null)?.abort();
    },
  };
}
