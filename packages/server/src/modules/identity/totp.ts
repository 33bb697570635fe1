import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

const totpFor = (secretBase32: string, label = 'Focal') =>
  new TOTP({ issuer: 'Focal', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });

/** A fresh TOTP secret with its otpauth:// URI and a QR code (SVG) for authenticator apps. */
export async function createTotpEnrolment(accountLabel: string) {
  const secret = new Secret({ size: 20 }).base32;
  const uri = totpFor(secret, accountLabel).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/**
 * Checks a code with one step of clock drift either way and returns its time step, or null.
 * The caller refuses a step at or before the last one used, so a code cannot be replayed.
 */
export function matchTotpStep(secretBase32: string, code: string, lastUsedStep: number, now = Date.now()): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  return step > lastUsedStep ? step : null;
}
