/** Scheduled on-sale / off-sale times: date and time pickers in local time <-> ISO instants for the API. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `'2026-12-01'`, `'09:30'` (local time) -> `'2026-12-01T01:30:00.000Z'` in UTC+8; null when not a date. */
export function localToIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time || '00:00');
  if (!d || !t) return null;
  const at = new Date(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (at.getDate() !== Number(d[3])) return null;
  return at.toISOString();
}

/** An ISO instant -> local `{ date: 'YYYY-MM-DD', time: 'HH:mm' }`. */
export function isoToLocal(iso: string): { date: string; time: string } {
  const at = new Date(iso);
  return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:${pad(at.getMinutes())}` };
}

/** `2026-12-01 09:30` in local time, for lists. */
export function shortDateTime(iso: string): string {
  const { date, time } = isoToLocal(iso);
  return `${date} ${time}`;
}
