import { envOr } from '../lib/config';

/** Our H5 app's origin: the only place a cashier may send the shopper back to. */
export const h5Origin = (): string => new URL(envOr('H5_ORIGIN', 'http://127.0.0.1:8080')).origin;

/** Seconds after a payment started when WeChat Pay is asked, should no notification have come (ADR 0046). */
export const paymentQueryDelaysSeconds = (): number[] =>
  envOr('PAYMENT_QUERY_AFTER_S', '60,300')
    .split(',')
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
