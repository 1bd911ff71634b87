import { AFTER_SALE_STATUSES, type AfterSaleStatus } from '@wxshop/shared/after-sales';
import {
  AFTER_SALE_ACTIONS,
  AFTER_SALE_TRANSITIONS,
  AfterSaleTransitionRefused,
  HOLDS_CLAIM,
  afterSaleTransition,
  canAfterSale,
  type AfterSaleAction,
} from '../../functions/after-sales/state-machine';

/** The whole table, written out: a change to the machine must change this test. [from, action, to, event, order action] */
const ALLOWED: [AfterSaleStatus, AfterSaleAction, AfterSaleStatus, string, string | null][] = [
  ['requested', 'approve_refund', 'refunding', 'AfterSaleApproved', null],
  ['requested', 'approve_return', 'approved', 'AfterSaleApproved', null],
  ['requested', 'reject', 'rejected', 'AfterSaleRejected', null],
  ['requested', 'cancel', 'cancelled', 'AfterSaleCancelled', null],
  ['approved', 'send_return', 'return_shipped', 'AfterSaleReturnShipped', null],
  ['approved', 'receive_return', 'refunding', 'AfterSaleReturnReceived', null],
  ['approved', 'cancel', 'cancelled', 'AfterSaleCancelled', null],
  ['return_shipped', 'receive_return', 'refunding', 'AfterSaleReturnReceived', null],
  ['refunding', 'refund_succeeded', 'refunded', 'AfterSaleRefunded', 'refund_all'],
  ['refunding', 'refund_failed', 'refund_failed', 'AfterSaleRefundFailed', null],
  ['rejected', 'escalate', 'escalated', 'AfterSaleEscalated', null],
  ['rejected', 'cancel', 'cancelled', 'AfterSaleCancelled', null],
  // arbitration (docs/adr/0059)
  ['escalated', 'add_evidence', 'escalated', 'AfterSaleEvidenceAdded', null],
  ['escalated', 'arbitrate_refund', 'refunding', 'AfterSaleArbitrated', null],
  ['escalated', 'arbitrate_return', 'approved', 'AfterSaleArbitrated', null],
  ['escalated', 'arbitrate_close', 'closed', 'AfterSaleClosed', null],
  // exchange (docs/adr/0060)
  ['approved', 'ship_replacement', 'replacement_shipped', 'AfterSaleReplacementShipped', null],
  ['return_shipped', 'ship_replacement', 'replacement_shipped', 'AfterSaleReplacementShipped', null],
  ['replacement_shipped', 'receive_replacement', 'exchanged', 'AfterSaleExchanged', null],
];

describe('the after-sale state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s emits %s (order action %s) and records who, when and why', (from, action, to, event, orderAction) => {
    const t = afterSaleTransition(from, action, { kind: 'merchant', id: 'u1' }, '2026-12-03T00:00:00.000Z', 'because');
    expect(t).toEqual({
      to,
      event,
      orderAction,
      entry: { from, to, event, actor: { kind: 'merchant', id: 'u1' }, at: '2026-12-03T00:00:00.000Z', reason: 'because' },
    });
  });

  const refused = AFTER_SALE_STATUSES.flatMap((from) =>
    AFTER_SALE_ACTIONS.filter((a) => !ALLOWED.some(([f, act]) => f === from && act === a)).map((a) => [from, a] as [AfterSaleStatus, AfterSaleAction]),
  );
  it.each(refused)('refuses %s --%s-->', (from, action) => {
    expect(canAfterSale(from, action)).toBe(false);
    expect(() => afterSaleTransition(from, action, { kind: 'system', id: null }, 'now')).toThrow(AfterSaleTransitionRefused);
  });

  it('has exactly the transitions listed (no more), and refunded, cancelled, closed and exchanged are terminal', () => {
    const count = Object.values(AFTER_SALE_TRANSITIONS).reduce((n, t) => n + Object.keys(t).length, 0);
    expect(count).toBe(ALLOWED.length);
    expect(refused.length + ALLOWED.length).toBe(AFTER_SALE_STATUSES.length * AFTER_SALE_ACTIONS.length);
    expect(Object.keys(AFTER_SALE_TRANSITIONS.refunded)).toEqual([]);
    expect(Object.keys(AFTER_SALE_TRANSITIONS.cancelled)).toEqual([]);
    expect(Object.keys(AFTER_SALE_TRANSITIONS.closed)).toEqual([]);
    expect(Object.keys(AFTER_SALE_TRANSITIONS.exchanged)).toEqual([]);
  });

  it('a case decided for the store keeps its claim; an exchanged one gives it back', () => {
    expect(HOLDS_CLAIM.closed).toBe(true);
    expect(HOLDS_CLAIM.replacement_shipped).toBe(true);
    expect(HOLDS_CLAIM.exchanged).toBe(false);
  });
});
