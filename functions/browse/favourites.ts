import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_FAVOURITES, type FavouriteState, type SavedProductPage } from '@wxshop/shared/api/browse';
import type { Language } from '@wxshop/shared/i18n/languages';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { NotFoundError, UnprocessableError, failedConditionIndexes } from '../lib/errors';
import { FavouriteItem, IndexStateItem } from './items';
import { savedPage } from './saved';
import { queryAll } from '../lib/table-ops';

/**
 * Favourites a product on sale. One transaction: the favourite (only if absent) and the user's count
 * (only below the cap). Already a favourite: nothing changes and the answer is the same (idempotent).
 */
export async function addFavourite(userId: string, productId: string): Promise<FavouriteState> {
  const state = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productIndexState(productId) }));
  if (!state.Item || !IndexStateItem.parse(state.Item).listed) throw new NotFoundError('product');
  const item: FavouriteItem = { entity: 'Favourite', userId, productId, createdAt: new Date().toISOString() };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...keys.favourite(userId, productId), ...item }, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: tableName(),
              Key: keys.favouriteCount(userId),
              UpdateExpression: 'SET entity = :e ADD #count :one',
              ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':e': 'FavouriteCount', ':one': 1, ':max': MAX_FAVOURITES },
            },
          },
        ],
      }),
    );
  } catch (err) {
    const failed = failedConditionIndexes(err);
    if (failed.includes(0)) return { productId, favourite: true };
    if (failed.includes(1)) throw new UnprocessableError(`You can keep at most ${MAX_FAVOURITES} favourites: remove some first`);
    throw err;
  }
  return { productId, favourite: true };
}

/** Removes a favourite and decrements the count in one transaction; not a favourite: nothing changes (idempotent). */
export async function removeFavourite(userId: string, productId: string): Promise<FavouriteState> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName(), Key: keys.favourite(userId, productId), ConditionExpression: 'attribute_exists(PK)' } },
          {
            Update: {
              TableName: tableName(),
              Key: keys.favouriteCount(userId),
              UpdateExpression: 'SET entity = :e ADD #count :minus',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':e': 'FavouriteCount', ':minus': -1 },
            },
          },
        ],
      }),
    );
  } catch (err) {
    if (!failedConditionIndexes(err).includes(0)) throw err;
  }
  return { productId, favourite: false };
}

/** AP52: every favourite of a user (at most MAX_FAVOURITES). */
export async function favouritesOf(userId: string): Promise<FavouriteItem[]> {
  const p = keys.favouritesPrefix(userId);
  const items = await queryAll(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)', ExpressionAttributeValues: { ':pk': p.PK, ':prefix': p.SKPrefix } },
    MAX_FAVOURITES + 50,
  );
  return items.map((i) => FavouriteItem.parse(i));
}

/** My favourites, newest first, with current cards (2 round trips: the favourites, then their cards). */
export async function listFavourites(userId: string, opts: { cursor?: string; limit?: number; lang: Language }): Promise<SavedProductPage> {
  const favourites = await favouritesOf(userId);
  return savedPage(
    favourites.map((f) => ({ productId: f.productId, at: f.createdAt })),
    { cursor: opts.cursor, limit: opts.limit ?? 20, lang: opts.lang },
  );
}
