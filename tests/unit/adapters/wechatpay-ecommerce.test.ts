import { createSign, createVerify } from 'node:crypto';
import { z } from 'zod';
import {
  CombineOrderInputError,
  type CombineNotification,
  InvalidSignatureError,
  closeCombine,
  createCombineH5,
  createCombineJsapi,
  parseCombineNotification,
  queryApplyment,
  queryCombine,
  querySubMerchantBalance,
  submitApplyment,
  applyEcommerceRefund,
  queryEcommerceRefund,
} from '../../../functions/lib/adapters/wechatpay-ecommerce';
import { DEMO_SUB_MERCHANTS } from '../../../infra/local/sims/wechatpay-ecommerce-api';
import { type CallbackRequest, type Harness, sleep, startHarness, waitFor } from './harness';

const OPENID = 'o-combine-shopper';
const [STORE_A, STORE_B] = DEMO_SUB_MERCHANTS.map((m) => m.subMchid) as [string, string];
let sequence = 0;
const newNo = (prefix: string): string => `${prefix}${Date.now()}${(sequence += 1)}`;
const cny = (amount: number) => ({ amount, currency: 'CNY' as const });

const PayAnswer = z.object({ trade_state: z.string().optional(), code: z.string().optional() }).loose();

function twoStoreCheckout(amounts: [number, number] = [1999, 500]) {
  const combineOutTradeNo = newNo('C');
  return {
    combineOutTradeNo,
    openid: OPENID,
    subOrders: [
      { subMchid: STORE_A, outTradeNo: `${combineOutTradeNo}A`, amount: cny(amounts[0]), description: '演示店铺一-茶叶' },
      { subMchid: STORE_B, outTradeNo: `${combineOutTradeNo}B`, amount: cny(amounts[1]), description: '演示店铺二-杯子' },
    ],
  };
}

