import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { isConditionFailure } from '../lib/errors';
import { logger } from '../lib/logger';
import { businessDay } from './count-signups';

/**
 * Scheduled 00:05 Beijing time: freezes yesterday's counters into a summary item that the
 * admin figures read. Idempotent: the summary is written once per day.
 */
export const handler = async (event: { time?: string } = {}): Promise<{ day: string; written: boolean }> => {
  const now = event.time ? Date.parse(event.time) : Date.now();
  const day = businessDay(new Date(now - 86400 * 1000).toISOString());
  const signups = await db().send(new GetCommand({ TableName: tableName(), Key: keys.dailyStat(day, 'signups'), ConsistentRead: true }));
  const summary = { signups: Number(signups.Item?.total ?? 0) };
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.dailyStat(day, 'summary'), entity: 'DailySummary', day, ...summary, rolledAt: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    logger.info('daily stats rolled up', { day, ...summary });
    return { day, written: true };
  } catch (err) {
    if (isConditionFailure(err)) return { day, written: false };
    throw err;
  }
};
