import { logger } from '../lib/logger';
import {
  sweepAfterSaleRefunds,
  sweepDueAfterSaleDecisions,
  sweepDueCheckouts,
  sweepDuePaymentQueries,
  sweepDueReceipts,
  sweepDueSettlements,
  sweepLatePayments,
  sweepPendingWithdrawals,
} from './sweep';

/**
 * Every minute (serverless.yml): payments asked about, unpaid checkouts cancel, late payments refund,
 * shipped orders confirm receipt when due, after-sale cases unanswered by their deadline are approved,
 * after-sale refunds are applied or asked about, orders past their after-sale window settle (fee shared,
 * the rest released), withdrawals are asked about.
 */
export const handler = async (): Promise<{
  queried: number;
  cancelled: number;
  refunded: number;
  confirmed: number;
  approved: number;
  afterSaleRefunds: number;
  settled: number;
  withdrawals: number;
}> => {
  const queried = await sweepDuePaymentQueries();
  const cancelled = await sweepDueCheckouts();
  const refunded = await sweepLatePayments();
  const confirmed = await sweepDueReceipts();
  const approved = await sweepDueAfterSaleDecisions();
  const afterSaleRefunds = await sweepAfterSaleRefunds();
  const settled = await sweepDueSettlements();
  const withdrawals = await sweepPendingWithdrawals();
  logger.info('order sweeps', { queried, cancelled, refunded, confirmed, approved, afterSaleRefunds, settled, withdrawals });
  return { queried, cancelled, refunded, confirmed, approved, afterSaleRefunds, settled, withdrawals };
};
