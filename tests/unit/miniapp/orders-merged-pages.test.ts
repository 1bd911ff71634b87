import { cursorPager, mergedPager, newestFirst, type Row } from '../../../miniapp/src/orders/lib/merged-pages';

type Tab = 'a' | 'b' | 'c';
const row = (id: string, minute: number): Row => ({ id, createdAt: `2026-12-01T10:${String(minute).padStart(2, '0')}:00.000Z` });

/** A fake list API: each tab's rows newest first, paged by `size`, cursor = offset; counts the calls. */
function fakeApi(lists: Record<Tab, Row[]>, size: number) {
  const calls: string[] = [];
  const fetch = async (tab: Tab, cursor?: string) => {
    calls.push(`${tab}@${cursor ?? 0}`);
    const from = Number(cursor ?? 0);
    const rows = [...lists[tab]].sort(newestFirst);
    const items = rows.slice(from, from + size);
    return { items, nextCursor: from + size < rows.length ? String(from + size) : null };
  };
  return { fetch, calls };
}

describe('the All tab (orders of every tab merged)', () => {
  it('gives every row once, newest first, however the tabs interleave', async () => {
    // Prepare
    const lists = {
      a: [row('a1', 59), row('a2', 10), row('a3', 9), row('a4', 1)],
      b: [row('b1', 58), row('b2', 57), row('b3', 56), row('b4', 2)],
      c: [row('c1', 30)],
    };
    const api = fakeApi(lists, 2);
    const pager = mergedPager(api.fetch, ['a', 'b', 'c'] as const, 2);

    // Act
    const first = await pager.next(3);
    const second = await pager.next(3);
    const rest = await pager.next(10);

    // Assert
    expect(first.map((r) => r.id)).toEqual(['a1', 'b1', 'b2']);
    expect(second.map((r) => r.id)).toEqual(['b3', 'c1', 'a2']);
    expect(rest.map((r) => r.id)).toEqual(['a3', 'b4', 'a4']);
    expect(pager.hasMore()).toBe(false);
    expect(await pager.next(5)).toEqual([]);
  });

  it('fetches only as deep as the rows given out need', async () => {
    // Prepare
    const lists = { a: Array.from({ length: 10 }, (_, i) => row(`a${i}`, 50 - i)), b: [row('b0', 5)], c: [] };
    const api = fakeApi(lists, 3);
    const pager = mergedPager(api.fetch, ['a', 'b', 'c'] as const, 3);

    // Act
    const page = await pager.next(3);

    // Assert
    expect(page.map((r) => r.id)).toEqual(['a0', 'a1', 'a2']);
    // One page of each tab; `a` needs its second page only when a fourth row is asked for.
    expect(api.calls.sort()).toEqual(['a@0', 'b@0', 'c@0']);
    expect(pager.hasMore()).toBe(true);
  });

  it('gives an order seen in two tabs (it moved between two pages) once', async () => {
    // Prepare
    const moved = row('m', 40);
    const api = fakeApi({ a: [moved, row('a1', 20)], b: [moved, row('b1', 30)], c: [] }, 5);
    const pager = mergedPager(api.fetch, ['a', 'b', 'c'] as const, 5);

    // Act
    const all = await pager.next(10);

    // Assert
    expect(all.map((r) => r.id)).toEqual(['m', 'b1', 'a1']);
  });

  it('pages one tab through its cursor', async () => {
    // Prepare
    const api = fakeApi({ a: [row('a1', 3), row('a2', 2), row('a3', 1)], b: [], c: [] }, 2);
    const pager = cursorPager(api.fetch, 'a' as Tab);

    // Act
    const first = await pager.next(2);
    const more = pager.hasMore();
    const second = await pager.next(2);

    // Assert
    expect(first.map((r) => r.id)).toEqual(['a1', 'a2']);
    expect(more).toBe(true);
    expect(second.map((r) => r.id)).toEqual(['a3']);
    expect(pager.hasMore()).toBe(false);
    expect(api.calls).toEqual(['a@0', 'a@2']);
  });
});
