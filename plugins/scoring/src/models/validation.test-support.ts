import { isGuanxiError } from '@guanxi/core';

/** The field a GX_ERR_VALIDATION thrown by `run` names; undefined if `run` does not throw. */
export function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isGuanxiError(error, 'GX_ERR_VALIDATION')) return error.issues[0]?.path;
    throw error;
  }
  return undefined;
}
