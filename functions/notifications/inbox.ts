/**
 * Merchant inbox messages (AP26 `PK=MERCHANT#<mid> SK=INBOX#<ulid>`) written by the catalog's
 * notifications, in the shape of functions/merchants' inbox items (same entity, `status`, `reason`),
 * which its `list-merchant-inbox` route lists.
 * NOTE: the merchants' InboxMessage schema (shared/src/merchants.ts) must add kind `low_stock` (and pass
 * `title`, `body`, `data` through) before these messages can be listed there.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { LocalizedText } from '@wxshop/shared/i18n/languages';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { isConditionFailure } from '../lib/errors';

/** How far an outside channel (SMS, WeChat subscribe message) got for one message. */
export const Delivery = z.enum(['pending', 'sent', 'none', 'failed']);
export type Delivery = z.infer<typeof Delivery>;

export const LowStockMessageItem = z.object({
  entity: z.literal('MerchantInboxMessage'),
  id: z.string(),
  merchantId: z.string(),
  kind: z.literal('low_stock'),
  /** The store's status when posted (the merchants' inbox items carry it). */
  status: z.string(),
  reason: z.string().nullable(),
  title: LocalizedText,
  body: LocalizedText,
  data: z.record(z.string(), z.string()),
  sms: Delivery,
  wechat: Delivery,
  createdAt: z.string(),
});
export type LowStockMessageItem = z.infer<typeof LowStockMessageItem>;

/**
 * Writes a message once: its id comes from what caused it (e.g. the posting id), so a redelivered event
 * finds the message already there and gets it back (to finish any delivery still pending).
 */
export async function postOnce(message: LowStockMessageItem): Promise<{ created: boolean; message: LowStockMessageItem }> {
  const key = keys.merchantInboxMessage(message.merchantId, message.id);
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...key, ...message }, ConditionExpression: 'attribute_not_exists(PK)' }));
    return { created: true, message };
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    return { created: false, message: LowStockMessageItem.parse(out.Item) };
  }
}

/** Records how a channel's delivery ended (only from pending: a finished delivery is never redone). */
export async function markDelivery(merchantId: string, messageId: string, channel: 'sms' | 'wechat', outcome: Exclude<Delivery, 'pending'>): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.merchantInboxMessage(merchantId, messageId),
        UpdateExpression: 'SET #c = :o',
        ConditionExpression: '#c = :pending',
        ExpressionAttributeNames: { '#c': channel },
        ExpressionAttributeValues: { ':o': outcome, ':pending': 'pending' },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}
