import { logger } from '../lib/logger';
import { sweepDueCheckouts, sweepDuePaymentQueries, sweepDueReceipts, sweepLatePayments } from './sweep';

/** Every minute (serverless.yml): payments asked about, unpaid checkouts cancel, late payments refund, shipped orders confirm receipt when due. */
export const handler = async (): Promise<{ queried: number; cancelled: number; refunded: number; confirmed: number }> => {
  const queried = await sweepDuePaymentQueries();
  const cancelled = await sweepDueCheckouts();
  const refunded = await sweepLatePayments();
  const confirmed = await sweepDueReceipts();
  logger.info('order sweeps', { queried, cancelled, refunded, confirmed });
  return { queried, cancelled, refunded, confirmed };
};
