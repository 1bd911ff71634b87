import { z } from 'zod';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { stream } from '../lib/stream';

/** The day in China Standard Time (UTC+8), the platform's business day. */
export const businessDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** What the counter needs of a new account (the rest of the User item is not read). */
const NewUser = z.object({ entity: z.literal('User'), createdAt: z.string(), signupProvider: z.string().optional() });

/**
 * Domain event UserRegistered (a new User item on the table's stream) -> daily signup counters,
 * total and per login method. Streams deliver at least once: `applyOnce` writes the AP13 marker in the
 * same transaction as the counter, so each event counts exactly once.
 */
export const handler = stream({ name: 'count-signups', events: ['INSERT'], item: NewUser }).applyOnce(async ({ item }) => {
  const provider = (item.signupProvider ?? 'unknown').replace(/[^a-z]/g, '');
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.dailyStat(businessDay(item.createdAt), 'signups'),
        UpdateExpression: 'SET entity = :e ADD #total :one, #provider :one',
        ExpressionAttributeNames: { '#total': 'total', '#provider': `by_${provider}` },
        ExpressionAttributeValues: { ':e': 'DailyStat', ':one': 1 },
      },
    },
  ];
});
