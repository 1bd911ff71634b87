import { addRecent, MAX_RECENT, normalizeQuery, removeRecent, sanitizeRecent } from '../../../miniapp/src/shop/lib/recent-searches';
import { nextSort, tabOf } from '../../../miniapp/src/shop/lib/sort';

describe('recent searches', () => {
  it('puts the newest first and moves a repeated query to the front', () => {
    let list = addRecent([], '连衣裙');
    list = addRecent(list, 'tea');
    list = addRecent(list, '连衣裙');
    expect(list).toEqual(['连衣裙', 'tea']);
  });

  it('treats queries differing only in case or spaces as the same', () => {
    const list = addRecent(['Green Tea', 'mug'], '  green\u3000 tea ');
    expect(list).toEqual(['green tea', 'mug']);
  });

  it('keeps at most MAX_RECENT', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 5; i++) list = addRecent(list, `q${i}`);
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe(`q${MAX_RECENT + 4}`);
  });

  it('ignores blank queries', () => {
    expect(addRecent(['a'], '   ')).toEqual(['a']);
  });

  it('cuts queries to the API length without splitting characters', () => {
    const long = '茶'.repeat(70) + '😀';
    expect(Array.from(normalizeQuery(long))).toHaveLength(64);
    expect(normalizeQuery('😀'.repeat(65))).toBe('😀'.repeat(64));
  });

  it('removes one query', () => {
    expect(removeRecent(['Tea', 'mug'], 'tea')).toEqual(['mug']);
  });

  it('cleans whatever storage held', () => {
    expect(sanitizeRecent(undefined)).toEqual([]);
    expect(sanitizeRecent('tea')).toEqual([]);
    expect(sanitizeRecent(['tea', 3, null, ' Tea ', '', '咖啡'])).toEqual(['tea', '咖啡']);
  });
});

describe('sort bar', () => {
  it('flips the price tab between ascending and descending', () => {
    expect(nextSort('relevance', 'price')).toBe('price_asc');
    expect(nextSort('price_asc', 'price')).toBe('price_desc');
    expect(nextSort('price_desc', 'price')).toBe('price_asc');
    expect(nextSort('price_desc', 'sales')).toBe('sales');
    expect(tabOf('price_desc')).toBe('price');
    expect(tabOf('newest')).toBe('newest');
  });
});
