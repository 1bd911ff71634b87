import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ExternalServiceError } from '../lib/adapters/config';
import { verifyNotify, yuanToFen } from '../lib/adapters/alipay';
import { logger } from '../lib/logger';
import { applyPaidTrade } from './alipay-pay';

/** A trade_status_sync holds a few dozen short fields: far below this. */
const MAX_NOTIFY_BYTES = 64 * 1024;

const reply = (statusCode: number, body: 'success' | 'fail'): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/**
 * Handles one verified-or-not notification; see the handler. @returns the literal answer Alipay wants
 */
export async function acceptAlipayNotification(body: string, now = new Date()): Promise<'success' | 'fail'> {
  const params = Object.fromEntries(new URLSearchParams(body));
  if (!verifyNotify(params)) {
    logger.warn('alipay notification refused', { notifyId: params.notify_id ?? null, outTradeNo: params.out_trade_no ?? null });
    return 'fail';
  }
  const ref = params.notify_id ?? `${params.out_trade_no}#${params.trade_no}`;
  const status = params.trade_status;
  // refunds (refund_fee / gmt_refund) and unpaid or closed states change nothing of ours
  if (params.notify_type !== 'trade_status_sync' || params.refund_fee !== undefined || (status !== 'TRADE_SUCCESS' && status !== 'TRADE_FINISHED')) {
    logger.info('alipay notification ignored', { notifyId: ref, tradeStatus: status ?? null, refund: params.refund_fee !== undefined });
    return 'success';
  }
  let totalFen: number;
  try {
    totalFen = yuanToFen(params.total_amount ?? '');
  } catch (err) {
    if (!(err instanceof ExternalServiceError)) throw err;
    totalFen = -1; // not an amount: cannot match any trade of ours, recorded as an anomaly below
  }
  const outcome = await applyPaidTrade(
    { outTradeNo: params.out_trade_no ?? '', tradeNo: params.trade_no ?? '', totalFen, sellerId: params.seller_id ?? '' },
    'alipay_notify',
    ref,
    now,
  );
  logger.info('alipay notification', { notifyId: ref, outTradeNo: params.out_trade_no, outcome: outcome.outcome });
  return 'success';
}

/**
 * `POST /payments/alipay/notify`: Alipay's trade notifications (trade_status_sync, one per store's trade).
 * A plain Lambda handler, not a typed route: the caller is Alipay, not a user (no session); the body is
 * its form, proven by the RSA2 sign over the sorted fields without sign/sign_type; and the answer must be
 * the literal `success` or Alipay retries (for ~25 h). `success` for applied, already applied, refund
 * required and verified-but-not-ours (a PaymentAnomaly: retrying would read the same); `fail` for what
 * does not verify (a genuine one verifies on the retry; a forged one changes nothing) and when we failed.
 */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const text = event.body ?? '';
  if (text.length > MAX_NOTIFY_BYTES) return reply(413, 'fail');
  const body = event.isBase64Encoded ? Buffer.from(text, 'base64').toString('utf8') : text;
  try {
    const answer = await acceptAlipayNotification(body);
    return reply(200, answer);
  } catch (err) {
    logger.error('alipay notification failed', { err: String(err) });
    return reply(500, 'fail');
  }
};
