import { loadHandler, type FunctionDef } from './template';

export interface ScheduledFunction {
  name: string;
  handler: string;
  expression: string;
}

/** The `schedule:` events of serverless.yml. */
export function scheduledFunctions(functions: FunctionDef[]): ScheduledFunction[] {
  return functions.flatMap((f) =>
    f.events
      .map((e) => e.schedule)
      .filter((s): s is string | { rate: string } => Boolean(s))
      .map((s) => ({ name: f.name, handler: f.handler, expression: typeof s === 'string' ? s : String((s as { rate: string }).rate) })),
  );
}

function fieldMatches(field: string, value: number, min: number): boolean {
  if (field === '*' || field === '?') return true;
  return field.split(',').some((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [min, Number.MAX_SAFE_INTEGER];
    else if (range!.includes('-')) [lo, hi] = range!.split('-').map(Number) as [number, number];
    else [lo, hi] = [Number(range), stepText ? Number.MAX_SAFE_INTEGER : Number(range)];
    return value >= lo && value <= hi && (value - lo) % step === 0;
  });
}

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Whether an EventBridge schedule fires in the minute of `at` (UTC).
 * cron(min hour day-of-month month day-of-week year) with numbers, *, ?, lists, ranges and steps;
 * rate(N minute|minutes|hour|hours|day|days) counted from the epoch.
 */
export function isDue(expression: string, at: Date): boolean {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const minutes = Number(rate[1]) * (rate[2]!.startsWith('minute') ? 1 : rate[2]!.startsWith('hour') ? 60 : 1440);
    return Math.floor(at.getTime() / 60000) % minutes === 0;
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron) throw new Error(`unsupported schedule expression: ${expression}`);
  const [min, hour, dom, month, dow, year] = cron[1]!.trim().split(/\s+/);
  if (year === undefined) throw new Error(`cron needs 6 fields: ${expression}`);
  const dowField = dow!.replace(/[A-Z]{3}/g, (d) => String(DAYS.indexOf(d) + 1));
  return (
    fieldMatches(min!, at.getUTCMinutes(), 0) &&
    fieldMatches(hour!, at.getUTCHours(), 0) &&
    fieldMatches(dom!, at.getUTCDate(), 1) &&
    fieldMatches(month!, at.getUTCMonth() + 1, 1) &&
    fieldMatches(dowField, at.getUTCDay() + 1, 1) &&
    fieldMatches(year!, at.getUTCFullYear(), 1970)
  );
}

/** Runs scheduled functions when due, checking once a minute, as EventBridge would invoke them. */
export async function startScheduler(functions: ScheduledFunction[], log: (m: string) => void) {
  const handlers = new Map<string, (e: unknown) => Promise<unknown>>();
  for (const f of functions) handlers.set(f.name, await loadHandler(f.handler));
  let lastMinute = -1;
  const tick = async () => {
    const now = new Date();
    const minute = Math.floor(now.getTime() / 60000);
    if (minute === lastMinute) return;
    lastMinute = minute;
    for (const f of functions) {
      if (!isDue(f.expression, now)) continue;
      log(`schedule ${f.name} (${f.expression})`);
      await handlers.get(f.name)!({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: now.toISOString(), detail: {} }).catch((err: unknown) =>
        log(`schedule ${f.name} failed: ${String(err)}`),
      );
    }
  };
  const timer = setInterval(() => void tick(), 5000);
  return {
    /** Invokes a scheduled function now (the local equivalent of `aws lambda invoke`). */
    runNow: async (name: string) =>
      handlers.get(name)?.({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date().toISOString(), detail: {} }),
    stop: () => clearInterval(timer),
  };
}
