import { logger } from '../lib/logger';
import { sweepDueCheckouts, sweepDueReceipts } from './sweep';

/** Every minute (serverless.yml): unpaid checkouts cancel, shipped orders confirm receipt when due. */
export const handler = async (): Promise<{ cancelled: number; confirmed: number }> => {
  const cancelled = await sweepDueCheckouts();
  const confirmed = await sweepDueReceipts();
  logger.info('order sweeps', { cancelled, confirmed });
  return { cancelled, confirmed };
};
