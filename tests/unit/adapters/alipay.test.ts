import { generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import {
  AlipayApiError,
  InvalidSignatureError,
  closeTrade,
  createTrade,
  exchangeAuthCode,
  queryTrade,
  refund,
  verifyNotify,
} from '../../../functions/lib/adapters/alipay';
import { type Harness, sleep, startHarness, waitFor } from './harness';

const BUYER = '2088000000000001';
let sequence = 0;
const newOutTradeNo = (): string => `A${Date.now()}${(sequence += 1)}`;

describe('Alipay adapter against the simulator', () => {
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

  const authCode = async (userId?: string): Promise<string> =>
    (await h.simJson('POST', '/_sim/alipay/auth', userId ? { userId } : {}, z.object({ authCode: z.string() }))).authCode;

  /** Async notifications received for one trade, as decoded form fields. */
  const notifiesFor = (outTradeNo: string): Record<string, string>[] =>
    h.callback.requests
      .filter((r) => r.path.startsWith('/alipay'))
      .map((r) => Object.fromEntries(new URLSearchParams(r.body)))
      .filter((params) => params.out_trade_no === outTradeNo);

  async function createAndPay(amountFen: number): Promise<{ outTradeNo: string; tradeNo: string; notify: Record<string, string> }> {
    const outTradeNo = newOutTradeNo();
    const { tradeNo } = await createTrade({ outTradeNo, amountFen, subject: 'Test goods', buyerId: BUYER });
    await h.simJson('POST', '/_sim/alipay/pay', { trade_no: tradeNo }, z.object({ trade_status: z.string() }));
    const notify = await waitFor(() => notifiesFor(outTradeNo)[0]);
    return { outTradeNo, tradeNo, notify };
  }

  describe('exchangeAuthCode', () => {
    it('exchanges an auth code once and refuses it the second time', async () => {
      const code = await authCode('2088123412341234');

      const user = await exchangeAuthCode(code);
      const second = exchangeAuthCode(code);

      expect(user.userId).toBe('2088123412341234');
      await expect(second).rejects.toMatchObject({ name: 'AlipayApiError', subCode: 'isv.code-invalid' });
    });
  });

  describe('signatures', () => {
    it('is refused by the gateway when the request is signed with a key that is not the app key', async () => {
      h.overrideEnv({ ALIPAY_PRIVATE_KEY: otherKey.privateKey });

      const attempt = queryTrade({ outTradeNo: 'whatever' });

      await expect(attempt).rejects.toBeInstanceOf(AlipayApiError);
      await expect(queryTrade({ outTradeNo: 'whatever' })).rejects.toMatchObject({ subCode: 'isv.invalid-signature' });
    });

    it('rejects an answer that is not signed by the configured Alipay public key', async () => {
      h.overrideEnv({ ALIPAY_PUBLIC_KEY: otherKey.publicKey });

      await expect(exchangeAuthCode(await authCode())).rejects.toBeInstanceOf(InvalidSignatureError);
    });

    it('accepts keys given as bare base64 without PEM armour, as the Alipay console shows them', async () => {
      const bare = (pem: string): string => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      h.overrideEnv({
        ALIPAY_PRIVATE_KEY: bare(h.sims.keys.alipay.app.privateKey),
        ALIPAY_PUBLIC_KEY: bare(h.sims.keys.alipay.platform.publicKey),
      });

      await expect(exchangeAuthCode(await authCode())).resolves.toHaveProperty('userId');
    });
  });

  describe('trades and notifications', () => {
    it('creates, pays and queries a trade; its notification verifies', async () => {
      const { outTradeNo, tradeNo, notify } = await createAndPay(1234);

      const trade = await queryTrade({ outTradeNo });

      expect(trade).toMatchObject({ tradeNo, outTradeNo, tradeStatus: 'TRADE_SUCCESS', totalFen: 1234, buyerId: BUYER });
      expect(notify).toMatchObject({ notify_type: 'trade_status_sync', trade_status: 'TRADE_SUCCESS', total_amount: '12.34' });
      expect(verifyNotify(notify)).toBe(true);
    });

    it('fails to verify a notification whose amount was tampered with', async () => {
      const { notify } = await createAndPay(500);

      expect(verifyNotify({ ...notify, total_amount: '0.01' })).toBe(false);
    });

    it('fails to verify a notification addressed to another app', async () => {
      const { notify } = await createAndPay(500);

      expect(verifyNotify({ ...notify, app_id: '2021000000000000' })).toBe(false);
    });

    it('returns the same trade_no when the same out_trade_no is created again', async () => {
      const input = { outTradeNo: newOutTradeNo(), amountFen: 990, subject: 'Tea', buyerId: BUYER };

      const first = await createTrade(input);
      const again = await createTrade(input);
      const changed = createTrade({ ...input, amountFen: 1 });

      expect(again.tradeNo).toBe(first.tradeNo);
      await expect(changed).rejects.toMatchObject({ subCode: 'ACQ.CONTEXT_INCONSISTENT' });
    });

    it('retries the notification until the callback answers the literal "success"', async () => {
      h.callback.answerNext({ status: 200, body: 'ok' });

      const { outTradeNo } = await createAndPay(100);
      await waitFor(() => (notifiesFor(outTradeNo).length >= 2 ? true : undefined));
      await sleep(300);

      expect(notifiesFor(outTradeNo)).toHaveLength(2);
    });

    it('closes an unpaid trade', async () => {
      const outTradeNo = newOutTradeNo();
      await createTrade({ outTradeNo, amountFen: 100, subject: 'Tea', buyerId: BUYER });

      await closeTrade({ outTradeNo });

      expect((await queryTrade({ outTradeNo })).tradeStatus).toBe('TRADE_CLOSED');
    });
  });

  describe('refund', () => {
    it('is idempotent on out_request_no and cannot exceed the total', async () => {
      const { outTradeNo } = await createAndPay(1000);

      const first = await refund({ outTradeNo, outRequestNo: 'R1', refundFen: 700 });
      const repeated = await refund({ outTradeNo, outRequestNo: 'R1', refundFen: 700 });
      const tooMuch = refund({ outTradeNo, outRequestNo: 'R2', refundFen: 301 });
      const rest = await refund({ outTradeNo, outRequestNo: 'R3', refundFen: 300 });

      expect(first).toEqual({ fundChange: true, refundedTotalFen: 700 });
      expect(repeated).toEqual({ fundChange: false, refundedTotalFen: 700 });
      await expect(tooMuch).rejects.toMatchObject({ subCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' });
      expect(rest).toEqual({ fundChange: true, refundedTotalFen: 1000 });
      expect((await queryTrade({ outTradeNo })).tradeStatus).toBe('TRADE_CLOSED');
    });

    it('refuses to refund an unpaid trade', async () => {
      const outTradeNo = newOutTradeNo();
      await createTrade({ outTradeNo, amountFen: 100, subject: 'Tea', buyerId: BUYER });

      await expect(refund({ outTradeNo, outRequestNo: 'R1', refundFen: 100 })).rejects.toMatchObject({
        subCode: 'ACQ.TRADE_STATUS_ERROR',
      });
    });
  });
});
