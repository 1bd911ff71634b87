/**
 * The order state machine: one table of transitions, a pure function over it. Every change of an
 * order's status goes through `transition()`, which answers the next status, the domain event to
 * emit and the history entry (who, when, why), or throws when the change is not allowed.
 */
import type { OrderHistoryEntry, OrderStatus } from '@wxshop/shared/orders';

export const ORDER_ACTIONS = ['pay', 'cancel', 'ship_part', 'ship_all', 'deliver', 'confirm', 'refund_all'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const ORDER_EVENTS = ['OrderPlaced', 'OrderPaid', 'OrderCancelled', 'OrderShipped', 'OrderDelivered', 'OrderCompleted', 'OrderRefunded'] as const;
export type OrderEventType = (typeof ORDER_EVENTS)[number];

/** from -> action -> to. Anything absent is refused. */
export const TRANSITIONS: Readonly<Record<OrderStatus, Partial<Record<OrderAction, OrderStatus>>>> = {
  pending_payment: { pay: 'paid', cancel: 'cancelled' },
  // refund_all: the after-sale cases of the order refunded every fen paid (docs/adr/0055); partial refunds keep the status
  paid: { ship_part: 'partly_shipped', ship_all: 'shipped', deliver: 'delivered', refund_all: 'refunded' }, // deliver: virtual goods
  partly_shipped: { ship_part: 'partly_shipped', ship_all: 'shipped', refund_all: 'refunded' },
  shipped: { deliver: 'delivered', confirm: 'completed', refund_all: 'refunded' },
  delivered: { confirm: 'completed', refund_all: 'refunded' },
  completed: { refund_all: 'refunded' },
  cancelled: {},
  refunded: {},
};

const EVENT_OF: Record<OrderAction, OrderEventType> = {
  pay: 'OrderPaid',
  cancel: 'OrderCancelled',
  ship_part: 'OrderShipped',
  ship_all: 'OrderShipped',
  deliver: 'OrderDelivered',
  confirm: 'OrderCompleted',
  refund_all: 'OrderRefunded',
};

export class TransitionRefused extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly action: OrderAction,
  ) {
    super(`An order that is ${from} cannot ${action}`);
    this.name = 'TransitionRefused';
  }
}

export interface Actor {
  kind: OrderHistoryEntry['actor']['kind'];
  id: string | null;
}

export interface Transition {
  to: OrderStatus;
  event: OrderEventType;
  entry: OrderHistoryEntry;
}

export const canTransition = (from: OrderStatus, action: OrderAction): boolean => TRANSITIONS[from][action] !== undefined;

/** The next status of an order, the event it emits and its history entry; throws TransitionRefused when not allowed. */
export function transition(from: OrderStatus, action: OrderAction, actor: Actor, at: string, reason: string | null = null): Transition {
  const to = TRANSITIONS[from][action];
  if (!to) throw new TransitionRefused(from, action);
  const event = EVENT_OF[action];
  return { to, event, entry: { from, to, event, actor, at, reason } };
}

/** The history entry of a new order (OrderPlaced). */
export const placed = (actor: Actor, at: string): OrderHistoryEntry => ({ from: null, to: 'pending_payment', event: 'OrderPlaced', actor, at, reason: null });
