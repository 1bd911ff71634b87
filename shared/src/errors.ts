import { z } from 'zod';

/** Every error code the API can answer with. The mini-program switches on these, never on messages. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'token_expired',
  'token_invalid',
  'forbidden',
  'not_found',
  'conflict',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'unprocessable',
  'rate_limited',
  'sms_code_invalid',
  'sms_code_expired',
  'sms_code_attempts_exceeded',
  'invalid_credentials',
  'account_locked',
  'identity_already_bound',
  'external_login_failed',
  'upstream_unavailable',
  'cart_full',
  'not_on_sale',
  'insufficient_stock',
  'address_book_full',
  'unknown_region',
  'price_changed',
  'cannot_checkout',
  'invalid_transition',
  'checkout_not_payable',
  'wechat_payer_unknown',
  'alipay_payer_unknown',
  'insufficient_points',
  'points_cap_reached',
  'view_not_finished',
  'view_already_completed',
  'view_expired',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const ErrorCode = z.enum(ERROR_CODES);

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    requestId: z.string(),
    /** Field path -> message, for validation errors. */
    fields: z.record(z.string(), z.string()).optional(),
    /** Seconds until a rate-limited call may be retried. */
    retryAfter: z.number().int().optional(),
    /** Data the client needs to recover, e.g. the new checkout preview with a 409 `price_changed`. */
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
