import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Language } from '@wxshop/shared/i18n/languages';
import type { ProductCard } from '@wxshop/shared/catalog';
import type { ProductPage } from '@wxshop/shared/api/browse';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { BadRequestError } from '../lib/errors';
import { IndexStateItem, ListingItem } from './items';
import type { BrowseFilters, SearchSort } from './ranking';
import type { ListingSort } from './indexer';
import { toProductCard } from './cards';
import { decodeCursor, encodeCursor } from './cursor';
import { batchGet, keyString } from '../lib/table-ops';

export const DEFAULT_PAGE = 20;
/** Queries one page may take when filters drop most entries; past this the page is returned short, with a cursor. */
const MAX_QUERIES_PER_PAGE = 5;
const MAX_RANK = '999999999999';

/** How a shopper sort reads a listing: relevance (no keywords) is best-selling first. */
export function listingSortOf(sort: SearchSort): { sort: ListingSort; descending: boolean } {
  switch (sort) {
    case 'relevance':
    case 'sales':
      return { sort: 'SALES', descending: true };
    case 'newest':
      return { sort: 'NEW', descending: true };
    case 'price_asc':
      return { sort: 'PRICE', descending: false };
    case 'price_desc':
      return { sort: 'PRICE', descending: true };
  }
}

/** The partition and sort-key prefix a list reads: a category (AP51), else a store (AP51), else everything (AP54). */
export function listingSource(f: BrowseFilters, sort: ListingSort): { PK: string; SKPrefix: string; filterMerchant: boolean } {
  if (f.categoryId) return { ...keys.categoryListingPrefix(f.categoryId, sort), filterMerchant: f.merchantId !== undefined };
  if (f.merchantId) return { ...keys.storeListingPrefix(f.merchantId, sort), filterMerchant: false };
  return { ...keys.homeFeedPrefix(sort), filterMerchant: false };
}

const ListCursor = z.object({ s: z.string().min(1).max(400) }).strict();
const pad = (n: number) => String(n).padStart(12, '0');

export interface ListInput extends BrowseFilters {
  sort?: SearchSort;
  cursor?: string;
  limit?: number;
}

/**
 * Products on sale from a listing (AP51/AP54), sorted by the sort key itself: a price range on a
 * price sort is a key condition; other filters are filter expressions, read a few queries deep.
 */
export async function listProducts(input: ListInput, lang: Language): Promise<ProductPage> {
  const limit = input.limit ?? DEFAULT_PAGE;
  const { sort, descending } = listingSortOf(input.sort ?? 'relevance');
  const source = listingSource(input, sort);
  const values: Record<string, unknown> = { ':pk': source.PK };
  const names: Record<string, string> = {};
  let keyCondition = 'PK = :pk';
  let lo = source.SKPrefix;
  let hi = `${source.SKPrefix}~`;
  const filters: string[] = [];
  if (sort === 'PRICE' && (input.minPrice !== undefined || input.maxPrice !== undefined)) {
    lo = `${source.SKPrefix}${pad(input.minPrice ?? 0)}`;
    hi = `${source.SKPrefix}${input.maxPrice === undefined ? MAX_RANK : pad(input.maxPrice)}#~`;
    keyCondition += ' AND SK BETWEEN :lo AND :hi';
    Object.assign(values, { ':lo': lo, ':hi': hi });
  } else {
    if (source.SKPrefix) {
      keyCondition += ' AND begins_with(SK, :prefix)';
      values[':prefix'] = source.SKPrefix;
    }
    if (input.minPrice !== undefined) {
      filters.push('priceAmount >= :minPrice');
      values[':minPrice'] = input.minPrice;
    }
    if (input.maxPrice !== undefined) {
      filters.push('priceAmount <= :maxPrice');
      values[':maxPrice'] = input.maxPrice;
    }
  }
  if (source.filterMerchant) {
    filters.push('merchantId = :mid');
    values[':mid'] = input.merchantId;
  }
  if (input.inStock) {
    filters.push('#inStock = :true');
    names['#inStock'] = 'inStock';
    values[':true'] = true;
  }
  const cursor = decodeCursor(input.cursor, ListCursor);
  if (cursor && !(cursor.s >= lo && cursor.s <= hi))
    throw new BadRequestError('The cursor is not valid: start again without it', { 'query.cursor': 'not a cursor of this list' });

  const query: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'> = {
    TableName: tableName(),
    KeyConditionExpression: keyCondition,
    ExpressionAttributeValues: values,
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ScanIndexForward: !descending,
  };
  const found: { sk: string; item: ListingItem }[] = [];
  let start: Record<string, unknown> | undefined = cursor ? { PK: source.PK, SK: cursor.s } : undefined;
  let more = false;
  for (let i = 0; i < MAX_QUERIES_PER_PAGE; i += 1) {
    const out = await db().send(new QueryCommand({ ...query, ExclusiveStartKey: start, Limit: filters.length ? Math.max(limit * 3, 30) : limit + 1 }));
    for (const raw of out.Items ?? []) found.push({ sk: String(raw.SK), item: ListingItem.parse(raw) });
    start = out.LastEvaluatedKey;
    more = Boolean(start);
    if (found.length > limit || !start) break;
  }
  const page = found.slice(0, limit);
  const hasNext = found.length > limit || more;
  return {
    items: page.map((f) => toProductCard(f.item.card, lang)),
    nextCursor: hasNext && page.length > 0 ? encodeCursor({ s: page[page.length - 1]!.sk }) : hasNext && start ? encodeCursor({ s: String(start.SK) }) : null,
  };
}

/** Cards of the given products that are on sale, in the given order (store layout blocks). One BatchGet. */
export async function cardsOf(productIds: string[], lang: Language): Promise<ProductCard[]> {
  const stateKeys = productIds.map((id) => keys.productIndexState(id));
  const found = await batchGet(stateKeys);
  return stateKeys.flatMap((k) => {
    const raw = found.get(keyString(k));
    if (!raw) return [];
    const state = IndexStateItem.parse(raw);
    return state.listed && state.card ? [toProductCard(state.card, lang)] : [];
  });
}
