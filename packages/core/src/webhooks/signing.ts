import { randomBytes } from 'node:crypto';

/** Standard Webhooks' mark of a symmetric signing secret. */
export const SECRET_PREFIX = 'whsec_';

/** How long a rotated-out secret still signs deliveries beside the new one. */
export const ROTATION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A fresh signing secret: `whsec_` and the standard base64 of 24 random bytes. */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

/** The HMAC-SHA256 key a secret names: the bytes its base64 text encodes. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

/** A message id for the `webhook-id` header: the same for every attempt and resend of it. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}
