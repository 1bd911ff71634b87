import { ORDER_STATUSES } from '@wxshop/shared/orders';
import { actionsOf, cancelReasonOf, carrierName, countdownText, tabOfStatus } from '../../../miniapp/src/orders/lib/format';
import { searchQuery, EMPTY_FORM } from '../../../miniapp/src/admin/pages/orders/search';

const ID = '01HZZZZZZZZZZZZZZZZZZZZZZA';

describe('order page helpers', () => {
  it('files every status under its tab (the one function the API files orders by)', () => {
    expect(Object.fromEntries(ORDER_STATUSES.map((s) => [s, tabOfStatus(s)]))).toEqual({
      pending_payment: 'to_pay',
      paid: 'to_ship',
      partly_shipped: 'to_receive',
      shipped: 'to_receive',
      delivered: 'to_receive',
      completed: 'done',
      cancelled: 'cancelled',
      refunded: 'done', // refunded in full by after-sale (ADR 0055): closed, among the finished
    });
  });

  it('offers pay and cancel only while unpaid, confirm only once shipped or delivered', () => {
    expect(ORDER_STATUSES.filter((s) => actionsOf(s).pay)).toEqual(['pending_payment']);
    expect(ORDER_STATUSES.filter((s) => actionsOf(s).cancel)).toEqual(['pending_payment']);
    expect(ORDER_STATUSES.filter((s) => actionsOf(s).confirm)).toEqual(['shipped', 'delivered']);
  });

  it('counts down in minutes and seconds, with hours from an hour up', () => {
    expect(countdownText(30 * 60 * 1000)).toBe('30:00');
    expect(countdownText(61_500)).toBe('01:02');
    expect(countdownText(3_723_000)).toBe('1:02:03');
    expect(countdownText(0)).toBe('00:00');
  });

  it("names the carrier in the shopper's language, and shows an unknown code as it is", () => {
    expect(carrierName('SF', 'zh-CN')).toBe('顺丰速运');
    expect(carrierName('SF', 'fr')).toBe('SF Express');
    expect(carrierName('XYZ', 'en')).toBe('XYZ');
  });
});

describe('why an order was cancelled', () => {
  const placed = {
    from: null,
    to: 'pending_payment' as const,
    event: 'place',
    actor: { kind: 'shopper' as const, id: 'u1' },
    at: '2026-12-01T00:00:00Z',
    reason: null,
  };
  const cancelled = (kind: 'shopper' | 'system', reason: string | null) => ({
    status: 'cancelled' as const,
    history: [placed, { ...placed, from: 'pending_payment' as const, to: 'cancelled' as const, event: 'cancel', actor: { kind, id: null }, reason }],
  });

  it("names the platform's cancel as not paid in time (its stored reason is not in the shopper's language), and the shopper's by the reason given", () => {
    expect(cancelReasonOf(cancelled('system', 'not paid in time'))).toEqual({ unpaid: true });
    expect(cancelReasonOf(cancelled('shopper', 'Wrong address or details'))).toEqual({ unpaid: false, reason: 'Wrong address or details' });
  });

  it('says nothing for an order that is not cancelled, or cancelled without a reason', () => {
    expect(cancelReasonOf({ status: 'pending_payment', history: [placed] })).toBeNull();
    expect(cancelReasonOf(cancelled('shopper', null))).toBeNull();
  });
});

describe('admin order search form', () => {
  it('needs an order number, a store or a shopper, and well-formed ids', () => {
    expect(searchQuery({ ...EMPTY_FORM, status: 'paid', from: '2026-12-01' })).toEqual({ error: 'admin.orders_need_one' });
    expect(searchQuery({ ...EMPTY_FORM, orderId: 'abc' })).toEqual({ error: 'admin.orders_bad_id' });
    expect(searchQuery({ ...EMPTY_FORM, orderId: ` ${ID.toLowerCase()} ` })).toEqual({ query: { orderId: ID } });
  });

  it('sends local days as instants: from the start of the first day to the start of the day after the last', () => {
    const q = searchQuery({ ...EMPTY_FORM, merchantId: ID, status: 'shipped', from: '2026-12-05', to: '2026-12-01' });
    expect(q).toEqual({
      query: { merchantId: ID, status: 'shipped', from: new Date(2026, 11, 1).toISOString(), to: new Date(2026, 11, 6).toISOString() },
    });
  });
});
