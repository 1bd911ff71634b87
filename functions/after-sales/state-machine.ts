/**
 * The after-sale state machine (docs/adr/0055): a second pure machine beside the order's, one table of
 * transitions. Every change of a case goes through `afterSaleTransition()`, which answers the next
 * status, the domain event and the history entry (who, when, why), and the order action the change
 * may carry (`ORDER_EFFECT`): only a refund that makes the order's refunds whole moves the order
 * (`refund_all` -> `refunded`); every other step leaves the order's status alone.
 */
import type { AfterSaleHistoryEntry, AfterSaleStatus } from '@wxshop/shared/after-sales';
import type { OrderAction } from '../orders/state-machine';

export const AFTER_SALE_ACTIONS = [
  'approve_refund',
  'approve_return',
  'reject',
  'cancel',
  'send_return',
  'receive_return',
  'escalate',
  'refund_succeeded',
  'refund_failed',
  // platform arbitration of an escalated case (docs/adr/0059)
  'add_evidence',
  'arbitrate_refund',
  'arbitrate_return',
  'arbitrate_close',
  // exchange (docs/adr/0060)
  'ship_replacement',
  'receive_replacement',
] as const;
export type AfterSaleAction = (typeof AFTER_SALE_ACTIONS)[number];

export const AFTER_SALE_EVENTS = [
  'AfterSaleRequested',
  'AfterSaleApproved',
  'AfterSaleRejected',
  'AfterSaleCancelled',
  'AfterSaleReturnShipped',
  'AfterSaleReturnReceived',
  'AfterSaleEscalated',
  'AfterSaleRefunded',
  'AfterSaleRefundFailed',
  'AfterSaleEvidenceAdded',
  'AfterSaleArbitrated',
  'AfterSaleClosed',
  'AfterSaleReplacementShipped',
  'AfterSaleExchanged',
] as const;
export type AfterSaleEventType = (typeof AFTER_SALE_EVENTS)[number];

/** from -> action -> to. Anything absent is refused. */
export const AFTER_SALE_TRANSITIONS: Readonly<Record<AfterSaleStatus, Partial<Record<AfterSaleAction, AfterSaleStatus>>>> = {
  // approve_refund: a refund only (or one before shipment, by rule) goes out at once
  requested: { approve_refund: 'refunding', approve_return: 'approved', reject: 'rejected', cancel: 'cancelled' },
  // receive_return without a parcel: the shopper handed the goods back another way and the store says so;
  // an exchange's units arrived: the store ships the replacement (the service refuses the other kind's step)
  approved: { send_return: 'return_shipped', receive_return: 'refunding', ship_replacement: 'replacement_shipped', cancel: 'cancelled' },
  return_shipped: { receive_return: 'refunding', ship_replacement: 'replacement_shipped' },
  refunding: { refund_succeeded: 'refunded', refund_failed: 'refund_failed' },
  rejected: { escalate: 'escalated', cancel: 'cancelled' },
  // arbitration: both sides add evidence; the platform refunds now, sends the case to its return step, or closes it
  escalated: { add_evidence: 'escalated', arbitrate_refund: 'refunding', arbitrate_return: 'approved', arbitrate_close: 'closed' },
  replacement_shipped: { receive_replacement: 'exchanged' },
  refund_failed: {},
  refunded: {},
  cancelled: {},
  closed: {},
  exchanged: {},
};

const EVENT_OF: Record<AfterSaleAction, AfterSaleEventType> = {
  approve_refund: 'AfterSaleApproved',
  approve_return: 'AfterSaleApproved',
  reject: 'AfterSaleRejected',
  cancel: 'AfterSaleCancelled',
  send_return: 'AfterSaleReturnShipped',
  receive_return: 'AfterSaleReturnReceived',
  escalate: 'AfterSaleEscalated',
  refund_succeeded: 'AfterSaleRefunded',
  refund_failed: 'AfterSaleRefundFailed',
  add_evidence: 'AfterSaleEvidenceAdded',
  arbitrate_refund: 'AfterSaleArbitrated',
  arbitrate_return: 'AfterSaleArbitrated',
  arbitrate_close: 'AfterSaleClosed',
  ship_replacement: 'AfterSaleReplacementShipped',
  receive_replacement: 'AfterSaleExchanged',
};

/** The order action a case's step may carry: `refund_all` only when this refund completes the order's refunds. */
export const ORDER_EFFECT: Partial<Record<AfterSaleAction, OrderAction>> = { refund_succeeded: 'refund_all' };

/** Statuses in which a case still holds its claim on the order (units and fen). */
export const HOLDS_CLAIM: Readonly<Record<AfterSaleStatus, boolean>> = {
  requested: true,
  approved: true,
  return_shipped: true,
  refunding: true,
  refunded: true,
  escalated: true,
  refund_failed: true,
  // a rejected case keeps its claim until the shopper cancels it or the platform decides it (ADR 0055)
  rejected: true,
  cancelled: false,
  // decided for the store: those units are not refunded, and not asked for again (docs/adr/0059)
  closed: true,
  replacement_shipped: true,
  // exchanged: the replacement is a new unit of the order's line, which may be asked about again
  exchanged: false,
};

export class AfterSaleTransitionRefused extends Error {
  constructor(
    readonly from: AfterSaleStatus,
    readonly action: AfterSaleAction,
  ) {
    super(`An after-sale case that is ${from} cannot ${action}`);
    this.name = 'AfterSaleTransitionRefused';
  }
}

export interface AfterSaleActor {
  kind: AfterSaleHistoryEntry['actor']['kind'];
  id: string | null;
}

export interface AfterSaleTransition {
  to: AfterSaleStatus;
  event: AfterSaleEventType;
  entry: AfterSaleHistoryEntry;
  orderAction: OrderAction | null;
}

export const canAfterSale = (from: AfterSaleStatus, action: AfterSaleAction): boolean => AFTER_SALE_TRANSITIONS[from][action] !== undefined;

/** The next status of a case, its event, history entry and order action; throws AfterSaleTransitionRefused when not allowed. */
export function afterSaleTransition(
  from: AfterSaleStatus,
  action: AfterSaleAction,
  actor: AfterSaleActor,
  at: string,
  reason: string | null = null,
): AfterSaleTransition {
  const to = AFTER_SALE_TRANSITIONS[from][action];
  if (!to) throw new AfterSaleTransitionRefused(from, action);
  const event = EVENT_OF[action];
  return { to, event, entry: { from, to, event, actor, at, reason }, orderAction: ORDER_EFFECT[action] ?? null };
}

/** The history entry of a new case (AfterSaleRequested). */
export const requested = (actor: AfterSaleActor, at: string, reason: string | null): AfterSaleHistoryEntry => ({
  from: null,
  to: 'requested',
  event: 'AfterSaleRequested',
  actor,
  at,
  reason,
});