describe('WeChat Pay e-commerce (combine payment) adapter against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(async () => {
    h.restoreEnv();
    await fetch(`${h.sims.baseUrl}/_sim/wechatpay/notify-control`, { method: 'POST', body: JSON.stringify({ copies: 1, delayMs: 0, hold: false }) });
  });

  const combineRequests = (combineOutTradeNo: string): { request: CallbackRequest; parsed: CombineNotification }[] =>
    h.callback.requests
      .filter((r) => r.path.startsWith('/wechatpay'))
      .flatMap((request) => {
        try {
          return [{ request, parsed: parseCombineNotification({ headers: request.headers, body: request.body }) }];
        } catch {
          return [];
        }
      })
      .filter(({ parsed }) => parsed.resource.combineOutTradeNo === combineOutTradeNo);

  async function waitForNotifications(combineOutTradeNo: string, count = 1): Promise<{ request: CallbackRequest; parsed: CombineNotification }[]> {
    return waitFor(() => {
      const found = combineRequests(combineOutTradeNo);
      return found.length >= count ? found : undefined;
    });
  }

  describe('combine JSAPI', () => {
    it('returns wx.requestPayment params whose paySign verifies with the merchant key over appId\\ntimeStamp\\nnonceStr\\npackage\\n', async () => {
      const { prepayId, payParams } = await createCombineJsapi(twoStoreCheckout());

      const message = `${h.env.WECHAT_APPID}\n${payParams.timeStamp}\n${payParams.nonceStr}\n${payParams.package}\n`;
      const valid = createVerify('RSA-SHA256').update(message).verify(h.sims.keys.wechatpay.merchant.publicKey, payParams.paySign, 'base64');

      expect(payParams).toMatchObject({ appId: h.env.WECHAT_APPID, package: `prepay_id=${prepayId}`, signType: 'RSA' });
      expect(payParams.timeStamp).toMatch(/^\d{10}$/);
      expect(valid).toBe(true);
    });

    it('pays every sub-order, notifies once with sub_orders inside and freezes each store its own amount', async () => {
      const checkout = twoStoreCheckout([1999, 500]);
      const before = await Promise.all([querySubMerchantBalance(STORE_A), querySubMerchantBalance(STORE_B)]);
      const { payParams } = await createCombineJsapi(checkout);

      const answer = await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
      const [delivered] = await waitForNotifications(checkout.combineOutTradeNo);
      const after = await Promise.all([querySubMerchantBalance(STORE_A), querySubMerchantBalance(STORE_B)]);
      const queried = await queryCombine(checkout.combineOutTradeNo);

      expect(answer.trade_state).toBe('SUCCESS');
      expect(delivered?.parsed.eventType).toBe('TRANSACTION.SUCCESS');
      const subs = delivered?.parsed.resource.subOrders ?? [];
      expect(subs.map((s) => [s.subMchid, s.outTradeNo, s.tradeState, s.amount.amount, s.amount.currency])).toEqual([
        [STORE_A, `${checkout.combineOutTradeNo}A`, 'SUCCESS', 1999, 'CNY'],
        [STORE_B, `${checkout.combineOutTradeNo}B`, 'SUCCESS', 500, 'CNY'],
      ]);
      expect(subs.every((s) => s.mchid === h.env.WECHATPAY_MCHID && /^42000\d+$/.test(s.transactionId ?? ''))).toBe(true);
      expect(after[0].pending.amount - before[0].pending.amount).toBe(1999);
      expect(after[1].pending.amount - before[1].pending.amount).toBe(500);
      expect(after[0].available.amount).toBe(before[0].available.amount);
      expect(queried.subOrders.map((s) => s.tradeState)).toEqual(['SUCCESS', 'SUCCESS']);
      expect(queried.subOrders.map((s) => s.transactionId)).toEqual(subs.map((s) => s.transactionId));
    });

    it('returns the same prepay_id for a repeated checkout and refuses the number with other sub-orders', async () => {
      const checkout = twoStoreCheckout();

      const first = await createCombineJsapi(checkout);
      const again = await createCombineJsapi(checkout);
      const changed = createCombineJsapi({ ...checkout, subOrders: checkout.subOrders.map((s) => ({ ...s, amount: cny(1) })) });

      expect(again.prepayId).toBe(first.prepayId);
      await expect(changed).rejects.toMatchObject({ name: 'WechatPayApiError', status: 400, code: 'INVALID_REQUEST' });
    });

    it('refuses more than 50 stores before calling WeChat Pay', async () => {
      const combineOutTradeNo = newNo('C');
      const subOrders = Array.from({ length: 51 }, (_, i) => ({
        subMchid: STORE_A,
        outTradeNo: `${combineOutTradeNo}S${i}`,
        amount: cny(1),
        description: 'x',
      }));
      const calls = h.callback.requests.length;

      const attempt = createCombineJsapi({ combineOutTradeNo, openid: OPENID, subOrders });

      await expect(attempt).rejects.toBeInstanceOf(CombineOrderInputError);
      await expect(queryCombine(combineOutTradeNo)).rejects.toMatchObject({ status: 404, code: 'ORDER_NOT_EXIST' });
      expect(h.callback.requests.length).toBe(calls);
    });

    it('refuses a sub-order for a sub-merchant the platform has not onboarded', async () => {
      const checkout = twoStoreCheckout();
      const first = checkout.subOrders[0];
      if (!first) throw new Error('no sub-order');

      const attempt = createCombineJsapi({ ...checkout, subOrders: [{ ...first, subMchid: '1999999999' }] });

      await expect(attempt).rejects.toMatchObject({ status: 400, code: 'PARAM_ERROR' });
    });

    it('closes an unpaid checkout so it can no longer be paid', async () => {
      const checkout = twoStoreCheckout();
      const { payParams } = await createCombineJsapi(checkout);

      await closeCombine(checkout.combineOutTradeNo, checkout.subOrders);
      const answer = await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
      const queried = await queryCombine(checkout.combineOutTradeNo);

      expect(answer.code).toBe('ORDER_STATE_ERROR');
      expect(queried.subOrders.map((s) => s.tradeState)).toEqual(['CLOSED', 'CLOSED']);
    });

    it('refuses to close a paid checkout with ORDERPAID', async () => {
      const checkout = twoStoreCheckout();
      const { payParams } = await createCombineJsapi(checkout);
      await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);

      const attempt = closeCombine(checkout.combineOutTradeNo, checkout.subOrders);

      await expect(attempt).rejects.toMatchObject({ status: 400, code: 'ORDERPAID' });
    });

    it('cannot be paid after its time_expire', async () => {
      const checkout = { ...twoStoreCheckout(), expiresAt: new Date(Date.now() + 1500) };
      const { payParams } = await createCombineJsapi(checkout);

      await sleep(1600);
      const answer = await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);

      expect(answer.code).toBe('ORDER_CLOSED');
      expect((await queryCombine(checkout.combineOutTradeNo)).subOrders.map((s) => s.tradeState)).toEqual(['NOTPAY', 'NOTPAY']);
    });
  });

  describe('combine H5 cashier', () => {
    it('serves a cashier page with Pay and Cancel buttons; Pay pays and redirects back', async () => {
      const checkout = twoStoreCheckout([300, 400]);
      const { h5Url } = await createCombineH5({ ...checkout, payerClientIp: '203.0.113.9', redirectUrl: 'http://127.0.0.1:9/result' });

      const page = await (await fetch(h5Url)).text();
      const prepayId = new URL(h5Url).searchParams.get('prepay_id') ?? '';
      const paid = await fetch(`${h.sims.baseUrl}/_sim/wechatpay/cashier/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prepay_id: prepayId, redirect_url: 'http://127.0.0.1:9/result' }).toString(),
        redirect: 'manual',
      });
      const [delivered] = await waitForNotifications(checkout.combineOutTradeNo);

      expect(page).toContain('id="pay"');
      expect(page).toContain('id="cancel"');
      expect(page).toContain('¥7.00');
      expect(paid.status).toBe(302);
      expect(paid.headers.get('location')).toBe('http://127.0.0.1:9/result');
      expect(delivered?.parsed.resource.subOrders.map((s) => s.tradeState)).toEqual(['SUCCESS', 'SUCCESS']);
    });

    it('Cancel leaves the order unpaid', async () => {
      const checkout = twoStoreCheckout();
      const { h5Url } = await createCombineH5({ ...checkout, payerClientIp: '203.0.113.9' });
      const prepayId = new URL(h5Url).searchParams.get('prepay_id') ?? '';

      const page = await (
        await fetch(`${h.sims.baseUrl}/_sim/wechatpay/cashier/cancel`, { method: 'POST', body: new URLSearchParams({ prepay_id: prepayId }).toString() })
      ).text();

      expect(page).toContain('已取消支付');
      expect((await queryCombine(checkout.combineOutTradeNo)).subOrders.map((s) => s.tradeState)).toEqual(['NOTPAY', 'NOTPAY']);
    });
  });

  describe('notifications', () => {
    async function payAndGet(checkout = twoStoreCheckout()): Promise<{ request: CallbackRequest; combineOutTradeNo: string }> {
      const { payParams } = await createCombineJsapi(checkout);
      await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
      const [delivered] = await waitForNotifications(checkout.combineOutTradeNo);
      if (!delivered) throw new Error('no notification');
      return { request: delivered.request, combineOutTradeNo: checkout.combineOutTradeNo };
    }

    it('retries a notification the merchant answers with 500 until it is accepted', async () => {
      h.callback.answerNext({ status: 500 }, { status: 503 });
      const checkout = twoStoreCheckout();
      const { payParams } = await createCombineJsapi(checkout);

      await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
      const delivered = await waitForNotifications(checkout.combineOutTradeNo, 3);

      expect(new Set(delivered.map((d) => d.parsed.id)).size).toBe(1);
      expect(delivered).toHaveLength(3);
    });

    it('duplicates a notification 15 times on request (test hook)', async () => {
      await h.simJson('POST', '/_sim/wechatpay/notify-control', { copies: 15 }, z.object({ copies: z.number() }).loose());

      const { combineOutTradeNo } = await payAndGet();
      const all = await waitForNotifications(combineOutTradeNo, 15);

      expect(all).toHaveLength(15);
      expect(new Set(all.map((d) => d.parsed.id)).size).toBe(1);
    });

    it('delays notifications on request (test hook)', async () => {
      await h.simJson('POST', '/_sim/wechatpay/notify-control', { delayMs: 400 }, z.object({ delayMs: z.number() }).loose());
      const checkout = twoStoreCheckout();
      const { payParams } = await createCombineJsapi(checkout);

      await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
      await sleep(200);
      const early = combineRequests(checkout.combineOutTradeNo).length;
      const late = await waitForNotifications(checkout.combineOutTradeNo);

      expect(early).toBe(0);
      expect(late).toHaveLength(1);
    });

    it('holds notifications and releases them newest first (reordering)', async () => {
      await h.simJson('POST', '/_sim/wechatpay/notify-control', { hold: true }, z.object({}).loose());
      const first = twoStoreCheckout();
      const second = twoStoreCheckout();
      for (const checkout of [first, second]) {
        const { payParams } = await createCombineJsapi(checkout);
        await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
      }
      await sleep(100);
      expect(combineRequests(first.combineOutTradeNo)).toHaveLength(0);

      await h.simJson('POST', '/_sim/wechatpay/notify-control/release', { order: 'reverse' }, z.object({ released: z.number() }));
      await waitForNotifications(first.combineOutTradeNo);
      const order = h.callback.requests
        .map((r) => {
          try {
            return parseCombineNotification({ headers: r.headers, body: r.body }).resource.combineOutTradeNo;
          } catch {
            return undefined;
          }
        })
        .filter((no) => no === first.combineOutTradeNo || no === second.combineOutTradeNo);

      expect(order).toEqual([second.combineOutTradeNo, first.combineOutTradeNo]);
    });

    it('rejects a notification whose body was altered (amount changed)', async () => {
      const { request } = await payAndGet();
      const altered = request.body.replace(/"ciphertext":"(.)/, (_m, c: string) => `"ciphertext":"${c === 'A' ? 'B' : 'A'}`);

      expect(() => parseCombineNotification({ headers: request.headers, body: altered })).toThrow(InvalidSignatureError);
    });

    it('rejects a notification signed with another key (forged)', async () => {
      const { request } = await payAndGet();
      const { privateKey } = await import('node:crypto').then((c) =>
        c.generateKeyPairSync('rsa', {
          modulusLength: 2048,
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        }),
      );
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = createSign('RSA-SHA256').update(`${ts}\nnonce\n${request.body}\n`).sign(privateKey, 'base64');
      const headers = { ...request.headers, 'wechatpay-timestamp': ts, 'wechatpay-nonce': 'nonce', 'wechatpay-signature': signature };

      expect(() => parseCombineNotification({ headers, body: request.body })).toThrow(/does not match/);
    });

    it('rejects an unknown Wechatpay-Serial and a timestamp more than 5 minutes old', async () => {
      const { request } = await payAndGet();
      const stale = String(Math.floor(Date.now() / 1000) - 301);
      const signature = createSign('RSA-SHA256').update(`${stale}\nn\n${request.body}\n`).sign(h.sims.keys.wechatpay.platform.privateKey, 'base64');

      expect(() => parseCombineNotification({ headers: { ...request.headers, 'wechatpay-serial': 'PUB_KEY_ID_OTHER' }, body: request.body })).toThrow(
        /unknown Wechatpay-Serial/,
      );
      expect(() =>
        parseCombineNotification({
          headers: { ...request.headers, 'wechatpay-timestamp': stale, 'wechatpay-nonce': 'n', 'wechatpay-signature': signature },
          body: request.body,
        }),
      ).toThrow(/more than 5 minutes/);
    });

    it('resends an earlier notification on request (replay hook), signed afresh and still valid', async () => {
      const { request, combineOutTradeNo } = await payAndGet();
      const id = parseCombineNotification({ headers: request.headers, body: request.body }).id;

      await h.simJson('POST', `/_sim/wechatpay/notifications/${id}/resend`, { copies: 2 }, z.object({ resent: z.number() }));
      const all = await waitForNotifications(combineOutTradeNo, 3);

      expect(all.map((d) => d.parsed.id)).toEqual([id, id, id]);
    });
  });

  describe('sub-merchant onboarding (applyments)', () => {
    const Advance = z.object({ applyment_state: z.string() }).loose();
    const application = () => ({
      outRequestNo: newNo('APP'),
      organizationType: '2401' as const,
      merchantShortname: '新店',
      storeName: '新店的小程序店铺',
      contact: { name: '张三', mobile: '13800138000' },
    });

    it('moves CHECKING -> ACCOUNT_NEED_VERIFY -> AUDITING -> NEED_SIGN (sign_url) -> FINISH with a sub_mchid that can then sell', async () => {
      const input = application();
      const submitted = await submitApplyment(input);
      const states = [(await queryApplyment(input.outRequestNo)).state];
      for (let i = 0; i < 3; i += 1) {
        await h.simJson('POST', `/_sim/wechatpay/applyments/${input.outRequestNo}/advance`, {}, Advance);
        states.push((await queryApplyment(input.outRequestNo)).state);
      }
      const needSign = await queryApplyment(input.outRequestNo);
      const signPage = await (await fetch(needSign.signUrl ?? '')).text();
      await fetch(needSign.signUrl ?? '', { method: 'POST' });
      const finished = await queryApplyment(input.outRequestNo);
      const combineOutTradeNo = newNo('C');

      const placed = await createCombineJsapi({
        combineOutTradeNo,
        openid: OPENID,
        subOrders: [{ subMchid: finished.subMchid ?? '', outTradeNo: `${combineOutTradeNo}N`, amount: cny(100), description: '新店商品' }],
      });

      expect(submitted.outRequestNo).toBe(input.outRequestNo);
      expect(states).toEqual(['CHECKING', 'ACCOUNT_NEED_VERIFY', 'AUDITING', 'NEED_SIGN']);
      expect(signPage).toContain('id="sign"');
      expect(finished.state).toBe('FINISH');
      expect(finished.subMchid).toMatch(/^16\d{8}$/);
      expect(placed.prepayId).toMatch(/^wx/);
    });

    it('shows the account to verify in ACCOUNT_NEED_VERIFY and the reasons when REJECTED', async () => {
      const input = application();
      await submitApplyment(input);
      await h.simJson('POST', `/_sim/wechatpay/applyments/${input.outRequestNo}/advance`, {}, Advance);
      const verify = await queryApplyment(input.outRequestNo);

      await h.simJson(
        'POST',
        `/_sim/wechatpay/applyments/${input.outRequestNo}/advance`,
        { to: 'REJECTED', reasons: [{ param_name: 'id_card_copy', reject_reason: '身份证照片模糊' }] },
        Advance,
      );
      const rejected = await queryApplyment(input.outRequestNo);

      expect(verify.accountValidation?.payAmount).toEqual({ amount: 12, currency: 'CNY' });
      expect(rejected).toMatchObject({ state: 'REJECTED', rejectReasons: [{ field: 'id_card_copy', reason: '身份证照片模糊' }] });
      expect(rejected.subMchid).toBeUndefined();
    });

    it('is refused when sensitive fields are not encrypted with the WeChat Pay public key', async () => {
      const { publicKey } = await import('node:crypto').then((c) =>
        c.generateKeyPairSync('rsa', {
          modulusLength: 2048,
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        }),
      );
      h.overrideEnv({ WECHATPAY_PUBLIC_KEY: publicKey });

      const attempt = submitApplyment(application());

      await expect(attempt).rejects.toMatchObject({ name: 'WechatPayApiError', status: 400, code: 'PARAM_ERROR' });
    });
  });

  describe('e-commerce refunds (退款申请)', () => {
    it('refunds a paid sub-order from its sub-merchant once: the same out_refund_no answers the same refund; another amount is refused', async () => {
      const input = twoStoreCheckout([1200, 300]);
      const { payParams } = await createCombineJsapi(input);
      await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
      const paid = await queryCombine(input.combineOutTradeNo);
      const subA = paid.subOrders.find((s) => s.subMchid === STORE_A)!;
      const before = await querySubMerchantBalance(STORE_A);
      const refund = {
        subMchid: STORE_A,
        transactionId: subA.transactionId!,
        outRefundNo: newNo('R'),
        refund: cny(1200),
        total: cny(1200),
        reason: '测试',
        notifyUrl: h.env.WECHATPAY_NOTIFY_URL,
      };

      const first = await applyEcommerceRefund(refund);
      const again = await applyEcommerceRefund(refund);
      const after = await querySubMerchantBalance(STORE_A);

      expect(first).toMatchObject({ outRefundNo: refund.outRefundNo, status: 'PROCESSING', refund: cny(1200) });
      expect(again.refundId).toBe(first.refundId);
      expect(after.pending.amount).toBe(before.pending.amount - 1200);
      await expect(applyEcommerceRefund({ ...refund, refund: cny(100) })).rejects.toMatchObject({ name: 'WechatPayApiError', code: 'INVALID_REQUEST' });
      await expect(applyEcommerceRefund({ ...refund, outRefundNo: newNo('R') })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
      await waitFor(() => h.callback.requests.find((r) => r.body.includes('"REFUND.SUCCESS"')));
      expect(await queryEcommerceRefund(STORE_A, refund.outRefundNo)).toMatchObject({ refundId: first.refundId, status: 'SUCCESS' });
      await expect(queryEcommerceRefund(STORE_B, refund.outRefundNo)).rejects.toMatchObject({ status: 404 });
    });

    it('refuses to refund an unpaid sub-order', async () => {
      const input = twoStoreCheckout();
      await createCombineJsapi(input);
      const attempt = applyEcommerceRefund({ subMchid: STORE_A, transactionId: 'NOSUCHTX0001', outRefundNo: newNo('R'), refund: cny(1), total: cny(1999) });
      await expect(attempt).rejects.toMatchObject({ status: 404, code: 'RESOURCE_NOT_EXISTS' });
    });
  });
});
