import { envOr } from '../lib/config';

/** Seconds a checkout may stay unpaid before it cancels itself (default 30 minutes; seconds in tests). */
export const payWithinSeconds = (): number => Number(envOr('CHECKOUT_PAY_WITHIN_S', '1800'));
/** Seconds after shipping when an order confirms receipt by itself (default 10 days). */
export const autoConfirmSeconds = (): number => Number(envOr('AUTO_CONFIRM_AFTER_S', String(10 * 86400)));
/** Shards of a due bucket: spreads one minute's checkouts over several partitions. */
export const DUE_SHARDS = 4;
