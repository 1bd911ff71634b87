/**
 * matchTradeBill (functions/ops/reconcile-bills.ts): a day's bill against our movements, one case of
 * each kind of difference, and the records of just after midnight that are on the day before's bill;
 * ourMovements splitting the table's records between WeChat Pay and Alipay.
 */
import type { TradeBill, TradeBillLine } from '../../functions/lib/adapters/wechatpay-bills';
import type { Snapshot } from '../../functions/ops/reconcile';
import { matchTradeBill, ourMovements, type OurMovement } from '../../functions/ops/reconcile-bills';

const DAY = '2026-12-01';
const line = (over: Partial<TradeBillLine>): TradeBillLine => ({
  kind: 'payment',
  time: `${DAY} 10:00:00`,
  subMchid: '1900000101',
  transactionId: 'T1',
  outTradeNo: 'O1',
  amount: 1000,
  currency: 'CNY',
  feeMilliFen: 6000,
  ...over,
});
const ours = (over: Partial<OurMovement>): OurMovement => ({
  kind: 'payment',
  no: 'O1',
  transactionId: 'T1',
  subMchid: '1900000101',
  amount: 1000,
  currency: 'CNY',
  // 10:00:03 Beijing
  at: '2026-12-01T02:00:03.000Z',
  ref: 'ORDER#1|ORDER',
  ...over,
});
const bill = (lines: TradeBillLine[], date = DAY): TradeBill => ({
  date,
  lines,
  totals: {
    count: lines.length,
    paid: lines.filter((l) => l.kind === 'payment').reduce((n, l) => n + l.amount, 0),
    refunded: lines.filter((l) => l.kind === 'refund').reduce((n, l) => n + l.amount, 0),
  },
});
const noPrevious = (): Promise<TradeBill> => Promise.reject(new Error('the day before was not needed'));

describe('matchTradeBill', () => {
  it('finds nothing when every line is ours and every record of the day is on the bill', async () => {
    const refundLine = line({ kind: 'refund', outRefundNo: 'R1', refundId: 'W1', amount: 400 });
    const refund = ours({ kind: 'refund', no: 'R1', amount: 400, at: '2026-12-01T05:00:00.000Z', ref: 'AFTERSALE#1' });

    const found = await matchTradeBill(bill([line({}), refundLine]), [ours({}), refund], noPrevious);

    expect(found).toEqual([]);
  });

  it('names one difference of each kind, with both sides', async () => {
    const lines = [
      line({}), // amount differs
      line({ transactionId: 'T2', outTradeNo: 'O2', subMchid: '1900000102' }), // sub-merchant differs
      line({ transactionId: 'T3', outTradeNo: 'O3', currency: 'USD' }), // currency differs
      line({ transactionId: 'T9', outTradeNo: 'NOT-OURS' }), // unknown payment
      line({ kind: 'refund', transactionId: 'T1', outRefundNo: 'R-NOT-OURS', amount: 5 }), // unknown refund
    ];
    const mine = [
      ours({ amount: 999 }),
      ours({ no: 'O2', transactionId: 'T2', ref: 'ORDER#2' }),
      ours({ no: 'O3', transactionId: 'T3', ref: 'ORDER#3' }),
      ours({ no: 'O4', transactionId: 'T4', ref: 'ORDER#4' }), // missing payment
      ours({ kind: 'refund', no: 'R4', transactionId: 'T1', amount: 100, ref: 'AFTERSALE#4' }), // missing refund
      ours({ no: 'O5', transactionId: 'T5', at: '2026-12-02T03:00:00.000Z', ref: 'ORDER#5' }), // another day: not this bill's
      ours({ kind: 'refund', no: 'R6', at: null, ref: 'CHECKOUT#6|LATE_PAYMENT#T6' }), // no time: matched from the bill only
    ];

    const found = await matchTradeBill(bill(lines), mine, noPrevious);

    expect(found.map((d) => [d.kind, d.no])).toEqual([
      ['amount', 'O1'],
      ['sub_merchant', 'O2'],
      ['currency', 'O3'],
      ['unknown_payment', 'NOT-OURS'],
      ['unknown_refund', 'R-NOT-OURS'],
      ['missing_payment', 'O4'],
      ['missing_refund', 'R4'],
    ]);
    expect(found[0]).toMatchObject({ bill: { amount: 1000 }, ours: { amount: 999, ref: 'ORDER#1|ORDER' } });
    expect(found[0]!.detail).toBe('payment O1: the bill says 1000, ORDER#1|ORDER says 999');
    expect(found[3]).toMatchObject({ bill: { transactionId: 'T9' }, ours: null });
    expect(found[5]).toMatchObject({ bill: null, ours: { ref: 'ORDER#4' } });
  });

  it('looks for a record of the first minutes after midnight on the day before, and only then', async () => {
    // 00:00:04 Beijing on the 1st: WeChat had it at 23:59:59 on November 30th
    const early = ours({ no: 'O7', transactionId: 'T7', at: '2026-11-30T16:00:04.000Z', ref: 'ORDER#7' });
    // 00:20 Beijing: too late to be the day before's
    const later = ours({ no: 'O8', transactionId: 'T8', at: '2026-11-30T16:20:00.000Z', ref: 'ORDER#8' });
    let asked = 0;
    const previous = (): Promise<TradeBill> => {
      asked += 1;
      return Promise.resolve(bill([line({ transactionId: 'T7', outTradeNo: 'O7', time: '2026-11-30 23:59:59' })], '2026-11-30'));
    };

    const found = await matchTradeBill(bill([]), [early, later], previous);
    const notThere = await matchTradeBill(bill([]), [ours({ ...early, no: 'O9', transactionId: 'T9' })], previous);

    expect(found.map((d) => [d.kind, d.no])).toEqual([['missing_payment', 'O8']]);
    expect(notThere.map((d) => [d.kind, d.no])).toEqual([['missing_payment', 'O9']]);
    expect(asked).toBe(2);
  });
});

