import { z } from 'zod';
import type { Language } from '@wxshop/shared/i18n/languages';
import type { SavedProduct, SavedProductPage } from '@wxshop/shared/api/browse';
import { keys } from '../lib/keys';
import { IndexStateItem } from './items';
import { toProductCard } from './cards';
import { decodeCursor, encodeCursor } from './cursor';
import { batchGet, keyString } from '../lib/table-ops';

/** Favourites and history pages: entries sorted newest first in memory (both lists are capped), cards from the index state. */
const SavedCursor = z.object({ at: z.string().max(40), p: z.string().max(26) }).strict();

export interface SavedEntry {
  productId: string;
  at: string;
}

const newestFirst = (a: SavedEntry, b: SavedEntry) => (a.at === b.at ? (a.productId < b.productId ? 1 : -1) : a.at < b.at ? 1 : -1);

/**
 * One page of saved products (favourites or history), newest first, after the cursor. The cards come
 * from one BatchGet of the products' index states: a product off sale stays, with `available: false`.
 */
export async function savedPage(entries: SavedEntry[], opts: { cursor?: string; limit: number; lang: Language }): Promise<SavedProductPage> {
  const after = decodeCursor(opts.cursor, SavedCursor);
  const sorted = [...entries].sort(newestFirst);
  const rest = after ? sorted.filter((e) => newestFirst(e, { productId: after.p, at: after.at }) > 0) : sorted;
  const page = rest.slice(0, opts.limit);
  const stateKeys = page.map((e) => keys.productIndexState(e.productId));
  const found = page.length ? await batchGet(stateKeys) : new Map<string, Record<string, unknown>>();
  const items: SavedProduct[] = page.flatMap((e, i) => {
    const raw = found.get(keyString(stateKeys[i]!));
    const state = raw ? IndexStateItem.parse(raw) : undefined;
    return state?.card ? [{ product: toProductCard(state.card, opts.lang), available: state.listed, at: e.at }] : [];
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rest.length > opts.limit && last ? encodeCursor({ at: last.at, p: last.productId }) : null };
}
