import { createHmac } from 'node:crypto';
import { secretKey } from '@guanxi/core';

/**
 * Standard Webhooks' symmetric signature: `v1,` and the base64 HMAC-SHA256 of
 * `<message id>.<unix seconds>.<body>`, keyed by the bytes the `whsec_` secret encodes.
 * Receivers check it with the Standard Webhooks libraries, which also refuse stale timestamps.
 */
export function sign(secret: string, messageId: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret))
    .update(`${messageId}.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The `webhook-signature` header: one signature per secret, space-separated. */
export function signatureHeader(
  secrets: readonly string[],
  messageId: string,
  timestamp: number,
  body: string,
): string {
  return secrets.map((secret) => sign(secret, messageId, timestamp, body)).join(' ');
}
