import type { SEARCH_SORTS } from '@wxshop/shared';

export type Sort = (typeof SEARCH_SORTS)[number];
/** The sort bar's tabs: price is one tab that flips between ascending and descending. */
export type SortTab = 'relevance' | 'sales' | 'newest' | 'price';
export const SORT_TABS: readonly SortTab[] = ['relevance', 'sales', 'newest', 'price'];

/** The sort after a tap on `tab`: the price tab starts ascending and flips on each further tap. */
export function nextSort(current: Sort, tab: SortTab): Sort {
  if (tab !== 'price') return tab;
  return current === 'price_asc' ? 'price_desc' : 'price_asc';
}

export function tabOf(sort: Sort): SortTab {
  return sort === 'price_asc' || sort === 'price_desc' ? 'price' : sort;
}
