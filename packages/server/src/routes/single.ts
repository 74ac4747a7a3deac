import { GuanxiError, isGuanxiError } from '@guanxi/core';

/**
 * Runs a batch-of-one core call for a single-item route, naming the issues of what it
 * throws as the body's fields: `emails.0`, not `customers.0.emails.0`.
 */
export async function single<T>(batch: string, run: () => Promise<T>): Promise<T> {
  const prefix = `${batch}.0.`;
  try {
    return await run();
  } catch (error) {
    if (!isGuanxiError(error) || !error.issues.some((i) => i.path.startsWith(prefix))) throw error;
    throw new GuanxiError(error.code, error.message.replaceAll(prefix, ''), {
      issues: error.issues.map((issue) =>
        issue.path.startsWith(prefix) ? { ...issue, path: issue.path.slice(prefix.length) } : issue,
      ),
      details: error.details,
      cause: error,
    });
  }
}
