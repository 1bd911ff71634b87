/**
 * WeChat Pay's trade bill: our adapter (functions/lib/adapters/wechatpay-bills.ts) and the vendor's SDK
 * (wechatpay-node-v3's tradebill + downloadBill) both against the simulator, so that the simulator's
 * bill and our reading of it cannot share a mistake: the SDK signs its own requests, and the file it
 * downloads must be the one whose SHA1 the signed answer names.
 */
import { createHash } from 'node:crypto';
import WxPay from 'wechatpay-node-v3';
import { z } from 'zod';
import { downloadTradeBill, parseTradeBill } from '../../../functions/lib/adapters/wechatpay-bills';
import { applyEcommerceRefund, createCombineJsapi, queryCombine } from '../../../functions/lib/adapters/wechatpay-ecommerce';
import { DEMO_SUB_MERCHANTS } from '../../../infra/local/sims/wechatpay-ecommerce-api';
import { type Harness, startHarness, waitFor } from './harness';

const VENDOR_HOST = 'https://api.mch.weixin.qq.com';
const [STORE_A, STORE_B] = DEMO_SUB_MERCHANTS.map((m) => m.subMchid) as [string, string];
const PayAnswer = z.object({ trade_state: z.string().optional() }).loose();
let sequence = 0;
const newNo = (prefix: string): string => `${prefix}${Date.now()}${(sequence += 1)}`;
const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe("WeChat Pay's trade bill against the simulator", () => {
  let h: Harness;
  let paid: { outTradeNo: string; transactionId: string; subMchid: string; amount: number }[] = [];
  let refundNo = '';

  beforeAll(async () => {
    h = await startHarness();
    // one two-store checkout paid, then 300 fen of store A's part refunded
    const no = newNo('B');
    const { payParams } = await createCombineJsapi({
      combineOutTradeNo: no,
      openid: 'o-bill',
      subOrders: [
        { subMchid: STORE_A, outTradeNo: `${no}A`, amount: { amount: 1999, currency: 'CNY' }, description: '账单一' },
        { subMchid: STORE_B, outTradeNo: `${no}B`, amount: { amount: 501, currency: 'CNY' }, description: '账单二' },
      ],
    });
    await h.simJson('POST', '/_sim/wechatpay/pay', payParams, PayAnswer);
    const combine = await queryCombine(no);
    paid = combine.subOrders.map((s) => ({ outTradeNo: s.outTradeNo, transactionId: s.transactionId!, subMchid: s.subMchid, amount: s.amount.amount }));
    refundNo = newNo('R');
    await applyEcommerceRefund({
      subMchid: STORE_A,
      transactionId: paid[0]!.transactionId,
      outRefundNo: refundNo,
      refund: { amount: 300, currency: 'CNY' },
      total: { amount: 1999, currency: 'CNY' },
      reason: '账单测试',
      notifyUrl: h.env.WECHATPAY_NOTIFY_URL,
    });
    await waitFor(() => h.callback.requests.find((r) => r.body.includes('"REFUND.SUCCESS"')));
  });
  afterAll(() => h.close());
  afterEach(() => h.simJson('POST', '/_sim/wechatpay/bills/tamper', {}, z.object({}).loose()));

  it("our adapter downloads today's bill, checks its SHA1 and reads every payment and the refund in fen", async () => {
    const bill = await downloadTradeBill(today());

    const mine = bill.lines.filter((l) => paid.some((p) => p.transactionId === l.transactionId));
    expect(mine.map((l) => [l.kind, l.subMchid, l.amount, l.outRefundNo ?? null])).toEqual([
      ['payment', STORE_A, 1999, null],
      ['payment', STORE_B, 501, null],
      ['refund', STORE_A, 300, refundNo],
    ]);
    expect(mine[0]).toMatchObject({ outTradeNo: paid[0]!.outTradeNo, currency: 'CNY', time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/) });
    // 0.6% of 19.99 yuan is 11.994 fen, printed 0.12000 yuan (12 fen) by the simulator
    expect(mine[0]!.feeMilliFen).toBe(12_000);
    expect(bill.totals.count).toBe(bill.lines.length);
  });

  it("one sub-merchant's bill holds only its lines; a day without a transaction is an empty bill; a day to come is refused", async () => {
    const onlyB = await downloadTradeBill(today(), STORE_B);
    const empty = await downloadTradeBill('2020-01-01');

    expect(onlyB.lines.every((l) => l.subMchid === STORE_B)).toBe(true);
    expect(onlyB.lines.some((l) => l.transactionId === paid[1]!.transactionId)).toBe(true);
    expect(empty.lines).toEqual([]);
    await expect(downloadTradeBill('2999-01-01')).rejects.toMatchObject({ name: 'WechatPayApiError', code: 'PARAM_ERROR' });
  });

  it('the tamper hook drops, adds and alters lines as asked (what reconciliation is shown)', async () => {
    await h.simJson(
      'POST',
      '/_sim/wechatpay/bills/tamper',
      {
        drop: [paid[1]!.outTradeNo],
        amounts: { [paid[0]!.outTradeNo]: 1998 },
        subMchids: { [refundNo]: STORE_B },
        extra: [{ kind: 'payment', date: today(), subMchid: STORE_A, transactionId: '4200000000000000000001', outTradeNo: 'NOT-OURS-1', amount: 77 }],
      },
      z.object({}).loose(),
    );

    const bill = await downloadTradeBill(today());

    expect(bill.lines.find((l) => l.outTradeNo === paid[1]!.outTradeNo)).toBeUndefined();
    expect(bill.lines.find((l) => l.kind === 'payment' && l.outTradeNo === paid[0]!.outTradeNo)?.amount).toBe(1998);
    expect(bill.lines.find((l) => l.outRefundNo === refundNo)?.subMchid).toBe(STORE_B);
    expect(bill.lines.find((l) => l.outTradeNo === 'NOT-OURS-1')).toMatchObject({ kind: 'payment', amount: 77 });
  });

  it("the vendor's SDK signs tradebill and downloadBill requests the simulator accepts, and gets the file whose SHA1 the answer names, which our parser reads", async () => {
    const { wechatpay, wechat } = h.sims.keys;
    const sdk = new WxPay({
      appid: wechat.appid,
      mchid: wechatpay.mchid,
      serial_no: wechatpay.merchantSerial,
      publicKey: Buffer.from(wechatpay.merchant.publicKey),
      privateKey: Buffer.from(wechatpay.merchant.privateKey),
      key: wechatpay.apiV3Key,
    });
    const texts: string[] = [];
    sdk.createHttp({
      get: async (url: string, headers: Record<string, string>) => {
        const response = await fetch(url.replace(VENDOR_HOST, h.sims.baseUrl), { headers });
        const text = await response.text();
        texts.push(text);
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // the bill file itself is not JSON
        }
        return { status: response.status, data, headers: Object.fromEntries(response.headers), text };
      },
      post: () => Promise.reject(new Error('not used')),
      upload: () => Promise.reject(new Error('not used')),
    } as never);

    const answer = (await sdk.tradebill({ bill_date: today(), bill_type: 'ALL' } as never)) as unknown as {
      status: number;
      data: { hash_value: string; download_url: string };
    };
    // the SDK signs paths on WeChat Pay's own host (it strips that prefix): the simulator stands at that host here
    const file = (await sdk.downloadBill(answer.data.download_url.replace(h.sims.baseUrl, VENDOR_HOST))) as unknown as { status: number; text: string };

    expect(answer.status).toBe(200);
    expect(file.status).toBe(200);
    expect(createHash('sha1').update(file.text, 'utf8').digest('hex')).toBe(answer.data.hash_value);
    const parsed = parseTradeBill(today(), file.text);
    expect(parsed.lines.filter((l) => l.outRefundNo === refundNo).map((l) => l.amount)).toEqual([300]);
    expect(file.text.split('\r\n')[0]).toMatch(/^交易时间,公众账号ID,商户号,特约商户号/);
  });

  it('a bill whose totals do not add up to its lines is refused', () => {
    const text = [
      '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注',
      '`2026-12-01 10:00:00,`wx1,`1900000100,`1900000101,`,`4200000001,`T1,`o1,`JSAPI,`SUCCESS,`OTHERS,`CNY,`12.34,`0.00,`0,`0,`0.00,`0.00,`,`,`茶,`,`0.07000,`0.60%,`12.34,`0.00,`',
      '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
      '`1,`12.35,`0.00,`0.00,`0.07000,`12.35,`0.00',
    ].join('\r\n');

    expect(() => parseTradeBill('2026-12-01', text)).toThrow(/does not add up/);
    expect(parseTradeBill('2026-12-01', text.replace('`12.35,`0.00,`0.00,`0.07000,`12.35', '`12.34,`0.00,`0.00,`0.07000,`12.34')).lines[0]).toMatchObject({
      amount: 1234,
      feeMilliFen: 7000,
      subMchid: '1900000101',
    });
  });
});
