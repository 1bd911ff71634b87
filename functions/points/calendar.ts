/** Days of the shopper's calendar: Asia/Shanghai (UTC+8 all year, no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const shanghaiDay = (now: Date): string => new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
export const previousDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
