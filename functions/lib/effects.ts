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
