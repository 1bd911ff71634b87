/**
 * The "All" tab: the API lists a shopper's orders per tab (each tab its own index partition, AP75),
 * so "all" is a k-way merge of the tab lists, newest first, fetched a page at a time and only as
 * deep as the rows shown need. No Taro here: unit-tested in tests/unit/miniapp.
 */

export interface Row {
  id: string;
  createdAt: string;
}

export type FetchPage<T extends Row, K extends string> = (key: K, cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>;

/** A source of rows, a page at a time. */
export interface Pager<T> {
  /** The next up to `n` rows (fewer only at the end). */
  next(n: number): Promise<T[]>;
  /** True while `next` can give more. */
  hasMore(): boolean;
}

/** Newest first; the id breaks ties (ULIDs of one millisecond). */
export const newestFirst = (a: Row, b: Row): number =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.createdAt < b.createdAt ? 1 : -1;

/** One list, page after page through its cursor. */
export function cursorPager<T extends Row, K extends string>(fetch: FetchPage<T, K>, key: K): Pager<T> {
  let cursor: string | undefined;
  let done = false;
  const buffer: T[] = [];
  return {
    async next(n) {
      while (buffer.length < n && !done) {
        const page = await fetch(key, cursor);
        buffer.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        done = page.nextCursor === null;
      }
      return buffer.splice(0, n);
    },
    hasMore: () => buffer.length > 0 || !done,
  };
}

/**
 * Several lists merged newest first. A row is given out only once every list that may still hold a
 * newer one has a row fetched to compare with, so the order is exact however the lists interleave.
 * A row seen twice (an order that moved to another tab between two pages) is given out once.
 */
export function mergedPager<T extends Row, K extends string>(fetch: FetchPage<T, K>, keys: readonly K[], pageSize: number): Pager<T> {
  const sources = keys.map((key) => ({ pager: cursorPager(fetch, key), head: [] as T[] }));
  const seen = new Set<string>();
  return {
    async next(n) {
      const out: T[] = [];
      while (out.length < n) {
        // Every source that is not at its end needs a head row to compare.
        await Promise.all(sources.filter((s) => s.head.length === 0 && s.pager.hasMore()).map(async (s) => s.head.push(...(await s.pager.next(pageSize)))));
        const withRows = sources.filter((s) => s.head.length > 0);
        if (withRows.length === 0) break;
        const newest = withRows.reduce((best, s) => (newestFirst(s.head[0]!, best.head[0]!) < 0 ? s : best));
        const row = newest.head.shift()!;
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        out.push(row);
      }
      return out;
    },
    hasMore: () => sources.some((s) => s.head.length > 0 || s.pager.hasMore()),
  };
}
