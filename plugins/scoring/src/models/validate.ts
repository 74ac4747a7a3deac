import { validationError } from '@guanxi/core';

/** Throws GX_ERR_VALIDATION naming `path`. */
export function invalid(path: string, message: string): never {
  throw validationError([{ path, message }]);
}

/** `value` if it is a finite number greater than 0. */
export function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    invalid(path, 'must be a finite number greater than 0');
  }
  return value;
}

/** `value` if it is a finite number of at least 0. */
export function nonNegative(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    invalid(path, 'must be a finite number of at least 0');
  }
  return value;
}

/** `value` if it is a whole number of at least 0. */
export function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    invalid(path, 'must be a whole number of at least 0');
  }
  return value;
}
