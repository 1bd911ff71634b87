/**
 * Structured JSON logs, one line per entry: `level`, `message`, `timestamp`, `service`, then the extra
 * fields given (Errors as name / message / stack). The same shape Powertools' Logger writes, in 40
 * lines: its Logger and `lodash.merge` were 24 KB of every function for the four methods used here.
 * `LOG_LEVEL` (DEBUG, INFO, WARN, ERROR or SILENT; INFO by default) is read at every entry, so a test (or a
 * process) that sets it after this module loaded is obeyed.
 */
const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, SILENT: 28 } as const;
type Level = Exclude<keyof typeof LEVELS, 'SILENT'>;

const threshold = (): number => {
  const wanted = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  return wanted in LEVELS ? LEVELS[wanted as keyof typeof LEVELS] : LEVELS.INFO;
};

const plain = (value: unknown): unknown =>
  value instanceof Error
    ? { name: value.name, message: value.message, stack: value.stack, ...(value.cause !== undefined ? { cause: plain(value.cause) } : {}) }
    : value;

export class Logger {
  constructor(private readonly service: string) {}

  debug = (message: string, extra?: Record<string, unknown>): void => this.write('DEBUG', message, extra);
  info = (message: string, extra?: Record<string, unknown>): void => this.write('INFO', message, extra);
  warn = (message: string, extra?: Record<string, unknown>): void => this.write('WARN', message, extra);
  error = (message: string, extra?: Record<string, unknown>): void => this.write('ERROR', message, extra);

  private write(level: Level, message: string, extra: Record<string, unknown> | undefined): void {
    if (LEVELS[level] < threshold()) return;
    const entry: Record<string, unknown> = { level, message, timestamp: new Date().toISOString(), service: this.service };
    const trace = process.env._X_AMZN_TRACE_ID;
    if (trace) entry.xray_trace_id = trace.split(';')[0]?.replace('Root=', '');
    for (const [k, v] of Object.entries(extra ?? {})) if (!(k in entry)) entry[k] = plain(v);
    const line = `${JSON.stringify(entry)}\n`;
    (LEVELS[level] >= LEVELS.WARN ? process.stderr : process.stdout).write(line);
  }
}

export const logger = new Logger('wxshop');
