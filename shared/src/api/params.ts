import { z } from 'zod';

/**
 * Schemas that more than one area's routes use (path parameters, the bare `{ ok: true }` answer).
 * They live here, not in a route file, so that no route file imports another: a function bundles
 * its own area's routes and nothing else.
 */

/** A merchant id (a ULID). */
export const MerchantId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a merchant id');

/** `/merchants/{merchantId}/...` */
export const MerchantParams = z.object({ merchantId: MerchantId }).strict();

/** The answer of a command that has nothing to return. */
export const Ok = z.object({ ok: z.literal(true) });
