/** Delivers payment notifications to merchant callbacks, retrying with backoff like the real services. */
import type { DeliveryAttempt } from './state';

export interface NotificationJob {
  channel: DeliveryAttempt['channel'];
  notificationId: string;
  event: string;
  url: string;
  /** Builds the request for one attempt (WeChat Pay signs every attempt afresh). */
  build(): { headers: Record<string, string>; body: string };
  /** Whether the merchant acknowledged the notification. */
  accepts(status: number, body: string): boolean;
}

export interface Notifier {
  send(job: NotificationJob): void;
  close(): void;
}

const ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * @param retryDelaysMs wait before attempt 2, 3, ...; its length + 1 is the number of attempts.
 * @param log where attempts are recorded (the simulator state).
 */
export function createNotifier(retryDelaysMs: number[], log: DeliveryAttempt[]): Notifier {
  const timers = new Set<NodeJS.Timeout>();
  const controller = new AbortController();
  let closed = false;

  const schedule = (job: NotificationJob, attempt: number, delayMs: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void deliver(job, attempt);
    }, delayMs);
    timers.add(timer);
  };

  const deliver = async (job: NotificationJob, attempt: number): Promise<void> => {
    if (closed) return;
    const record = await attemptOnce(job, attempt, controller.signal);
    if (closed) return;
    log.push(record);
    const nextDelay = retryDelaysMs[attempt - 1];
    if (!record.accepted && nextDelay !== undefined) schedule(job, attempt + 1, nextDelay);
  };

  return {
    send: (job) => schedule(job, 1, 0),
    close: () => {
      closed = true;
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

async function attemptOnce(job: NotificationJob, attempt: number, closing: AbortSignal): Promise<DeliveryAttempt> {
  const base = { channel: job.channel, notificationId: job.notificationId, event: job.event, url: job.url, attempt };
  const { headers, body } = job.build();
  try {
    const response = await fetch(job.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.any([closing, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
    });
    const text = await response.text();
    const accepted = job.accepts(response.status, text);
    return { ...base, status: response.status, accepted, at: new Date().toISOString() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, status: null, accepted: false, error: message, at: new Date().toISOString() };
  }
}
