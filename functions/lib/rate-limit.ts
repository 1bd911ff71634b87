import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './table';
import { keys } from './keys';
import { RateLimitedError } from './errors';

export interface RateRule {
  /** What is limited, e.g. `login-sms:ip`. */
  bucket: string;
  /** Who is limited: an IP, a user id, a phone. */
  subject: string;
  limit: number;
  /** Window length in seconds (fixed windows). */
  per: number;
}

/**
 * Counts one hit in the current fixed window (one atomic UpdateItem) and throws 429 past the limit.
 * NOTE: counters are operational data with a TTL; they are the only thing a refused call writes.
 */
export async function hit(rule: RateRule, now = Date.now()): Promise<void> {
  const nowS = Math.floor(now / 1000);
  const windowStart = nowS - (nowS % rule.per);
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.rateWindow(rule.bucket, rule.subject, windowStart),
      UpdateExpression: 'ADD hits :one SET expiresAt = :exp, entity = :entity',
      ExpressionAttributeValues: { ':one': 1, ':exp': windowStart + rule.per + 60, ':entity': 'RateWindow' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const hits = Number(out.Attributes?.hits ?? 0);
  if (hits > rule.limit) throw new RateLimitedError(windowStart + rule.per - nowS);
}
