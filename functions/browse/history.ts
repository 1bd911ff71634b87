import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_HISTORY, type SavedProductPage } from '@wxshop/shared/api/browse';
import type { Language } from '@wxshop/shared/i18n/languages';
import { db, tableName } from '../lib/table';
import { keys, ttlIn } from '../lib/keys';
import { NotFoundError } from '../lib/errors';
import { ProductViewItem } from './items';
import { savedPage } from './saved';
import { batchWrite, queryAll } from '../lib/table-ops';

/** Views past the cap before the oldest are trimmed (trimming is a read and a batch delete: not on every view). */
const TRIM_SLACK = 20;
/** A view is forgotten after 180 days (TTL; the list reads at most the newest MAX_HISTORY anyway). */
const VIEW_TTL_S = 180 * 24 * 3600;

/** AP53: every view of a user. */
async function viewsOf(userId: string): Promise<ProductViewItem[]> {
  const p = keys.productViewsPrefix(userId);
  const items = await queryAll(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)', ExpressionAttributeValues: { ':pk': p.PK, ':prefix': p.SKPrefix } },
    MAX_HISTORY * 5,
  );
  return items.map((i) => ProductViewItem.parse(i));
}

const newestFirst = (a: ProductViewItem, b: ProductViewItem) => (a.viewedAt < b.viewedAt ? 1 : a.viewedAt > b.viewedAt ? -1 : 0);

/** Keeps the newest MAX_HISTORY views and resets the count to what is left. */
async function trim(userId: string): Promise<void> {
  const views = (await viewsOf(userId)).sort(newestFirst);
  const drop = views.slice(MAX_HISTORY);
  await batchWrite(
    [],
    drop.map((v) => keys.productView(userId, v.productId)),
  );
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.productViewCount(userId),
      UpdateExpression: 'SET entity = :e, #count = :n',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':e': 'HistoryCount', ':n': views.length - drop.length },
    }),
  );
}

/**
 * Records that a signed-in shopper viewed a product: one item per product, its `viewedAt` moved
 * forward on every view (so the list has no duplicates). A new product in the history increments the
 * count; past the cap plus some slack the oldest views are trimmed.
 */
export async function recordView(userId: string, productId: string, now = new Date()): Promise<void> {
  const state = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productIndexState(productId) }));
  if (!state.Item) throw new NotFoundError('product');
  const item: ProductViewItem = { entity: 'ProductView', userId, productId, viewedAt: now.toISOString() };
  const put = await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.productView(userId, productId), ...item, expiresAt: ttlIn(VIEW_TTL_S, now.getTime()) },
      ReturnValues: 'ALL_OLD',
    }),
  );
  if (put.Attributes) return;
  const counted = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.productViewCount(userId),
      UpdateExpression: 'SET entity = :e ADD #count :one',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':e': 'HistoryCount', ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  if (Number(counted.Attributes?.count ?? 0) > MAX_HISTORY + TRIM_SLACK) await trim(userId);
}

/** My viewed products, newest first: the latest MAX_HISTORY, with current cards. */
export async function listHistory(userId: string, opts: { cursor?: string; limit?: number; lang: Language }): Promise<SavedProductPage> {
  const views = (await viewsOf(userId)).sort(newestFirst).slice(0, MAX_HISTORY);
  return savedPage(
    views.map((v) => ({ productId: v.productId, at: v.viewedAt })),
    { cursor: opts.cursor, limit: opts.limit ?? 20, lang: opts.lang },
  );
}

/** Forgets every view of a user; returns how many were removed. */
export async function clearHistory(userId: string): Promise<number> {
  const views = await viewsOf(userId);
  await batchWrite([], [...views.map((v) => keys.productView(userId, v.productId)), keys.productViewCount(userId)]);
  return views.length;
}
