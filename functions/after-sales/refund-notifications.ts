/**
 * WeChat Pay's refund notifications (`POST /payments/wechatpay/refund-notify`: the notify_url of each
 * refund we apply), answered as WeChat Pay wants: 204 once handled (settled, already settled, or a
 * verified refund that is not ours: retrying would not change it), 401 with WeChat's error body for
 * anything forged, altered, stale or of an unknown serial, 500 when we failed (WeChat Pay retries).
 * Verification is the payment notifications' (functions/lib/adapters/wechatpay.ts): the same serial,
 * timestamp window and RSA-SHA256 over the exact raw body, then AEAD_AES_256_GCM with our APIv3 key.
 */
import { InvalidSignatureError, parseEcommerceRefundNotification } from '../lib/adapters/wechatpay-ecommerce';
import { ExternalServiceError } from '../lib/adapters/config';
import { logger } from '../lib/logger';
import { keys } from '../lib/keys';
import { putIfAbsent } from '../lib/table-ops';
import type { WebhookAnswer } from '../payments/notifications';
import { platformMchid, settleRefund } from './refunds';

const fail = (status: number, message: string): WebhookAnswer => ({ status, body: JSON.stringify({ code: 'FAIL', message }) });
const done: WebhookAnswer = { status: 204, body: '' };

/** Verifies, decrypts and applies one refund notification; see the module comment for the answers. */
export async function acceptRefundNotification(headers: Record<string, string | undefined>, body: string, now = new Date()): Promise<WebhookAnswer> {
  let n: ReturnType<typeof parseEcommerceRefundNotification>;
  try {
    n = parseEcommerceRefundNotification({ headers, body });
  } catch (err) {
    if (err instanceof InvalidSignatureError) {
      logger.warn('refund notification refused', { reason: err.message });
      return fail(401, '签名验证失败');
    }
    if (err instanceof ExternalServiceError) {
      logger.error('refund notification is not a refund', { err: String(err) });
      return done;
    }
    throw err;
  }
  if (!n.eventType.startsWith('REFUND.')) {
    logger.info('refund notification ignored', { id: n.id, eventType: n.eventType });
    return done;
  }
  if (n.refund.spMchid !== platformMchid()) {
    logger.error('refund notification of another platform', { id: n.id, spMchid: n.refund.spMchid });
    return done;
  }
  const outcome = await settleRefund(
    {
      outRefundNo: n.refund.outRefundNo,
      refundId: n.refund.refundId,
      status: n.refund.status,
      amount: n.refund.refund.amount,
      subMchid: n.refund.subMchid,
      successTime: n.refund.successTime,
    },
    now,
  );
  // NOTE: a record of every notification id (AP104): what each one did, for operations; the settle itself is once by the case's status
  await putIfAbsent({
    ...keys.refundNotification(n.id),
    entity: 'RefundNotification',
    eventType: n.eventType,
    outRefundNo: n.refund.outRefundNo,
    outcome,
    at: now.toISOString(),
  });
  logger.info('refund notification', { id: n.id, outRefundNo: n.refund.outRefundNo, outcome });
  return done;
}
