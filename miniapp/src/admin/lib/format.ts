const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO time as `2026-11-23 00:00` in the device's time zone ('' for none): readable in every language. */
export function shortDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A count for a tile: `12`, or `50+` when there are more pages. */
export function countLabel(count: number, hasMore: boolean): string {
  return hasMore ? `${count}+` : String(count);
}
