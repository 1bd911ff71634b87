import { ORDER_STATUSES, type OrderStatus } from '@wxshop/shared';
import { ORDER_ACTIONS, TRANSITIONS, TransitionRefused, canTransition, transition, type OrderAction } from '../../functions/orders/state-machine';

/** The whole table, written out: a change to the machine must change this test. */
const ALLOWED: [OrderStatus, OrderAction, OrderStatus, string][] = [
  ['pending_payment', 'pay', 'paid', 'OrderPaid'],
  ['pending_payment', 'cancel', 'cancelled', 'OrderCancelled'],
  ['paid', 'ship_part', 'partly_shipped', 'OrderShipped'],
  ['paid', 'ship_all', 'shipped', 'OrderShipped'],
  ['paid', 'deliver', 'delivered', 'OrderDelivered'],
  ['partly_shipped', 'ship_part', 'partly_shipped', 'OrderShipped'],
  ['partly_shipped', 'ship_all', 'shipped', 'OrderShipped'],
  ['shipped', 'deliver', 'delivered', 'OrderDelivered'],
  ['shipped', 'confirm', 'completed', 'OrderCompleted'],
  ['delivered', 'confirm', 'completed', 'OrderCompleted'],
  // after-sale: every fen paid refunded (docs/adr/0055)
  ['paid', 'refund_all', 'refunded', 'OrderRefunded'],
  ['partly_shipped', 'refund_all', 'refunded', 'OrderRefunded'],
  ['shipped', 'refund_all', 'refunded', 'OrderRefunded'],
  ['delivered', 'refund_all', 'refunded', 'OrderRefunded'],
  ['completed', 'refund_all', 'refunded', 'OrderRefunded'],
];

describe('the order state machine', () => {
  it.each(ALLOWED)('%s --%s--> %s emits %s and records who, when and why', (from, action, to, event) => {
    const t = transition(from, action, { kind: 'merchant', id: 'u1' }, '2026-12-03T00:00:00.000Z', 'because');
    expect(t).toEqual({
      to,
      event,
      entry: { from, to, event, actor: { kind: 'merchant', id: 'u1' }, at: '2026-12-03T00:00:00.000Z', reason: 'because' },
    });
  });

  const refused = ORDER_STATUSES.flatMap((from) =>
    ORDER_ACTIONS.filter((a) => !ALLOWED.some(([f, act]) => f === from && act === a)).map((a) => [from, a] as [OrderStatus, OrderAction]),
  );
  it.each(refused)('refuses %s --%s-->', (from, action) => {
    expect(canTransition(from, action)).toBe(false);
    expect(() => transition(from, action, { kind: 'system', id: null }, 'now')).toThrow(TransitionRefused);
  });

  it('has exactly the transitions listed (no more)', () => {
    const count = Object.values(TRANSITIONS).reduce((n, t) => n + Object.keys(t).length, 0);
    expect(count).toBe(ALLOWED.length);
    expect(refused.length + ALLOWED.length).toBe(ORDER_STATUSES.length * ORDER_ACTIONS.length);
  });

  it('ends in cancelled and refunded; completed can only be refunded', () => {
    expect(Object.keys(TRANSITIONS.completed)).toEqual(['refund_all']);
    expect(Object.keys(TRANSITIONS.cancelled)).toEqual([]);
    expect(Object.keys(TRANSITIONS.refunded)).toEqual([]);
  });
});
