import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../components/ErrorAlert';

/**
 * True when this browser can create and use passkeys here: the WebAuthn API exists and the page
 * is a secure context (https, or http://localhost), without which the browser refuses it.
 */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext === true && typeof window.PublicKeyCredential === 'function';
}

/** The browser could not do WebAuthn at all (thrown before any ceremony starts). */
export class PasskeysUnsupportedError extends Error {
  constructor() {
    super('WebAuthn is not available in this browser or on this address.');
    this.name = 'PasskeysUnsupportedError';
  }
}

export interface PasskeyProblem {
  /** 'calm' when the person cancelled or let the prompt time out: nothing went wrong. */
  tone: 'calm' | 'error';
  message: string;
}

/**
 * What to tell the person after a failed passkey attempt. Browser errors are named after the
 * WebAuthn spec (simplewebauthn keeps the DOMException's name): NotAllowedError is what every
 * browser raises when the prompt is cancelled or times out.
 */
export function describePasskeyProblem(t: TFunction, error: unknown, ceremony: 'register' | 'login'): PasskeyProblem {
  if (error instanceof ApiError) {
    if (error.code === 'mfa_code_invalid') {
      return { tone: 'error', message: t(ceremony === 'register' ? 'passkey.errors.registrationRefused' : 'passkey.errors.loginRefused') };
    }
    return { tone: 'error', message: errorMessage(t, error) };
  }
  if (error instanceof PasskeysUnsupportedError) return { tone: 'error', message: t('passkey.errors.unsupported') };
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'AbortError':
      return { tone: 'calm', message: t(ceremony === 'register' ? 'passkey.errors.cancelledRegistration' : 'passkey.errors.cancelledLogin') };
    case 'InvalidStateError':
      return { tone: 'error', message: t('passkey.errors.alreadyRegistered') };
    case 'SecurityError':
      return { tone: 'error', message: t('passkey.errors.wrongAddress') };
    case 'NotSupportedError':
    case 'ConstraintError':
      return { tone: 'error', message: t('passkey.errors.noSuitableAuthenticator') };
    default:
      return { tone: 'error', message: t('errors.unknown_error') };
  }
}

