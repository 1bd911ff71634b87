/**
 * The recent-search list kept on the device: newest first, no duplicates (case-insensitive), at most
 * MAX_RECENT (unit-tested in tests/unit/miniapp/shop-recent-searches.test.ts). Storage is elsewhere.
 */
export const MAX_RECENT = 10;
/** The API's longest query. */
export const MAX_QUERY_CHARS = 64;

/** Trims, collapses spaces (ideographic ones too) and cuts to the API's length without splitting a character. */
export function normalizeQuery(q: string): string {
  const collapsed = q.replace(/[\s\u3000]+/g, ' ').trim();
  return Array.from(collapsed).slice(0, MAX_QUERY_CHARS).join('').trim();
}

const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** Puts `q` first, dropping an earlier copy and the oldest entries past `max`. Blank queries change nothing. */
export function addRecent(list: readonly string[], q: string, max = MAX_RECENT): string[] {
  const query = normalizeQuery(q);
  if (!query) return [...list];
  return [query, ...list.filter((item) => !same(item, query))].slice(0, max);
}

export function removeRecent(list: readonly string[], q: string): string[] {
  return list.filter((item) => !same(item, q));
}

/** Whatever storage held, as a clean list (old versions or other apps may have left anything there). */
export function sanitizeRecent(value: unknown, max = MAX_RECENT): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is string => typeof v === 'string')
    .reduce<string[]>((acc, v) => {
      const q = normalizeQuery(v);
      return q && !acc.some((a) => same(a, q)) ? [...acc, q] : acc;
    }, [])
    .slice(0, max);
}
