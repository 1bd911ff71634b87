import { createHash } from 'node:crypto';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LANGUAGES, type Language } from '@wxshop/shared/i18n/languages';
import { ProductItem } from '../catalog/items';
import { getCategoryTree } from '../categories/categories';
import { db, tableName } from '../lib/table';
import { ITEM_SK, keys, type Key } from '../lib/keys';
import { isConditionFailure } from '../lib/errors';
import { IndexStateItem, type IndexedCard } from './items';
import { indexTokens } from './tokenize';
import { batchGet, batchWrite, keyFromString, keyString } from '../lib/table-ops';

/**
 * The search and listing index, derived from PRODUCT items (see docs/adr/0030-search.md).
 *
 * A product on sale (`onSale`, kept by the catalog) has:
 * - AP50 postings: one per (language, token) of its texts, each with the card;
 * - AP51 listings: under its category and each ancestor, and under its store, once per sort (SALES, NEW, PRICE);
 * - AP54 feed entries: FEED#SALES, FEED#NEW, FEED#PRICE (everything on sale);
 * - an index state item: the keys above, a hash of their content, the card and the product's stamp
 *   (`updatedAt#version`, informational: order comes from reading the current item, not from clocks).
 * A product not on sale has only its state item (card kept, `listed: false`).
 */

export const LISTING_SORTS = ['SALES', 'NEW', 'PRICE'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

/** Token weights: where a token occurs. */
export const WEIGHT = { title: 3, tag: 2, brand: 2 } as const;

const pad = (n: number): string => String(Math.max(0, Math.trunc(n))).padStart(12, '0');

/** The sort-key rank of a card for a listing sort: fixed-width so string order is numeric order. */
export function rankOf(card: Pick<IndexedCard, 'sales' | 'listedAt' | 'price'>, sort: ListingSort): string {
  if (sort === 'SALES') return pad(card.sales);
  if (sort === 'NEW') return card.listedAt;
  return pad(card.price.amount);
}

/** `<updatedAt>#<version>`: orders the states of one product. */
export const stampOf = (p: Pick<ProductItem, 'updatedAt' | 'version'>): string => `${p.updatedAt}#${String(p.version).padStart(9, '0')}`;

export function cardOf(p: ProductItem, categoryPath: string[]): IndexedCard {
  return {
    productId: p.id,
    merchantId: p.merchantId,
    categoryId: p.categoryId,
    categoryPath,
    title: p.title,
    imageKey: p.coverImageKey ?? p.imageKeys[0] ?? null,
    price: p.minPrice,
    maxPrice: p.maxPrice,
    sales: p.sales,
    inStock: p.inStock,
    tags: p.tags,
    listedAt: p.approvedAt ?? p.createdAt,
  };
}

/**
 * The (language, token, weight) postings of a product. zh-CN (the source language) holds the Chinese
 * title, the tags and the brand; each other language its own title when the merchant gave one.
 */
export function postingsOf(p: Pick<ProductItem, 'title' | 'tags' | 'brand'>): { lang: Language; token: string; weight: number }[] {
  const out = new Map<string, { lang: Language; token: string; weight: number }>();
  const add = (lang: Language, text: string, weight: number) => {
    for (const token of indexTokens(text)) {
      const k = `${lang}#${token}`;
      const prev = out.get(k);
      if (!prev || prev.weight < weight) out.set(k, { lang, token, weight });
    }
  };
  add('zh-CN', p.title['zh-CN'], WEIGHT.title);
  for (const tag of p.tags) add('zh-CN', tag, WEIGHT.tag);
  if (p.brand) add('zh-CN', p.brand, WEIGHT.brand);
  for (const lang of LANGUAGES) {
    const text = lang === 'zh-CN' ? undefined : p.title[lang];
    if (text) add(lang, text, WEIGHT.title);
  }
  return [...out.values()];
}

type Item = Record<string, unknown> & Key;

/** Every posting, listing and feed entry of a product on sale (pure). */
export function derivedItems(card: IndexedCard, p: Pick<ProductItem, 'title' | 'tags' | 'brand'>, stamp: string): Item[] {
  const pid = card.productId;
  const items: Item[] = postingsOf(p).map(({ lang, token, weight }) => ({
    ...keys.searchPosting(lang, token, pid),
    entity: 'SearchPosting',
    lang,
    token,
    weight,
    card,
    stamp,
  }));
  const listing = { card, merchantId: card.merchantId, priceAmount: card.price.amount, inStock: card.inStock, stamp };
  for (const sort of LISTING_SORTS) {
    const rank = rankOf(card, sort);
    for (const cid of card.categoryPath) items.push({ ...keys.categoryListing(cid, sort, rank, pid), entity: 'ProductListing', ...listing });
    items.push({ ...keys.storeListing(card.merchantId, sort, rank, pid), entity: 'ProductListing', ...listing });
    items.push({ ...keys.homeFeed(sort, rank, pid), entity: 'HomeFeedEntry', ...listing });
  }
  return items;
}

/** A hash of the derived items' content (not their stamps): equal hashes mean nothing to write. */
export function contentHash(items: Item[], listed: boolean, card: IndexedCard | null): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ listed, card }));
  for (const it of [...items].sort((a, b) => (keyString(a) < keyString(b) ? -1 : 1))) {
    const { stamp: _stamp, ...rest } = it;
    h.update(JSON.stringify(rest));
  }
  return h.digest('base64url');
}

