import type { LocalKeys } from '../keys';
import type { Notifier } from './notifier';
import type { SimState } from './state';

export interface SimTimings {
  /** Lifetime of a WeChat login code / Alipay auth code (real: 5 minutes). */
  codeTtlMs: number;
  /** Lifetime of an access_token (real: 7200 s). */
  tokenTtlMs: number;
  /** Waits between notification attempts; attempts = length + 1. */
  notifyRetryDelaysMs: number[];
  /** Time a WeChat Pay refund stays PROCESSING before it succeeds and is notified. */
  refundDelayMs: number;
  /** Time media_check_async takes before its verdict is pushed (real: seconds to minutes). */
  mediaCheckDelayMs: number;
}

export interface SimContext {
  keys: LocalKeys;
  state: SimState;
  timings: SimTimings;
  notifier: Notifier;
  /** Pending internal timers (refund completion), cleared on close. */
  later(fn: () => void, delayMs: number): void;
}
