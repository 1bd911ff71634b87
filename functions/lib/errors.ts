import type { ErrorCode } from '@wxshop/shared/errors';

/** The one error family of the API. Handlers and services throw these; `http()` maps them. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly extra: { fields?: Record<string, string>; retryAfter?: number; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, fields?: Record<string, string>, code: ErrorCode = 'bad_request') {
    super(code, 400, message, { fields });
  }
}

export class ValidationError extends AppError {
  constructor(fields: Record<string, string>) {
    super('validation_failed', 400, 'The request is not valid: see fields', { fields });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(
    code: 'unauthenticated' | 'token_expired' | 'token_invalid' | 'invalid_credentials' | 'external_login_failed' = 'unauthenticated',
    message = 'Sign in first',
  ) {
    super(code, 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission for this') {
    super('forbidden', 403, message);
  }
}

/** A missing item, or one the caller may not know exists (another merchant's). */
export class NotFoundError extends AppError {
  constructor(what = 'resource') {
    super('not_found', 404, `No such ${what}`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code: ErrorCode = 'conflict') {
    super(code, 409, message);
  }
}

export class UnprocessableError extends AppError {
  constructor(message: string, code: ErrorCode = 'unprocessable') {
    super(code, 422, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfter: number, code: ErrorCode = 'rate_limited', message = 'Too many requests: try again later') {
    super(code, 429, message, { retryAfter, headers: { 'Retry-After': String(retryAfter) } });
  }
}

/** True when a DynamoDB write failed its condition (or a transaction did because of one). */
export function isConditionFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'ConditionalCheckFailedException') return true;
  if (err.name === 'TransactionCanceledException') {
    const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** The index of the transaction items whose condition failed. */
export function failedConditionIndexes(err: unknown): number[] {
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}