// ---------------------------------------------------------------- category paths
let categoryCache: { at: number; parents: Map<string, string | null>; missing: Set<string> } | undefined;
const CATEGORY_CACHE_MS = 60_000;

async function loadParents(): Promise<Map<string, string | null>> {
  const parents = new Map<string, string | null>();
  for (const root of await getCategoryTree()) {
    parents.set(root.id, null);
    for (const branch of root.children) {
      parents.set(branch.id, root.id);
      for (const leaf of branch.children) parents.set(leaf.id, branch.id);
    }
  }
  categoryCache = { at: Date.now(), parents, missing: new Set() };
  return parents;
}

/**
 * The category and its ancestors, top level first (AP27, cached for a minute). An id the cache does
 * not know (a category created since) reloads the tree once; a category that is gone is its own path.
 */
export async function categoryPath(categoryId: string): Promise<string[]> {
  const fresh = categoryCache && Date.now() - categoryCache.at < CATEGORY_CACHE_MS;
  let parents = fresh && categoryCache ? categoryCache.parents : await loadParents();
  if (!parents.has(categoryId) && categoryCache && !categoryCache.missing.has(categoryId)) {
    parents = await loadParents();
    if (!parents.has(categoryId)) categoryCache.missing.add(categoryId);
  }
  const path: string[] = [];
  for (let id: string | null | undefined = categoryId; id && path.length < 5; id = parents.get(id)) path.unshift(id);
  return path;
}

// ---------------------------------------------------------------- reindex
export type ReindexOutcome = 'indexed' | 'delisted' | 'unchanged' | 'absent';

/** Tries before a lost race is left to the next event (each retry reads the current product again). */
const MAX_ATTEMPTS = 3;

/**
 * Brings one product's index up to date with its CURRENT item. Stream events are only a trigger: the
 * product and its index state are read (consistently, one BatchGet), so a stale, reordered or
 * redelivered event can never bring back an old title or price, and no clock is trusted to order them.
 *
 * Primary course: 1. read product + state; 2. derive the items the product should have now; 3. same
 * content hash as the state -> nothing to write; 4. put the new items, delete the state's keys that
 * are no longer derived; 5. write the state on condition that it is still the one read (optimistic
 * concurrency: a reindex running at the same time). If another writer got there first, our items may
 * have overwritten some of its newer ones: read again and rewrite everything.
 */
export async function reindexProduct(productId: string, force = false, attempt = 1): Promise<ReindexOutcome> {
  const productKey = keys.product(productId);
  const stateKey = keys.productIndexState(productId);
  const found = await batchGet([productKey, stateKey], true);
  const rawProduct = found.get(keyString(productKey));
  const rawState = found.get(keyString(stateKey));
  const state = rawState ? IndexStateItem.parse(rawState) : undefined;
  const product = rawProduct ? ProductItem.parse(rawProduct) : undefined;
  if (!state && !product?.onSale) return 'absent'; // never listed: nothing to index or remove

  const stamp = product ? stampOf(product) : (state?.stamp ?? '');
  const card = product ? cardOf(product, await categoryPath(product.categoryId)) : (state?.card ?? null);
  const listed = Boolean(product?.onSale);
  const items = product && listed && card ? derivedItems(card, product, stamp) : [];
  const hash = contentHash(items, listed, card);
  if (!force && state && state.hash === hash) return 'unchanged';

  const newKeys = new Set(items.map(keyString));
  const stale = (state?.keys ?? []).filter((k) => !newKeys.has(k)).map(keyFromString);
  await batchWrite(items, stale);
  const next: IndexStateItem = { entity: 'ProductIndexState', productId, listed, card, keys: [...newKeys], hash, stamp, indexedAt: new Date().toISOString() };
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...stateKey, ...next },
        ...(state
          ? { ConditionExpression: '#hash = :read', ExpressionAttributeNames: { '#hash': 'hash' }, ExpressionAttributeValues: { ':read': state.hash } }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    if (attempt >= MAX_ATTEMPTS) throw new Error(`reindex of ${productId} kept losing races: left to the next event`);
    return reindexProduct(productId, true, attempt + 1);
  }
  return listed ? 'indexed' : 'delisted';
}

/**
 * Rebuilds the index of every product from a table scan (a new index, a lost stream, a changed
 * tokenizer): parallel scan segments for PRODUCT items, each reindexed as the consumer would.
 * @returns how many products were looked at
 */
export async function reindexAll(segments = 4, concurrency = 8): Promise<number> {
  const ids: string[] = [];
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db().send(
          new ScanCommand({
            TableName: tableName(),
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: 'SK = :sk AND entity = :product',
            ProjectionExpression: 'id',
            ExpressionAttributeValues: { ':sk': ITEM_SK.product, ':product': 'Product' },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) if (typeof item.id === 'string') ids.push(item.id);
        start = out.LastEvaluatedKey;
      } while (start);
    }),
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) await reindexProduct(ids[next++]!, true);
    }),
  );
  return ids.length;
}
