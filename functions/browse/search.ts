import { z } from 'zod';
import type { Language } from '@wxshop/shared/i18n/languages';
import type { SearchResult } from '@wxshop/shared/api/browse';
import { keys } from '../lib/keys';
import { PostingItem } from './items';
import { queryTerms, type QueryTerm } from './tokenize';
import { matchesFilters, rankPage, requiredMatches, type BrowseFilters, type Candidate, type SearchSort } from './ranking';
import { toProductCard } from './cards';
import { decodeCursor, encodeCursor } from './cursor';
import { queryAll } from '../lib/table-ops';

/** Postings read per (term, language): a very common token is cut here (see docs/adr/0030-search.md). */
export const MAX_POSTINGS_PER_TERM = 2000;
export const DEFAULT_PAGE = 20;

const SearchCursor = z
  .object({
    k: z
      .array(z.union([z.number(), z.string()]))
      .min(2)
      .max(5),
  })
  .strict();

/** Latin-script terms are looked up in the shopper's language, English and zh-CN (brands, "250g"); Chinese terms in zh-CN. */
export function lookupLanguages(term: QueryTerm, lang: Language): Language[] {
  return term.han ? ['zh-CN'] : [...new Set<Language>([lang, 'en', 'zh-CN'])];
}

export interface SearchInput extends BrowseFilters {
  q: string;
  sort?: SearchSort;
  cursor?: string;
  limit?: number;
}

/**
 * Keyword search on the token index (AP50). Primary course: 1. split the query into terms
 * (tokenize.ts); 2. read every term's postings, in parallel (one Query per term and language);
 * 3. intersect in memory: a product matches the terms its postings were found under; 4. keep the
 * products that pass the filters and match every term (or half of them when none matches all);
 * 5. rank (ranking.ts) and return one page after the cursor.
 */
export async function searchProducts(input: SearchInput, lang: Language): Promise<SearchResult> {
  const terms = queryTerms(input.q);
  if (terms.length === 0) return { items: [], nextCursor: null, total: 0, terms: [] };
  const after = decodeCursor(input.cursor, SearchCursor)?.k;
  const lookups = terms.flatMap((term) => lookupLanguages(term, lang).map((l) => ({ term, lang: l })));
  const pages = await Promise.all(
    lookups.map(async ({ term, lang: l }) => {
      const items = await queryAll(
        { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.searchPostings(l, term.token).PK } },
        MAX_POSTINGS_PER_TERM,
      );
      return { term, postings: items.map((i) => PostingItem.parse(i)) };
    }),
  );
  const byProduct = new Map<string, Candidate & { stamp: string }>();
  for (const { term, postings } of pages) {
    for (const p of postings) {
      const id = p.card.productId;
      const c = byProduct.get(id) ?? { card: p.card, matched: new Map<string, number>(), stamp: p.stamp };
      // While a product is being reindexed its postings may briefly differ: the newest card wins.
      if (p.stamp > c.stamp) Object.assign(c, { card: p.card, stamp: p.stamp });
      c.matched.set(term.token, Math.max(c.matched.get(term.token) ?? 0, p.weight));
      byProduct.set(id, c);
    }
  }
  const filtered = [...byProduct.values()].filter((c) => matchesFilters(c.card, input));
  const matches = requiredMatches(filtered, terms.length);
  const { page, nextKey, total } = rankPage(matches, {
    sort: input.sort ?? 'relevance',
    termCount: terms.length,
    query: input.q,
    after,
    limit: input.limit ?? DEFAULT_PAGE,
  });
  return {
    items: page.map((c) => toProductCard(c.card, lang)),
    nextCursor: nextKey ? encodeCursor({ k: nextKey }) : null,
    total,
    terms: terms.map((t) => t.token),
  };
}
