import { createSign, generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import {
  InvalidSignatureError,
  type WechatPayNotification,
  WechatPayApiError,
  buildAuthorizationHeader,
  buildRequestPaymentParams,
  closeOrder,
  createJsapiPrepay,
  parseNotification,
  queryByOutTradeNo,
  queryRefund,
  refund,
} from '../../../functions/lib/adapters/wechatpay';
import { type CallbackRequest, type Harness, sleep, startHarness, waitFor } from './harness';

const OPENID = 'o-wechatpay-shopper';
let sequence = 0;
const newOutTradeNo = (): string => `T${Date.now()}${(sequence += 1)}`;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Signs like WeChat Pay does, with any key: to forge notifications in tests. */
function signAsWechatPay(privateKey: string, serial: string, body: string, timestamp = nowSeconds()): Record<string, string> {
  const nonce = 'forged0nonce0value0000000000000';
  const signature = createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(privateKey, 'base64');
  return {
    'wechatpay-timestamp': String(timestamp),
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': serial,
  };
}

const Envelope = z.object({ id: z.string(), resource: z.object({ ciphertext: z.string() }).loose() }).loose();
const PayAnswer = z.object({ trade_state: z.string().optional(), code: z.string().optional() });

describe('WeChat Pay v3 adapter against the simulator', () => {
  let h: Harness;
  const otherKey = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(() => h.restoreEnv());

  const platform = (): { privateKey: string; serial: string } => ({
    privateKey: h.sims.keys.wechatpay.platform.privateKey,
    serial: h.sims.keys.wechatpay.publicKeyId,
  });

  const notificationsFor = (outTradeNo: string, eventType: string): { request: CallbackRequest; parsed: WechatPayNotification }[] =>
    h.callback.requests
      .filter((r) => r.path.startsWith('/wechatpay'))
      .map((request) => ({ request, parsed: parseNotification({ headers: request.headers, body: request.body }) }))
      .filter(({ parsed }) => parsed.resource.outTradeNo === outTradeNo && parsed.eventType === eventType);

  /** Places an order and confirms it the way wx.requestPayment would; waits for the notification. */
  async function placeAndPay(totalFen: number): Promise<{ outTradeNo: string; request: CallbackRequest }> {
    const outTradeNo = newOutTradeNo();
    const { prepayId } = await createJsapiPrepay({ outTradeNo, description: 'Test goods', amountFen: totalFen, openid: OPENID });
    const answer = await h.simJson('POST', '/_sim/wechatpay/pay', buildRequestPaymentParams(prepayId), PayAnswer);
    expect(answer.trade_state).toBe('SUCCESS');
    const [delivered] = await waitFor(() => {
      const found = notificationsFor(outTradeNo, 'TRANSACTION.SUCCESS');
      return found.length ? found : undefined;
    });
    if (!delivered) throw new Error('no notification');
    return { outTradeNo, request: delivered.request };
  }

  describe('prepay', () => {
    it('returns the same prepay_id when the same out_trade_no is placed again', async () => {
      const input = { outTradeNo: newOutTradeNo(), description: 'Tea', amountFen: 1999, openid: OPENID };

      const first = await createJsapiPrepay(input);
      const again = await createJsapiPrepay(input);

      expect(first.prepayId).toMatch(/^wx/);
      expect(again.prepayId).toBe(first.prepayId);
    });

    it('refuses a used out_trade_no with a different amount', async () => {
      const input = { outTradeNo: newOutTradeNo(), description: 'Tea', amountFen: 1999, openid: OPENID };
      await createJsapiPrepay(input);

      const changed = createJsapiPrepay({ ...input, amountFen: 1 });

      await expect(changed).rejects.toBeInstanceOf(WechatPayApiError);
      await expect(createJsapiPrepay({ ...input, amountFen: 1 })).rejects.toMatchObject({ status: 400, code: 'INVALID_REQUEST' });
    });
  });

  describe('request signatures checked by the simulator', () => {
    it('refuses with 401 SIGN_ERROR a request whose body was changed after signing', async () => {
      const path = '/v3/pay/transactions/jsapi';
      const signedBody = JSON.stringify({ amount: { total: 1 } });
      const authorization = buildAuthorizationHeader({ method: 'POST', pathWithQuery: path, body: signedBody });

      const response = await fetch(`${h.sims.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: { total: 100 } }),
      });

      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'SIGN_ERROR' });
    });

    it('refuses with 401 SIGN_ERROR a request signed with a key that is not the merchant key', async () => {
      h.overrideEnv({ WECHATPAY_PRIVATE_KEY: otherKey.privateKey });

      const attempt = createJsapiPrepay({ outTradeNo: newOutTradeNo(), description: 'Tea', amountFen: 1, openid: OPENID });

      await expect(attempt).rejects.toMatchObject({ name: 'WechatPayApiError', status: 401, code: 'SIGN_ERROR' });
    });

    it('refuses a requestPayment whose paySign was tampered with', async () => {
      const { prepayId } = await createJsapiPrepay({ outTradeNo: newOutTradeNo(), description: 'Tea', amountFen: 5, openid: OPENID });
      const params = buildRequestPaymentParams(prepayId);

      const answer = await h.simJson('POST', '/_sim/wechatpay/pay', { ...params, timeStamp: String(Number(params.timeStamp) + 1) }, PayAnswer);

      expect(answer.code).toBe('SIGN_ERROR');
    });
  });

  describe('payment and notification', () => {
    it('delivers a genuine notification that decrypts to the paid transaction', async () => {
      const { outTradeNo, request } = await placeAndPay(2500);

      const notification = parseNotification({ headers: request.headers, body: request.body });
      const queried = await queryByOutTradeNo(outTradeNo);

      expect(notification).toMatchObject({ eventType: 'TRANSACTION.SUCCESS', originalType: 'transaction' });
      expect(notification.resource).toMatchObject({ outTradeNo, tradeState: 'SUCCESS', totalFen: 2500, payerOpenid: OPENID });
      expect(queried.tradeState).toBe('SUCCESS');
      expect(queried.transactionId).toBe(notification.resource.transactionId);
    });

    it('rejects a notification whose body was altered', async () => {
      const { request } = await placeAndPay(100);
      const altered = request.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESS ');

      expect(() => parseNotification({ headers: request.headers, body: altered })).toThrow(InvalidSignatureError);
    });

    it('rejects a notification signed with a key that is not WeChat Pay’s', () => {
      const body = JSON.stringify({ id: 'x', event_type: 'TRANSACTION.SUCCESS' });
      const headers = signAsWechatPay(otherKey.privateKey, platform().serial, body);

      expect(() => parseNotification({ headers, body })).toThrow(InvalidSignatureError);
    });

    it('rejects a notification from an unknown Wechatpay-Serial', async () => {
      const { request } = await placeAndPay(100);
      const headers = { ...request.headers, 'wechatpay-serial': 'PUB_KEY_ID_0000000000000000000000000000' };

      expect(() => parseNotification({ headers, body: request.body })).toThrow(/unknown Wechatpay-Serial/);
    });

    it('rejects a genuinely signed notification older than 5 minutes', async () => {
      const { request } = await placeAndPay(100);
      const { privateKey, serial } = platform();
      const headers = signAsWechatPay(privateKey, serial, request.body, nowSeconds() - 301);

      expect(() => parseNotification({ headers, body: request.body })).toThrow(/more than 5 minutes/);
    });

    it('rejects a correctly signed notification whose ciphertext does not decrypt', async () => {
      const { request } = await placeAndPay(100);
      const envelope = Envelope.parse(JSON.parse(request.body));
      const flipped = Buffer.from(envelope.resource.ciphertext, 'base64');
      flipped[0] = (flipped[0] ?? 0) ^ 0xff;
      const body = JSON.stringify({ ...envelope, resource: { ...envelope.resource, ciphertext: flipped.toString('base64') } });
      const { privateKey, serial } = platform();

      expect(() => parseNotification({ headers: signAsWechatPay(privateKey, serial, body), body })).toThrow(/does not decrypt/);
    });

    it('retries a notification until the callback answers 2xx: two failures then 204 make exactly 3 deliveries', async () => {
      h.callback.answerNext({ status: 500 }, { status: 503 });

      const { outTradeNo } = await placeAndPay(300);
      await waitFor(() => (notificationsFor(outTradeNo, 'TRANSACTION.SUCCESS').length >= 3 ? true : undefined));
      await sleep(400);

      const deliveries = notificationsFor(outTradeNo, 'TRANSACTION.SUCCESS');
      const ids = new Set(deliveries.map(({ parsed }) => parsed.id));
      const statuses = h.sims.state.notifications.filter((n) => ids.has(n.notificationId)).map((n) => n.status);
      expect(deliveries).toHaveLength(3);
      expect(ids.size).toBe(1);
      expect(statuses).toEqual([500, 503, 204]);
    });
  });

  describe('refund', () => {
    it('is idempotent on out_refund_no and cannot exceed what is left of the total', async () => {
      const { outTradeNo } = await placeAndPay(1000);
      const first = await refund({ outTradeNo, outRefundNo: `${outTradeNo}-R1`, refundFen: 600, totalFen: 1000 });

      const repeated = await refund({ outTradeNo, outRefundNo: `${outTradeNo}-R1`, refundFen: 600, totalFen: 1000 });
      const tooMuch = refund({ outTradeNo, outRefundNo: `${outTradeNo}-R2`, refundFen: 401, totalFen: 1000 });
      const rest = await refund({ outTradeNo, outRefundNo: `${outTradeNo}-R3`, refundFen: 400, totalFen: 1000 });

      expect(repeated.refundId).toBe(first.refundId);
      await expect(tooMuch).rejects.toMatchObject({ name: 'WechatPayApiError', status: 400, code: 'INVALID_REQUEST' });
      expect(rest).toMatchObject({ refundFen: 400, totalFen: 1000 });
      await expect(refund({ outTradeNo, outRefundNo: `${outTradeNo}-R4`, refundFen: 1, totalFen: 1000 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    });

    it('refuses a refund larger than the order total', async () => {
      const { outTradeNo } = await placeAndPay(500);

      const attempt = refund({ outTradeNo, outRefundNo: `${outTradeNo}-R1`, refundFen: 501, totalFen: 500 });

      await expect(attempt).rejects.toBeInstanceOf(WechatPayApiError);
    });

    it('completes the refund and sends a REFUND.SUCCESS notification that decrypts', async () => {
      const { outTradeNo } = await placeAndPay(800);
      const outRefundNo = `${outTradeNo}-R1`;

      const created = await refund({ outTradeNo, outRefundNo, refundFen: 800, totalFen: 800 });
      const [notice] = await waitFor(() => {
        const found = notificationsFor(outTradeNo, 'REFUND.SUCCESS');
        return found.length ? found : undefined;
      });

      expect(created.status).toBe('PROCESSING');
      expect(notice?.parsed).toMatchObject({ originalType: 'refund', resource: { outRefundNo, status: 'SUCCESS', refundFen: 800 } });
      expect((await queryRefund(outRefundNo)).status).toBe('SUCCESS');
      expect((await queryByOutTradeNo(outTradeNo)).tradeState).toBe('REFUND');
    });
  });

  describe('closeOrder', () => {
    it('closes an unpaid order so it can no longer be paid', async () => {
      const outTradeNo = newOutTradeNo();
      const { prepayId } = await createJsapiPrepay({ outTradeNo, description: 'Tea', amountFen: 10, openid: OPENID });

      await closeOrder(outTradeNo);
      const answer = await h.simJson('POST', '/_sim/wechatpay/pay', { prepay_id: prepayId }, PayAnswer);

      expect((await queryByOutTradeNo(outTradeNo)).tradeState).toBe('CLOSED');
      expect(answer.code).toBe('ORDER_STATE_ERROR');
    });

    it('reports an unknown order as ORDER_NOT_EXIST', async () => {
      await expect(queryByOutTradeNo('NO_SUCH_ORDER_1')).rejects.toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' });
    });
  });
});
