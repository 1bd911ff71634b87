/**
 * WeChat Pay's notifications (`POST /payments/wechatpay/notify`), as WeChat Pay wants them answered:
 * 204 once handled (applied, already applied, refund required, or recorded as an anomaly: retrying
 * would not change the answer), 401 with WeChat's error body for anything forged, altered, stale or of
 * an unknown serial (WeChat Pay retries; a genuine one verifies next time), 500 when we failed (retried).
 * A verified notification that is not a combine transaction (another event's resource) is logged and
 * answered 204: retrying it would read the same.
 */
import { InvalidSignatureError, parseCombineNotification } from '../lib/adapters/wechatpay-ecommerce';
import { ExternalServiceError } from '../lib/adapters/config';
import { logger } from '../lib/logger';
import { settleCombine } from './wechat-pay';

export interface WebhookAnswer {
  status: number;
  body: string;
}

const fail = (status: number, message: string): WebhookAnswer => ({ status, body: JSON.stringify({ code: 'FAIL', message }) });

/** Verifies, decrypts and applies one notification; see the module comment for the answers. */
export async function acceptWechatpayNotification(headers: Record<string, string | undefined>, body: string, now = new Date()): Promise<WebhookAnswer> {
  let notification: ReturnType<typeof parseCombineNotification>;
  try {
    notification = parseCombineNotification({ headers, body });
  } catch (err) {
    if (err instanceof InvalidSignatureError) {
      logger.warn('wechatpay notification refused', { reason: err.message });
      return fail(401, '签名验证失败');
    }
    // verified and decrypted, but not a combine transaction (e.g. a refund event): a retry would read the same
    if (err instanceof ExternalServiceError) {
      logger.error('wechatpay notification not a combine transaction', { err: String(err) });
      return { status: 204, body: '' };
    }
    throw err;
  }
  if (notification.eventType !== 'TRANSACTION.SUCCESS') {
    logger.info('wechatpay notification ignored', { id: notification.id, eventType: notification.eventType });
    return { status: 204, body: '' };
  }
  const outcome = await settleCombine(notification.resource, 'wechatpay_notify', notification.id, now);
  logger.info('wechatpay notification', { id: notification.id, checkoutId: notification.resource.combineOutTradeNo, outcome: outcome.outcome });
  return { status: 204, body: '' };
}
