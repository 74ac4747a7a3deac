/** One problem with one input field, addressed by its path (`orders.3.amount`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export type ErrorCode =
  | 'GX_ERR_VALIDATION'
  | 'GX_ERR_NOT_FOUND'
  | 'GX_ERR_FORBIDDEN'
  | 'GX_ERR_CONFLICT'
  | 'GX_ERR_TRANSITION_VETOED'
  | 'GX_ERR_HOOK_UNKNOWN'
  | 'GX_ERR_HOOK_EXPIRED'
  | 'GX_ERR_READ_ONLY'
  | 'GX_ERR_PLUGIN_UNKNOWN'
  | 'GX_ERR_PLUGIN_INVALID'
  | 'GX_ERR_PLUGIN_DUPLICATE'
  | 'GX_ERR_PLUGIN_DEPENDENCY'
  | 'GX_ERR_PLUGIN_DISABLED'
  | 'GX_ERR_SERVICE_UNKNOWN'
  | 'GX_ERR_JOB_UNKNOWN'
  | 'GX_ERR_JOB_RUNNING'
  | 'GX_ERR_MIGRATION';

export interface GuanxiErrorOptions {
  readonly issues?: readonly FieldIssue[];
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** Every error the core throws on purpose: a code to branch on, a message a person can act on. */
export class GuanxiError extends Error {
  override readonly name = 'GuanxiError';
  readonly code: ErrorCode;
  readonly issues: readonly FieldIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: GuanxiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }
}

export function isGuanxiError(error: unknown, code?: ErrorCode): error is GuanxiError {
  return error instanceof GuanxiError && (code === undefined || error.code === code);
}

export function validationError(issues: readonly FieldIssue[]): GuanxiError {
  const summary = issues
    .slice(0, 3)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return new GuanxiError('GX_ERR_VALIDATION', `Invalid input: ${summary}${more}`, { issues });
}

export function notFound(entity: string, field: string, value: unknown): GuanxiError {
  return new GuanxiError('GX_ERR_NOT_FOUND', `No ${entity} with ${field} ${String(value)}`, {
    issues: [{ path: field, message: `no ${entity} with this ${field}` }],
  });
}
