/**
 * The shopper's inbox (AP84 `PK=USER#<uid> SK=INBOX#<ulid>`, unread count on `INBOX_META`) and their
 * WeChat subscribe-message consents (AP86 `SK=SUBSCRIBE#<topic>`), ADR 0049. A message's id is the id of
 * the event that caused it, so posting it again (a redelivered event) writes nothing.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { SUBSCRIBE_TOPICS, ShopperMessage, type MessageSubscriptions, type ShopperInboxPage, type SubscribeTopic } from '@wxshop/shared/inbox';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { envOr } from '../lib/config';
import { batchGet, keyString, putNew, queryPage, transact, TransactionConditionError } from '../lib/table-ops';
import { isConditionFailure } from '../lib/errors';

/**
 * How far the WeChat subscribe message of a message got: `pending` (not yet tried), `consented` (one of the
 * shopper's consents taken for it: send, and only send), `sent`, `none` (no openid, no consent, no
 * template), `failed` (WeChat refused: not retried).
 */
export const WechatDelivery = z.enum(['pending', 'consented', 'sent', 'none', 'failed']);
export type WechatDelivery = z.infer<typeof WechatDelivery>;

export const ShopperMessageItem = ShopperMessage.extend({ entity: z.literal('ShopperMessage'), userId: z.string(), wechat: WechatDelivery });
export type ShopperMessageItem = z.infer<typeof ShopperMessageItem>;

const metaUpdate = (userId: string, delta: number) => ({
  Update: {
    TableName: tableName(),
    Key: keys.shopperInboxMeta(userId),
    UpdateExpression: 'SET entity = :e ADD unread :d',
    ExpressionAttributeValues: { ':e': 'ShopperInboxMeta', ':d': delta },
  },
});

/**
 * Posts a message once (and counts it unread).
 * @returns the message as stored: the new one, or the one posted before under the same id
 */
export async function postShopperMessage(message: ShopperMessageItem): Promise<{ created: boolean; message: ShopperMessageItem }> {
  const key = keys.shopperMessage(message.userId, message.id);
  try {
    await transact([putNew({ ...key, ...message }), metaUpdate(message.userId, 1)]);
    return { created: true, message };
  } catch (err) {
    if (!(err instanceof TransactionConditionError)) throw err;
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    return { created: false, message: ShopperMessageItem.parse(out.Item) };
  }
}

/** Moves a message's WeChat delivery on from `from` (a finished delivery is never redone). @returns whether it moved */
export async function setWechatDelivery(
  userId: string,
  messageId: string,
  from: WechatDelivery,
  to: WechatDelivery,
  takeConsent?: SubscribeTopic,
): Promise<boolean> {
  const move = {
    Update: {
      TableName: tableName(),
      Key: keys.shopperMessage(userId, messageId),
      UpdateExpression: 'SET wechat = :to',
      ConditionExpression: 'wechat = :from',
      ExpressionAttributeValues: { ':to': to, ':from': from },
    },
  };
  const consent = takeConsent && {
    Update: {
      TableName: tableName(),
      Key: keys.messageConsent(userId, takeConsent),
      UpdateExpression: 'ADD remaining :minus',
      ConditionExpression: 'remaining > :zero',
      ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
    },
  };
  try {
    await transact(consent ? [move, consent] : [move]);
    return true;
  } catch (err) {
    if (err instanceof TransactionConditionError) return false;
    throw err;
  }
}

const toMessage = (raw: Record<string, unknown>) => {
  const { entity: _e, userId: _u, wechat: _w, ...m } = ShopperMessageItem.parse(raw);
  return m;
};

async function unreadOf(userId: string): Promise<number> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.shopperInboxMeta(userId), ConsistentRead: true }));
  return Math.max(0, Number(out.Item?.unread ?? 0));
}

/** AP84: the shopper's messages, newest first, and the unread count. */
export async function listShopperInbox(userId: string, q: { cursor?: string; limit?: number }): Promise<ShopperInboxPage> {
  const prefix = keys.shopperMessagesPrefix(userId);
  const [page, unread] = await Promise.all([
    queryPage(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix },
        ScanIndexForward: false,
      },
      { limit: q.limit ?? 20, cursor: q.cursor, expected: { PK: prefix.PK } },
    ),
    unreadOf(userId),
  ]);
  return { items: page.items.map(toMessage), nextCursor: page.nextCursor, unread };
}

/** Marks one message read (and counts it down) unless it is read or not the shopper's. @returns whether it changed */
async function markOne(userId: string, messageId: string): Promise<boolean> {
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: keys.shopperMessage(userId, messageId),
          UpdateExpression: 'SET #r = :t',
          ConditionExpression: 'attribute_exists(PK) AND #r = :f',
          ExpressionAttributeNames: { '#r': 'read' },
          ExpressionAttributeValues: { ':t': true, ':f': false },
        },
      },
      metaUpdate(userId, -1),
    ]);
    return true;
  } catch (err) {
    if (err instanceof TransactionConditionError) return false;
    throw err;
  }
}

/** Marks the given messages (or every unread one among the newest 500) read. */
export async function markShopperInboxRead(userId: string, input: { ids?: string[]; all?: true }): Promise<{ marked: number; unread: number }> {
  let ids = input.ids ?? [];
  if (input.all) {
    const prefix = keys.shopperMessagesPrefix(userId);
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        FilterExpression: '#r = :f',
        ExpressionAttributeNames: { '#r': 'read' },
        ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix, ':f': false },
        ConsistentRead: true,
        ScanIndexForward: false,
        Limit: 500,
      }),
    );
    ids = (out.Items ?? []).map((i) => String(i.id));
  }
  let marked = 0;
  for (const id of new Set(ids)) if (await markOne(userId, id)) marked += 1;
  return { marked, unread: await unreadOf(userId) };
}

/** The WeChat template id of each topic (config), or null when the deployment has none for it. */
export function templateIdOf(topic: SubscribeTopic): string | null {
  const id = envOr(`WECHAT_TEMPLATE_${topic.toUpperCase()}`, '');
  return id || null;
}

/** AP86: the template id of each topic and the messages still allowed. */
export async function getMessageSubscriptions(userId: string): Promise<MessageSubscriptions> {
  const found = await batchGet(
    SUBSCRIBE_TOPICS.map((t) => keys.messageConsent(userId, t)),
    true,
  );
  return {
    topics: SUBSCRIBE_TOPICS.map((topic) => ({
      topic,
      templateId: templateIdOf(topic),
      remaining: Math.max(0, Number(found.get(keyString(keys.messageConsent(userId, topic)))?.remaining ?? 0)),
    })),
  };
}

/** At most this many messages of one topic are kept allowed (WeChat's one-time consents pile up otherwise). */
const MAX_CONSENTS = 50;

/** Records the topics the shopper accepted in wx.requestSubscribeMessage (each acceptance = one message). */
export async function acceptMessageSubscriptions(userId: string, accepted: SubscribeTopic[]): Promise<MessageSubscriptions> {
  const counts = new Map<SubscribeTopic, number>();
  for (const t of accepted) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const [topic, n] of counts) {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.messageConsent(userId, topic),
          UpdateExpression: 'SET entity = :e ADD remaining :n',
          ConditionExpression: 'attribute_not_exists(remaining) OR remaining <= :cap',
          ExpressionAttributeValues: { ':e': 'MessageConsent', ':n': n, ':cap': MAX_CONSENTS - n },
        }),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }
  return getMessageSubscriptions(userId);
}
