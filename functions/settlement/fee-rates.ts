/**
 * The platform's fee rates (ADR 0061): one item (AP117) with the default, the leaf categories' rates
 * and the stores' own rates. Every rate must fit the profit-sharing cap with the largest commission
 * (`withinProfitSharingCap`, the one check). Orders snapshot the rate when placed (checkout.ts).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_COMMISSION_BPS, PROFIT_SHARING_CAP_BPS, withinProfitSharingCap, type FeeRates, type SetFeeRateInput } from '@wxshop/shared/settlement';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { UnprocessableError } from '../lib/errors';
import { FeeScheduleItem } from './items';
import { EMPTY_SCHEDULE, type FeeSchedule } from './fees';

/** The schedule from a read item (none written yet: the default rate only). */
export function scheduleOf(raw: Record<string, unknown> | undefined): FeeSchedule {
  if (!raw) return EMPTY_SCHEDULE;
  const s = FeeScheduleItem.parse(raw);
  return { defaultBps: s.defaultBps, categories: s.categories, merchants: s.merchants };
}

async function readSchedule(): Promise<FeeScheduleItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.feeSchedule(), ConsistentRead: true }));
  return out.Item ? FeeScheduleItem.parse(out.Item) : undefined;
}

const view = (s: FeeScheduleItem | undefined): FeeRates => ({
  ...(s ? { defaultBps: s.defaultBps, categories: s.categories, merchants: s.merchants } : EMPTY_SCHEDULE),
  capBps: PROFIT_SHARING_CAP_BPS,
  maxCommissionBps: MAX_COMMISSION_BPS,
  updatedAt: s?.updatedAt ?? null,
});

/** `GET /admin/fee-rates`. */
export const getFeeRates = async (): Promise<FeeRates> => view(await readSchedule());

/**
 * `POST /admin/fee-rates`: one rate set (or removed) in place, so concurrent changes of different
 * rates never overwrite each other.
 * @throws 422 for a rate that with the largest commission could pass the 30% cap
 */
export async function setFeeRate(input: SetFeeRateInput, now = new Date()): Promise<FeeRates> {
  if (input.bps !== null && !withinProfitSharingCap(input.bps))
    throw new UnprocessableError(
      `A fee of ${input.bps} basis points with a commission of up to ${MAX_COMMISSION_BPS} could pass WeChat Pay's ${PROFIT_SHARING_CAP_BPS} basis-point profit-sharing cap`,
    );
  const table = tableName();
  const at = now.toISOString();
  // the item with its maps exists first (a path inside a map needs the map)
  const empty: FeeScheduleItem = { entity: 'FeeSchedule', ...EMPTY_SCHEDULE, updatedAt: null };
  await db()
    .send(new PutCommand({ TableName: table, Item: { ...keys.feeSchedule(), ...empty }, ConditionExpression: 'attribute_not_exists(PK)' }))
    .catch((err: unknown) => {
      if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    });
  const map = input.scope === 'category' ? 'categories' : 'merchants';
  const id = (input.scope === 'category' ? input.categoryId : input.merchantId) ?? '';
  const update =
    input.scope === 'default'
      ? { UpdateExpression: 'SET defaultBps = :b, updatedAt = :at', ExpressionAttributeValues: { ':b': input.bps, ':at': at } }
      : input.bps === null
        ? {
            UpdateExpression: 'REMOVE #m.#id SET updatedAt = :at',
            ExpressionAttributeNames: { '#m': map, '#id': id },
            ExpressionAttributeValues: { ':at': at },
          }
        : {
            UpdateExpression: 'SET #m.#id = :b, updatedAt = :at',
            ExpressionAttributeNames: { '#m': map, '#id': id },
            ExpressionAttributeValues: { ':b': input.bps, ':at': at },
          };
  const out = await db().send(new UpdateCommand({ TableName: table, Key: keys.feeSchedule(), ...update, ReturnValues: 'ALL_NEW' }));
  return view(FeeScheduleItem.parse(out.Attributes));
}