describe('Alipay movements', () => {
  type Item = Record<string, unknown>;
  const snapshot = (items: Item[]): Snapshot => ({
    items,
    get: (() => undefined) as Snapshot['get'],
    ofEntity: (e) => items.filter((i) => i.entity === e),
  });
  const order = (id: string, checkoutId: string, transactionId: string): Item => ({
    PK: `ORDER#${id}`,
    SK: 'ORDER',
    entity: 'Order',
    checkoutId,
    outTradeNo: id,
    transactionId,
    subMchid: checkoutId === 'CA' ? '2088000000000101' : '1900000101',
    total: { amount: 1000, currency: 'CNY' },
    paidAt: '2026-12-01T02:00:00.000Z',
  });
  const table = snapshot([
    { PK: 'CHECKOUT#CA', SK: 'PAYMENT', entity: 'CheckoutPayment', checkoutId: 'CA', channel: 'alipay' },
    { PK: 'CHECKOUT#CW', SK: 'PAYMENT', entity: 'CheckoutPayment', checkoutId: 'CW', channel: 'wechat_jsapi' },
    order('OA', 'CA', 'ALI-T1'),
    { PK: 'CHECKOUT#CA', SK: 'ALIPAY_TRADE#OA', entity: 'AlipayPaidTrade', outTradeNo: 'OA', smid: '2088000000000109' },
    order('OW', 'CW', 'WX-T1'),
    {
      PK: 'CHECKOUT#CL',
      SK: 'LATE_PAYMENT#ALI-T2',
      entity: 'LatePayment',
      channel: 'alipay',
      createdAt: '2026-12-01T03:00:00.000Z',
      refundedAt: '2026-12-01T03:10:00.000Z',
      subOrders: [{ outTradeNo: 'OL', transactionId: 'ALI-T2', subMchid: '2088000000000102', amount: 700, currency: 'CNY' }],
      refunds: [{ outTradeNo: 'OL', outRefundNo: 'LR-OL', amount: 700 }],
    },
    {
      PK: 'AFTERSALE#A1',
      SK: 'AFTERSALE',
      entity: 'AfterSale',
      transactionId: 'ALI-T1',
      subMchid: '',
      refund: { outRefundNo: 'RA1', status: 'SUCCESS', amount: { amount: 300, currency: 'CNY' }, succeededAt: '2026-12-01T05:00:00.000Z' },
    },
    {
      PK: 'AFTERSALE#W1',
      SK: 'AFTERSALE',
      entity: 'AfterSale',
      transactionId: 'WX-T1',
      subMchid: '1900000101',
      refund: { outRefundNo: 'RW1', status: 'SUCCESS', amount: { amount: 200, currency: 'CNY' }, succeededAt: '2026-12-01T05:00:00.000Z' },
    },
  ]);

  it("splits the table's movements by the provider that moved them", () => {
    const no = (m: OurMovement): string => `${m.kind} ${m.no}`;

    expect(ourMovements(table, 'alipay').map(no)).toEqual(['payment OA', 'payment OL', 'refund LR-OL', 'refund RA1']);
    expect(ourMovements(table, 'wechatpay').map(no)).toEqual(['payment OW', 'refund RW1']);
    expect(ourMovements(table).map(no)).toEqual(['payment OW', 'refund RW1']);
    expect(ourMovements(table, 'alipay').find((m) => m.no === 'OA')).toMatchObject({ transactionId: 'ALI-T1', subMchid: '2088000000000109' });
    expect(ourMovements(table, 'alipay').find((m) => m.no === 'LR-OL')?.at).toBe('2026-12-01T03:10:00.000Z');
  });

  it("matches Alipay's bill (which names no sub-merchant) with the same kinds, naming Alipay", async () => {
    const mine = ourMovements(table, 'alipay');
    const alipayLine = (over: Partial<TradeBillLine>): TradeBillLine => line({ subMchid: '', transactionId: 'ALI-T1', outTradeNo: 'OA', ...over });
    const lines = [
      alipayLine({ amount: 999 }),
      alipayLine({ kind: 'refund', outRefundNo: 'RA1', amount: 300 }),
      alipayLine({ transactionId: 'ALI-T9', outTradeNo: 'NOT-OURS' }),
    ];

    const found = await matchTradeBill(bill(lines), mine, noPrevious, 'alipay');

    expect(found.map((d) => [d.kind, d.no])).toEqual([
      ['amount', 'OA'],
      ['unknown_payment', 'NOT-OURS'],
      ['missing_payment', 'OL'],
      // an Alipay late refund is matched from our side too (alipay.trade.refund is synchronous: refundedAt)
      ['missing_refund', 'LR-OL'],
    ]);
    expect(found[1]!.detail).toMatch(/^Alipay's bill has a payment of 1000 CNY at /);
    expect(found[2]!.detail).toMatch(/that Alipay's bill does not have$/);
  });
});
