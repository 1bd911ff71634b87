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
  const minutes = rateMinutes(expression);
  if (minutes !== undefined) return Math.floor(at.getTime() / 60000) % minutes === 0;
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

/** Minutes between runs of a rate() expression; undefined for a cron() one. */
export function rateMinutes(expression: string): number | undefined {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!rate) return undefined;
  return Number(rate[1]) * (rate[2]!.startsWith('minute') ? 1 : rate[2]!.startsWith('hour') ? 60 : 1440);
}

/**
 * The period a schedule is in at `atMs`: a new period is a run. cron() is checked once a real minute;
 * rate() counts periods of its minutes, a minute lasting `rateMinuteMs` (60 s, shorter in test stacks).
 */
export function periodOf(expression: string, atMs: number, rateMinuteMs = 60_000): number {
  const minutes = rateMinutes(expression);
  return minutes === undefined ? Math.floor(atMs / 60_000) : Math.floor(atMs / (minutes * rateMinuteMs));
}

export interface SchedulerOptions {
  /**
   * How long a minute of a rate() schedule lasts (default 60 s). Test stacks shorten it
   * (`LOCAL_RATE_MINUTE_S`) so that the every-minute sweeps do not make a test wait a minute.
   */
  rateMinuteMs?: number;
}

/**
 * Runs scheduled functions when due, as EventBridge would invoke them. A function still running when
 * its next run is due skips that run (EventBridge would start a second instance; no sweep here needs it,
 * and overlapping runs of a shortened minute would only compete for the two cores).
 */
export async function startScheduler(functions: ScheduledFunction[], log: (m: string) => void, options: SchedulerOptions = {}) {
  const rateMinuteMs = options.rateMinuteMs ?? 60_000;
  const handlers = new Map<string, (e: unknown) => Promise<unknown>>();
  for (const f of functions) handlers.set(f.name, await loadHandler(f.handler));
  const last = new Map<string, number>();
  const running = new Set<string>();
  const event = (now: Date) => ({ source: 'aws.events', 'detail-type': 'Scheduled Event', time: now.toISOString(), detail: {} });
  const tick = () => {
    const now = new Date();
    for (const f of functions) {
      const id = `${f.name} ${f.expression}`;
      const period = periodOf(f.expression, now.getTime(), rateMinuteMs);
      if (last.get(id) === period) continue;
      last.set(id, period);
      if (running.has(id) || (rateMinutes(f.expression) === undefined && !isDue(f.expression, now))) continue;
      if (rateMinuteMs === 60_000) log(`schedule ${f.name} (${f.expression})`);
      running.add(id);
      void handlers.get(f.name)!(event(now))
        .catch((err: unknown) => log(`schedule ${f.name} failed: ${String(err)}`))
        .finally(() => running.delete(id));
    }
  };
  const timer = setInterval(tick, Math.max(250, Math.min(5000, rateMinuteMs / 5)));
  return {
    /** Invokes a scheduled function now (the local equivalent of `aws lambda invoke`). */
    runNow: async (name: string) => handlers.get(name)?.(event(new Date())),
    stop: () => clearInterval(timer),
  };
}
