import { AlipaySdk } from 'alipay-sdk';
import { z } from 'zod';
import { confirmSettlement, createMergedTrade, createTrade, queryTrade, verifyNotify } from '../../../functions/lib/adapters/alipay';
import { DEMO_ALIPAY_SUB_MERCHANTS } from '../../../infra/local/sims/alipay-api';
import { type Harness, startHarness, waitFor } from './harness';

const BUYER = '2088000000000088';
const [SMID_A, SMID_B] = DEMO_ALIPAY_SUB_MERCHANTS.map((m) => m.smid) as [string, string];
const SubMerchants = z.object({ sub_merchants: z.array(z.object({ smid: z.string(), pendingFen: z.number(), settledFen: z.number() }).loose()) });

describe('Alipay 直付通 (sub-merchant direct pay) against the simulator', () => {
  let h: Harness;
  let sequence = 0;
  const newNo = (): string => `DP${Date.now()}${(sequence += 1)}`;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const balances = async (): Promise<Record<string, { pendingFen: number; settledFen: number }>> =>
    Object.fromEntries((await h.simJson('GET', '/_sim/alipay/sub-merchants', undefined, SubMerchants)).sub_merchants.map((m) => [m.smid, m]));
  const notifiesFor = (outTradeNo: string): Record<string, string>[] =>
    h.callback.requests
      .filter((r) => r.path.startsWith('/alipay'))
      .map((r) => Object.fromEntries(new URLSearchParams(r.body)))
      .filter((p) => p.out_trade_no === outTradeNo);

  it('pays a two-store checkout once; each store is notified and its own amount waits for settlement', async () => {
    const no = newNo();
    const before = await balances();

    const merged = await createMergedTrade({
      outMergeNo: no,
      buyerId: BUYER,
      orders: [
        { outTradeNo: `${no}A`, amountFen: 1999, subject: '店一', subMerchantId: SMID_A },
        { outTradeNo: `${no}B`, amountFen: 501, subject: '店二', subMerchantId: SMID_B },
      ],
    });
    await h.simJson('POST', '/_sim/alipay/pay', { pre_order_no: merged.preOrderNo }, z.object({ trade_status: z.string() }).loose());
    const [notifyA, notifyB] = await waitFor(() => {
      const a = notifiesFor(`${no}A`)[0];
      const b = notifiesFor(`${no}B`)[0];
      return a && b ? [a, b] : undefined;
    });
    const after = await balances();

    expect(merged.trades.map((t) => t.outTradeNo)).toEqual([`${no}A`, `${no}B`]);
    expect([notifyA?.total_amount, notifyB?.total_amount]).toEqual(['19.99', '5.01']);
    expect(verifyNotify(notifyA ?? {}) && verifyNotify(notifyB ?? {})).toBe(true);
    expect((after[SMID_A]?.pendingFen ?? 0) - (before[SMID_A]?.pendingFen ?? 0)).toBe(1999);
    expect((after[SMID_B]?.pendingFen ?? 0) - (before[SMID_B]?.pendingFen ?? 0)).toBe(501);
    expect((await queryTrade({ outTradeNo: `${no}A` })).tradeStatus).toBe('TRADE_SUCCESS');
  });

  it('settles a paid trade to its store once per out_request_no and never more than was paid', async () => {
    const outTradeNo = newNo();
    const { tradeNo } = await createTrade({ outTradeNo, amountFen: 1000, subject: '店一', buyerId: BUYER, subMerchantId: SMID_A });
    await h.simJson('POST', '/_sim/alipay/pay', { trade_no: tradeNo }, z.object({}).loose());
    const before = await balances();

    await confirmSettlement({ tradeNo, outRequestNo: `${outTradeNo}S1`, amountFen: 1000 });
    await confirmSettlement({ tradeNo, outRequestNo: `${outTradeNo}S1`, amountFen: 1000 });
    const more = confirmSettlement({ tradeNo, outRequestNo: `${outTradeNo}S2`, amountFen: 1 });
    await expect(more).rejects.toMatchObject({ name: 'AlipayApiError', subCode: 'ACQ.SETTLE_AMOUNT_ERROR' });
    const after = await balances();

    expect((after[SMID_A]?.settledFen ?? 0) - (before[SMID_A]?.settledFen ?? 0)).toBe(1000);
    expect((after[SMID_A]?.pendingFen ?? 0) - (before[SMID_A]?.pendingFen ?? 0)).toBe(-1000);
  });

  it('refuses an unknown sub-merchant', async () => {
    const attempt = createTrade({ outTradeNo: newNo(), amountFen: 100, subject: 'x', buyerId: BUYER, subMerchantId: '2088999999999999' });

    await expect(attempt).rejects.toMatchObject({ subCode: 'ACQ.SUB_MERCHANT_NOT_EXIST' });
  });

  it('the vendor SDK places the same merged payment through the gateway and verifies the signed answer', async () => {
    const { alipay } = h.sims.keys;
    const sdk = new AlipaySdk({
      appId: alipay.appid,
      privateKey: alipay.app.privateKey,
      keyType: 'PKCS8',
      alipayPublicKey: alipay.platform.publicKey,
      gateway: h.env.ALIPAY_GATEWAY ?? '',
    });
    const no = newNo();

    const result = await sdk.exec(
      'alipay.trade.merge.precreate',
      {
        timestamp: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
        notifyUrl: h.env.ALIPAY_NOTIFY_URL,
        bizContent: {
          outMergeNo: no,
          orderDetails: [
            {
              appId: alipay.appid,
              outTradeNo: `${no}A`,
              totalAmount: '3.00',
              subject: '店一',
              productCode: 'JSAPI_PAY',
              buyerId: BUYER,
              subMerchant: { merchantId: SMID_A },
              settleInfo: { settleDetailInfos: [{ transInType: 'defaultSettle', amount: '3.00' }] },
            },
          ],
        },
      },
      { validateSign: true },
    );

    expect(result).toMatchObject({ code: '10000', outMergeNo: no, preOrderNo: expect.any(String) });
  });
});
