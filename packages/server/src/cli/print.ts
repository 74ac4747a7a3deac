import { isGuanxiError } from '@guanxi/core';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `error GX_ERR_…: message` and one line per field issue, on stderr. */
export function printError(error: unknown): void {
  if (isGuanxiError(error)) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
    for (const issue of error.issues) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
    return;
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
}
