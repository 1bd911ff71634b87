import { z } from 'zod';
import { clearAccessTokenCache } from '../../../functions/lib/adapters/wechat';
import {
  getShippingOrderState,
  maskPhone,
  notifyConfirmReceive,
  uploadCombinedShippingInfo,
  uploadShippingInfo,
} from '../../../functions/lib/adapters/wechat-shipping';
import { createCombineJsapi, queryCombine } from '../../../functions/lib/adapters/wechatpay-ecommerce';
import { DEMO_SUB_MERCHANTS } from '../../../infra/local/sims/wechatpay-ecommerce-api';
import { type Harness, startHarness } from './harness';

const OPENID = 'o-shipping-shopper';
const [STORE_A, STORE_B] = DEMO_SUB_MERCHANTS.map((m) => m.subMchid) as [string, string];
let sequence = 0;

const Funds = z.object({
  funds: z.array(z.object({ transactionId: z.string(), shippingUploaded: z.boolean(), receiptConfirmed: z.boolean(), releasable: z.boolean() })),
});

describe('WeChat order shipping management adapter against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => clearAccessTokenCache());

  /** A paid two-store checkout: its number and each store's transaction_id. */
  async function paidCheckout(): Promise<{ combineOutTradeNo: string; a: string; b: string }> {
    const combineOutTradeNo = `SHIP${Date.now()}${(sequence += 1)}`;
    const { payParams } = await createCombineJsapi({
      combineOutTradeNo,
      openid: OPENID,
      subOrders: [
        { subMchid: STORE_A, outTradeNo: `${combineOutTradeNo}A`, amount: { amount: 1000, currency: 'CNY' }, description: 'A' },
        { subMchid: STORE_B, outTradeNo: `${combineOutTradeNo}B`, amount: { amount: 2000, currency: 'CNY' }, description: 'B' },
      ],
    });
    await h.simJson('POST', '/_sim/wechatpay/pay', payParams, z.object({}).loose());
    const [a, b] = (await queryCombine(combineOutTradeNo)).subOrders.map((s) => s.transactionId ?? '');
    return { combineOutTradeNo, a: a ?? '', b: b ?? '' };
  }

  const fundsOf = async (transactionId: string) =>
    (await h.simJson('GET', '/_sim/wechat/shipping', undefined, Funds)).funds.find((f) => f.transactionId === transactionId);

  it('masks phone numbers as WeChat wants them', () => {
    expect(maskPhone('18912341234')).toBe('189****1234');
    expect(maskPhone('+86 189 1234 1234')).toBe('+86189****1234');
  });

  it('releases a store’s frozen funds only after both the shipping upload and the receipt', async () => {
    const { a } = await paidCheckout();
    const before = await fundsOf(a);

    await uploadShippingInfo({
      transactionId: a,
      payerOpenid: OPENID,
      logistics: 'EXPRESS',
      parcels: [{ expressCompany: 'SF', trackingNo: 'SF1234567890', itemDesc: '茶叶 x2', receiverPhone: '18912341234' }],
    });
    const shipped = await fundsOf(a);
    const stateShipped = await getShippingOrderState(a);
    await notifyConfirmReceive({ transactionId: a, receivedAt: new Date() });
    const received = await fundsOf(a);

    expect(before).toMatchObject({ shippingUploaded: false, receiptConfirmed: false, releasable: false });
    expect(shipped).toMatchObject({ shippingUploaded: true, receiptConfirmed: false, releasable: false });
    expect(stateShipped.orderState).toBe(2);
    expect(received).toMatchObject({ shippingUploaded: true, receiptConfirmed: true, releasable: true });
    expect((await getShippingOrderState(a)).orderState).toBe(3);
  });

  it('uploads a combine checkout’s sub-orders together, one of them split into two parcels', async () => {
    const checkout = await paidCheckout();
    const platformMchid = h.env.WECHATPAY_MCHID ?? '';

    await uploadCombinedShippingInfo({
      platformMchid,
      combineOutTradeNo: checkout.combineOutTradeNo,
      payerOpenid: OPENID,
      subOrders: [
        { transactionId: checkout.a, logistics: 'EXPRESS', parcels: [{ expressCompany: 'ZTO', trackingNo: 'ZTO001', itemDesc: 'A 茶叶' }] },
        {
          transactionId: checkout.b,
          logistics: 'EXPRESS',
          split: { allDelivered: false },
          parcels: [{ expressCompany: 'YTO', trackingNo: 'YT001', itemDesc: 'B 杯子 1/2' }],
        },
      ],
    });
    const partly = await getShippingOrderState(checkout.b);
    await uploadShippingInfo({
      transactionId: checkout.b,
      payerOpenid: OPENID,
      logistics: 'EXPRESS',
      split: { allDelivered: true },
      parcels: [{ expressCompany: 'YTO', trackingNo: 'YT002', itemDesc: 'B 杯子 2/2' }],
    });

    expect((await getShippingOrderState(checkout.a)).orderState).toBe(2);
    expect(partly.orderState).toBe(1);
    expect((await getShippingOrderState(checkout.b)).orderState).toBe(2);
    expect(await fundsOf(checkout.b)).toMatchObject({ shippingUploaded: true, releasable: false });
  });

  it('accepts a retried identical upload and refuses a different one after the order was fully shipped', async () => {
    const { a } = await paidCheckout();
    const shipment = {
      transactionId: a,
      payerOpenid: OPENID,
      logistics: 'EXPRESS' as const,
      parcels: [{ expressCompany: 'ZTO', trackingNo: 'Z1', itemDesc: 'x' }],
    };
    await uploadShippingInfo(shipment);

    await expect(uploadShippingInfo(shipment)).resolves.toBeUndefined();
    await expect(uploadShippingInfo({ ...shipment, parcels: [{ expressCompany: 'ZTO', trackingNo: 'Z2', itemDesc: 'x' }] })).rejects.toMatchObject({
      name: 'WechatApiError',
      errcode: 10060003,
    });
  });

  it('refuses SF without a contact, an unknown carrier and an unknown transaction', async () => {
    const { a } = await paidCheckout();
    const base = { transactionId: a, payerOpenid: OPENID, logistics: 'EXPRESS' as const };

    await expect(uploadShippingInfo({ ...base, parcels: [{ expressCompany: 'SF', trackingNo: 'SF1', itemDesc: 'x' }] })).rejects.toMatchObject({
      errcode: 10060019,
    });
    await expect(uploadShippingInfo({ ...base, parcels: [{ expressCompany: 'NOPE', trackingNo: 'N1', itemDesc: 'x' }] })).rejects.toMatchObject({
      errcode: 10060012,
    });
    await expect(
      uploadShippingInfo({ ...base, transactionId: '4200000000000000000000000000', parcels: [{ expressCompany: 'ZTO', trackingNo: 'Z', itemDesc: 'x' }] }),
    ).rejects.toMatchObject({
      errcode: 10060001,
    });
  });

  it('refuses a receipt before anything was shipped, and the funds stay frozen', async () => {
    const { a } = await paidCheckout();

    await expect(notifyConfirmReceive({ transactionId: a, receivedAt: new Date() })).rejects.toMatchObject({ errcode: 10060023 });
    expect(await fundsOf(a)).toMatchObject({ receiptConfirmed: false, releasable: false });
  });

  it('marks virtual goods delivered without a tracking number', async () => {
    const { a } = await paidCheckout();

    await uploadShippingInfo({ transactionId: a, payerOpenid: OPENID, logistics: 'VIRTUAL', parcels: [], itemDesc: '电子卡券' });

    expect((await getShippingOrderState(a)).orderState).toBe(2);
  });
});
