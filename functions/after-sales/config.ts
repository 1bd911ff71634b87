import { envOr } from '../lib/config';

/** Seconds after receipt during which a shopper may ask for an after-sale (default 7 days). NOTE: per category later. */
export const afterSaleWindowSeconds = (): number => Number(envOr('AFTER_SALE_WINDOW_S', String(7 * 86400)));
/** Seconds the store has to answer a request; no answer by then approves it (default 48 hours; seconds in tests). */
export const decideWithinSeconds = (): number => Number(envOr('AFTER_SALE_DECIDE_WITHIN_S', String(48 * 3600)));
/** Seconds after a refund was applied when WeChat Pay is asked about it, should no notification have come. */
export const refundQueryAfterSeconds = (): number => Number(envOr('REFUND_QUERY_AFTER_S', '60'));
/** Where WeChat Pay sends the refund's REFUND.* notification (per refund request: `notify_url`). */
export const refundNotifyUrl = (): string | undefined => envOr('WECHATPAY_REFUND_NOTIFY_URL', '') || undefined;
