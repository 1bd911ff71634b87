import { compareKeys, matchesFilters, rankPage, relevance, requiredMatches, sortKeyOf, type Candidate } from '../../functions/browse/ranking';
import type { IndexedCard } from '../../functions/browse/items';

const card = (id: string, over: Partial<IndexedCard> = {}): IndexedCard => ({
  productId: id,
  merchantId: 'M1',
  categoryId: 'C3',
  categoryPath: ['C1', 'C2', 'C3'],
  title: { 'zh-CN': '西湖龙井', en: 'West Lake Longjing' },
  imageKey: null,
  price: { amount: 1000, currency: 'CNY' },
  maxPrice: { amount: 2000, currency: 'CNY' },
  sales: 0,
  inStock: true,
  tags: [],
  listedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const cand = (c: IndexedCard, matched: Record<string, number>): Candidate => ({ card: c, matched: new Map(Object.entries(matched)) });

describe('filters', () => {
  it('matches a category through its ancestors, a store, a price range and stock', () => {
    const c = card('A');
    expect(matchesFilters(c, { categoryId: 'C1' })).toBe(true);
    expect(matchesFilters(c, { categoryId: 'C9' })).toBe(false);
    expect(matchesFilters(c, { merchantId: 'M2' })).toBe(false);
    expect(matchesFilters(c, { minPrice: 1000, maxPrice: 1000 })).toBe(true);
    expect(matchesFilters(c, { minPrice: 1001 })).toBe(false);
    expect(matchesFilters(c, { maxPrice: 999 })).toBe(false);
    expect(matchesFilters(card('B', { inStock: false }), { inStock: true })).toBe(false);
    expect(matchesFilters(card('B', { inStock: false }), {})).toBe(true);
  });
});

describe('relevance', () => {
  it('ranks more matched terms first, then title over tags, then the whole phrase, then sales', () => {
    const all = relevance(cand(card('A'), { 西湖: 3, 龙井: 3 }), 2, '西湖龙井');
    const allNoPhrase = relevance(cand(card('B', { title: { 'zh-CN': '龙井 产自西湖' } }), { 西湖: 3, 龙井: 3 }), 2, '西湖龙井');
    const inTags = relevance(cand(card('C', { title: { 'zh-CN': '绿茶' } }), { 西湖: 2, 龙井: 2 }), 2, '西湖龙井');
    const popularTags = relevance(cand(card('D', { title: { 'zh-CN': '绿茶' }, sales: 10_000 }), { 西湖: 2, 龙井: 2 }), 2, '西湖龙井');
    const half = relevance(cand(card('E'), { 西湖: 3 }), 2, '西湖龙井');
    expect(all).toBeGreaterThan(allNoPhrase);
    expect(allNoPhrase).toBeGreaterThan(popularTags);
    expect(popularTags).toBeGreaterThan(inTags);
    expect(inTags).toBeGreaterThan(half);
  });

  it('keeps products matching every term, or at least half of them when none matches all', () => {
    const a = cand(card('A'), { x: 3, y: 3, z: 3 });
    const b = cand(card('B'), { x: 3, y: 3 });
    const c = cand(card('C'), { x: 3 });
    expect(requiredMatches([a, b, c], 3)).toEqual([a]);
    expect(requiredMatches([b, c], 3)).toEqual([b]);
    expect(requiredMatches([c], 1)).toEqual([c]);
  });
});

describe('sorting and paging', () => {
  const cheapNew = card('A', { price: { amount: 100, currency: 'CNY' }, listedAt: '2026-03-01T00:00:00.000Z', sales: 5 });
  const dearOld = card('B', { price: { amount: 900, currency: 'CNY' }, listedAt: '2026-01-01T00:00:00.000Z', sales: 50 });
  const midMid = card('C', { price: { amount: 500, currency: 'CNY' }, listedAt: '2026-02-01T00:00:00.000Z', sales: 5 });
  const cands = [cheapNew, dearOld, midMid].map((c) => cand(c, { x: 3 }));
  const order = (sort: Parameters<typeof sortKeyOf>[1]) => rankPage(cands, { sort, termCount: 1, query: 'x', limit: 10 }).page.map((c) => c.card.productId);

  it('sorts by sales, newest and price both ways, ties by id', () => {
    expect(order('sales')).toEqual(['B', 'A', 'C']);
    expect(order('newest')).toEqual(['A', 'C', 'B']);
    expect(order('price_asc')).toEqual(['A', 'C', 'B']);
    expect(order('price_desc')).toEqual(['B', 'C', 'A']);
    expect(order('relevance')).toEqual(['B', 'A', 'C']);
  });

  it('pages after a key without repeating or skipping', () => {
    const first = rankPage(cands, { sort: 'price_asc', termCount: 1, query: 'x', limit: 2 });
    const second = rankPage(cands, { sort: 'price_asc', termCount: 1, query: 'x', limit: 2, after: first.nextKey! });
    expect(first.page.map((c) => c.card.productId)).toEqual(['A', 'C']);
    expect(second.page.map((c) => c.card.productId)).toEqual(['B']);
    expect(second.nextKey).toBeNull();
    expect(first.total).toBe(3);
  });

  it('compares keys element by element, numbers numerically', () => {
    expect(compareKeys([2, 'a'], [10, 'a'])).toBeLessThan(0);
    expect(compareKeys([1, 'b'], [1, 'a'])).toBeGreaterThan(0);
    expect(compareKeys([1, 'a'], [1, 'a'])).toBe(0);
  });
});
