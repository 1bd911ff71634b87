/**
 * Effect markers (ADR 0034): an idempotent handler that creates something writes, in the SAME
 * transaction as its effect, a marker naming what it created, keyed by the request's
 * `idempotencyReference`. A re-run of the request (its Idempotency-Key record left `in_progress` by a
 * host that died after the write, then taken over) reads the marker first and answers with what the
 * first run created instead of creating it again. The marker lives as long as the key can be retried.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './table';
import { keys, ttlIn } from './keys';
import type { TxItem } from './table-ops';
import { AppError } from './errors';

/** As long as the Idempotency-Key record (24 h), and a day more. */
const EFFECT_TTL_S = 48 * 3600;

export interface Effect {
  route: string;
  /** The id of what the first run created (a category, an application, an import...). */
  resultId: string;
  /** Anything else the first run's answer needs (small). */
  detail?: Record<string, string | number | boolean | null>;
  createdAt: string;
}

/** The effect a request with this reference already had, or null (always null without a reference). */
export async function priorEffect(reference: string | undefined): Promise<Effect | null> {
  if (!reference) return null;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.idempotentEffect(reference), ConsistentRead: true }));
  if (!out.Item) return null;
  const { route, resultId, detail, createdAt } = out.Item as Effect;
  return { route, resultId, ...(detail ? { detail } : {}), createdAt };
}

/** The marker to put in the effect's own transaction: it fails the transaction when the effect happened already. */
export function effectPut(reference: string, effect: Omit<Effect, 'createdAt'>, now = new Date()): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.idempotentEffect(reference), entity: 'IdempotentEffect', ...effect, createdAt: now.toISOString(), expiresAt: ttlIn(EFFECT_TTL_S) },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * For a state transition (approve, reject, put on shelf, set a status...) retried with the same
 * Idempotency-Key after a takeover: the first run's transaction carried `effectPut(reference, ...)`, so
 * a re-run finds the object already moved and is refused (409/422, or its own marker's condition). Then,
 * and only then, the marker is read: when the first run applied the transition, the re-run answers what
 * the object is now (`current`), as the first run would have, instead of the refusal. A refusal without
 * a marker (the transition really is not allowed) stays a refusal. The happy path reads nothing more.
 */
export async function answerOnce<T>(reference: string | undefined, run: () => Promise<T>, current: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!reference || !(err instanceof AppError) || (err.status !== 409 && err.status !== 422)) throw err;
    if (!(await priorEffect(reference))) throw err;
    return current();
  }
}
