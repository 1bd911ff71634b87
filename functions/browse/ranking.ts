import type { SEARCH_SORTS } from '@wxshop/shared/catalog';
import type { IndexedCard } from './items';
import { compact } from './tokenize';

/** A list or search sort. */
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * Pure ranking and filtering of search candidates; unit-tested in tests/unit/browse-ranking.test.ts.
 */

/** List and search filters. Prices are minor units compared with the lowest SKU price. */
export interface BrowseFilters {
  categoryId?: string;
  merchantId?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
}

export function matchesFilters(card: IndexedCard, f: BrowseFilters): boolean {
  if (f.categoryId !== undefined && !card.categoryPath.includes(f.categoryId)) return false;
  if (f.merchantId !== undefined && card.merchantId !== f.merchantId) return false;
  if (f.minPrice !== undefined && card.price.amount < f.minPrice) return false;
  if (f.maxPrice !== undefined && card.price.amount > f.maxPrice) return false;
  if (f.inStock === true && !card.inStock) return false;
  return true;
}

/** A product found by a search: its card and, per query term matched, the best weight of that term. */
export interface Candidate {
  card: IndexedCard;
  matched: Map<string, number>;
}

const MAX_WEIGHT = 3;

/**
 * Relevance in [0, 4.3]: term coverage counts most (2), then where the terms occur (title > tags, 1),
 * a bonus when the whole query appears as written in a title (1), then popularity (log of sales, 0.3).
 */
export function relevance(c: Candidate, termCount: number, query: string): number {
  if (termCount === 0) return 0;
  const coverage = c.matched.size / termCount;
  const weights = [...c.matched.values()].reduce((a, b) => a + b, 0) / (MAX_WEIGHT * termCount);
  const phrase = compact(query);
  const titles = Object.values(c.card.title).filter((t): t is string => typeof t === 'string');
  const phraseBonus = phrase.length >= 2 && titles.some((t) => compact(t).includes(phrase)) ? 1 : 0;
  const popularity = 0.3 * Math.min(1, Math.log10(1 + Math.max(0, c.card.sales)) / 6);
  return Math.round((2 * coverage + weights + phraseBonus + popularity) * 1e6) / 1e6;
}

/** A sort key compared ascending, element by element; the product id last makes it total. */
export type SortKey = (number | string)[];

export function sortKeyOf(card: IndexedCard, sort: SearchSort, score = 0): SortKey {
  const listed = -Date.parse(card.listedAt) || 0;
  switch (sort) {
    case 'relevance':
      return [-score, -card.sales, listed, card.productId];
    case 'sales':
      return [-card.sales, listed, card.productId];
    case 'newest':
      return [listed, card.productId];
    case 'price_asc':
      return [card.price.amount, card.productId];
    case 'price_desc':
      return [-card.price.amount, card.productId];
  }
}

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * The candidates that match enough terms: all of them; if none does and there are several terms,
 * at least half (so a query with one word too many still finds something).
 */
export function requiredMatches(candidates: Candidate[], termCount: number): Candidate[] {
  const all = candidates.filter((c) => c.matched.size >= termCount);
  if (all.length > 0 || termCount < 2) return all;
  const half = Math.ceil(termCount / 2);
  return candidates.filter((c) => c.matched.size >= half);
}

/** Ranks candidates for a sort and returns one page after the cursor key, with the key to continue from. */
export function rankPage(
  candidates: Candidate[],
  opts: { sort: SearchSort; termCount: number; query: string; after?: SortKey; limit: number },
): { page: Candidate[]; nextKey: SortKey | null; total: number } {
  const keyed = candidates.map((c) => ({ c, key: sortKeyOf(c.card, opts.sort, opts.sort === 'relevance' ? relevance(c, opts.termCount, opts.query) : 0) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  const after = opts.after;
  const start = after ? keyed.findIndex((k) => compareKeys(k.key, after) > 0) : 0;
  const rest = start < 0 ? [] : keyed.slice(start);
  const page = rest.slice(0, opts.limit);
  const nextKey = rest.length > opts.limit ? page[page.length - 1]!.key : null;
  return { page: page.map((k) => k.c), nextKey, total: keyed.length };
}
