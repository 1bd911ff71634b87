/**
 * After-sale cases (docs/adr/0055, 0056): request, decide, return, confirm, cancel, escalate.
 *
 * request, primary course:
 *   1. read the order and its refund ledger (AP74 + AP100, consistent);
 *   2. refuse another shopper's order (404), an order not paid or past its window (409), a return of
 *      goods that never shipped (422), photos that are not the shopper's uploads (400);
 *   3. compute the claim from the order (amounts.ts: never from the client); more units than are left: 422;
 *   4. ONE transaction: the case, the ledger conditional on the version read, the order's marker, the
 *      event, and either the due decision (AP102) or, for a refund before shipment (approved by rule),
 *      the refund to do (AP103). A concurrent claim on the same order fails the ledger's condition: read
 *      again and recompute (it may then be refused), so two claims never exceed what was paid;
 *   5. approved by rule: the refund starts now (refunds.ts); a failure there is the sweeper's to retry.
 * Every later step: read the case, the state machine's transition, ONE transaction conditional on the
 * case's version (the case, its event, its due/refund items, the ledger when the claim changes).
 */
import { ulid } from 'ulid';
import type { AfterSale, ApproveAfterSaleInput, ConfirmReturnInput, RequestAfterSaleInput, ReturnAddress, SendReturnInput } from '@wxshop/shared/after-sales';
import type { Money } from '@wxshop/shared/money';
import { AppError, ConflictError, NotFoundError, UnprocessableError } from '../lib/errors';
import { TransactionConditionError, transact, type TxItem } from '../lib/table-ops';
import { objectKeys } from '../lib/object-keys';
import { logger } from '../lib/logger';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { assertUploaded } from '../merchants/uploads';
import { readOrder } from '../orders/orders';
import type { OrderItem } from '../orders/items';
import { ClaimRefused, applyClaim, claim, receivedAmount, type AmountOrder } from './amounts';
import { AfterSaleTransitionRefused, afterSaleTransition, requested, type AfterSaleAction, type AfterSaleActor } from './state-machine';
import type { AfterSaleItem, RefundLedgerItem } from './items';
import {
  arbitrationQueuePut,
  caseEventPut,
  casePut,
  deleteKey,
  dueDecision,
  ledgerPut,
  newLedger,
  orderCasePut,
  readCase,
  readLedger,
  refundToDoPut,
  toAfterSale,
} from './repo';
import { afterSaleWindowSeconds, decideWithinSeconds } from './config';
import { outRefundNoOf, processRefund } from './refunds';

const ATTEMPTS = 6;
const SYSTEM: AfterSaleActor = { kind: 'system', id: null };
const REQUESTABLE = new Set<OrderItem['status']>(['paid', 'partly_shipped', 'shipped', 'delivered', 'completed']);

const money = (amount: number, currency: Money['currency']): Money => ({ amount, currency });

/** The order as the amount rules see it. */
export const amountOrderOf = (o: OrderItem): AmountOrder => ({
  lines: o.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, lineTotal: l.lineTotal.amount })),
  subtotal: o.subtotal.amount,
  shipping: o.shipping.amount,
  adjustments: o.adjustments.reduce((n, a) => n + a.amount.amount, 0),
  total: o.total.amount,
  shipped: o.parcels.length > 0 || o.virtual,
});

/** The order as read: a refund approved by rule must not race a shipment. */
const orderUnchanged = (o: OrderItem): TxItem => ({
  ConditionCheck: { TableName: tableName(), Key: keys.order(o.id), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': o.version } },
});

const ledgerOf = (l: RefundLedgerItem) => ({ lines: l.lines, shipping: l.shipping, refunded: l.refunded });

export function step(c: AfterSaleItem, action: AfterSaleAction, actor: AfterSaleActor, at: string, reason: string | null = null) {
  try {
    return afterSaleTransition(c.status, action, actor, at, reason);
  } catch (err) {
    if (err instanceof AfterSaleTransitionRefused) throw new AppError('invalid_transition', 409, err.message);
    throw err;
  }
}

/** Runs `attempt` again when a write it made found its condition changed (a concurrent change of the case or ledger). */
export async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof TransactionConditionError) || i + 1 >= ATTEMPTS) {
        if (err instanceof TransactionConditionError) throw new ConflictError('The after-sale case changed meanwhile: try again');
        throw err;
      }
    }
  }
}

export function refuseOrder(o: OrderItem, input: Pick<RequestAfterSaleInput, 'kind'>, now: Date): void {
  if (!REQUESTABLE.has(o.status)) throw new AppError('invalid_transition', 409, `An order that is ${o.status} has no after-sale`);
  if (o.status === 'completed' && o.completedAt && Date.parse(o.completedAt) + afterSaleWindowSeconds() * 1000 <= now.getTime())
    throw new AppError('invalid_transition', 409, 'The after-sale window of this order has closed');
  if (!o.transactionId) throw new AppError('invalid_transition', 409, 'The payment of this order is not settled yet');
  if (input.kind !== 'refund_only' && (o.virtual || o.parcels.length === 0))
    throw new UnprocessableError('Nothing of this order has shipped: ask for a refund instead');
}

/**
 * `POST /me/after-sales`: a new case for units of the shopper's order. See the module comment.
 * @throws 404 (not the shopper's order), 409 invalid_transition (not eligible), 422 (too many units), 400 (photos)
 */
export async function requestAfterSale(userId: string, input: RequestAfterSaleInput, now = new Date()): Promise<AfterSale> {
  const photoKeys = input.photoKeys ?? [];
  if (photoKeys.length) await assertUploaded(photoKeys, objectKeys.afterSalePhotos(userId), 'body.photoKeys');
  const id = ulid(now.getTime());
  const at = now.toISOString();
  const shopper: AfterSaleActor = { kind: 'shopper', id: userId };
  const created = await retrying(async () => {
    const [o, ledger] = await Promise.all([readOrder(input.orderId), readLedger(input.orderId)]);
    if (o.userId !== userId) throw new NotFoundError('order');
    refuseOrder(o, input, now);
    const held = ledger ?? newLedger(o.id);
    let c;
    try {
      c = claim(amountOrderOf(o), ledgerOf(held), input.lines);
    } catch (err) {
      if (err instanceof ClaimRefused) throw new UnprocessableError(`Cannot ask for that: ${err.message}`);
      throw err;
    }
    const cur = o.total.currency;
    const byRule = input.kind === 'refund_only' && o.status === 'paid';
    const decideBy = byRule ? null : new Date(now.getTime() + decideWithinSeconds() * 1000).toISOString();
    const due = decideBy ? dueDecision(id, decideBy, now) : undefined;
    const first = requested(shopper, at, input.text ?? null);
    let item: AfterSaleItem = {
      entity: 'AfterSale',
      version: 1,
      id,
      orderId: o.id,
      userId,
      merchantId: o.merchantId,
      storeName: o.storeName,
      kind: input.kind,
      status: 'requested',
      reason: input.reason,
      text: input.text ?? null,
      photoKeys,
      lines: c.lines.map((l) => {
        const line = o.lines.find((x) => x.skuId === l.skuId)!;
        return {
          productId: line.productId,
          skuId: l.skuId,
          title: line.title,
          specValues: line.specValues,
          imageKey: line.imageKey,
          quantity: l.quantity,
          amount: money(l.amount, cur),
          received: null,
        };
      }),
      goods: money(c.goods, cur),
      shipping: money(c.shipping, cur),
      total: money(c.total, cur),
      decideBy,
      returnAddress: null,
      returnParcel: null,
      rejectReason: null,
      escalation: null,
      refund: null,
      arbitration: null,
      replacementParcel: null,
      history: [first],
      createdAt: at,
      updatedAt: at,
      subMchid: o.subMchid,
      transactionId: o.transactionId ?? null,
      orderTotal: o.total.amount,
      restock: null,
      dueKey: due?.key ?? null,
      queueKey: null,
      evidenceCount: { shopper: 0, merchant: 0 },
    };
    const items: TxItem[] = [];
    const events: TxItem[] = [caseEventPut(item, first, now)];
    if (byRule) {
      const t = afterSaleTransition('requested', 'approve_refund', SYSTEM, at, 'approved by rule: nothing has shipped');
      item = {
        ...item,
        status: t.to,
        history: [...item.history, t.entry],
        refund: pendingRefund(id, item.total),
        // the units never left the store: back to stock as the refund starts
        restock: item.lines.map((l) => ({ productId: l.productId, skuId: l.skuId, quantity: l.quantity })),
      };
      events.push(caseEventPut(item, t.entry, now));
      items.push(refundToDoPut(id, at));
    } else if (due) items.push(due.put);
    const nextLedger: RefundLedgerItem = { ...held, ...applyClaim(ledgerOf(held), c, 1) };
    if (byRule) {
      // the units never ship: shipOrder reads them, and conditions on this ledger's version as we do on the order's
      const withheld = { ...(held.withheld ?? {}) };
      for (const l of c.lines) withheld[l.skuId] = (withheld[l.skuId] ?? 0) + l.quantity;
      nextLedger.withheld = withheld;
      items.push(orderUnchanged(o));
    }
    await transact([casePut(undefined, item), ledgerPut(ledger, nextLedger), orderCasePut(item), ...events, ...items]);
    return item;
  });
  logger.info('after-sale requested', { afterSaleId: id, orderId: input.orderId, kind: input.kind, total: created.total.amount, status: created.status });
  if (created.status === 'refunding') return toAfterSale(await startRefund(id, now));
  return toAfterSale(created);
}

/** The refund a step that makes a case `refunding` records (with its refund to do, AP103): the number derived from the case. */
export const pendingRefund = (afterSaleId: string, amount: Money): AfterSaleItem['refund'] => ({
  outRefundNo: outRefundNoOf(afterSaleId),
  refundId: null,
  status: 'PENDING',
  amount,
  requestedAt: null,
  succeededAt: null,
});

/** Starts the refund now; should WeChat Pay not answer, the sweeper (AP103) tries again with the same number. */
export async function startRefund(afterSaleId: string, now: Date): Promise<AfterSaleItem> {
  try {
    await processRefund(afterSaleId, now);
  } catch (err) {
    logger.warn('refund not started: the sweeper retries', { afterSaleId, err: String(err) });
  }
  return readCase(afterSaleId);
}

/** The shopper's case (404 for anyone else's). */
export async function getMyAfterSale(userId: string, afterSaleId: string): Promise<AfterSale> {
  const c = await readCase(afterSaleId);
  if (c.userId !== userId) throw new NotFoundError('after-sale case');
  return toAfterSale(c);
}

/** The store's case (404 for another store's). */
export async function getMerchantAfterSale(merchantId: string, afterSaleId: string): Promise<AfterSale> {
  const c = await readCase(afterSaleId);
  if (c.merchantId !== merchantId) throw new NotFoundError('after-sale case');
  return toAfterSale(c);
}

/** One step of a case in one transaction: the case (version-conditioned), its event and `extra` writes. */
export async function commitStep(prev: AfterSaleItem, next: AfterSaleItem, now: Date, extra: TxItem[] = []): Promise<void> {
  const entry = next.history[next.history.length - 1]!;
  await transact([casePut(prev, next), caseEventPut(next, entry, now), ...extra]);
}

/** The ledger given back what a case held (cancelled) or what never arrived; in the step's transaction. */
export async function releaseClaim(c: AfterSaleItem, lines: { skuId: string; quantity: number; amount: number }[], shipping: number): Promise<TxItem> {
  const ledger = (await readLedger(c.orderId)) ?? newLedger(c.orderId);
  return ledgerPut(ledger, { ...ledger, ...applyClaim(ledgerOf(ledger), { lines, shipping }, -1) });
}

/**
 * The store approves a requested case (or the system does, when it did not answer by decideBy):
 * a refund only goes out now; a return and refund waits for the goods at the return address.
 */
export async function approveAfterSale(
  merchantId: string | null,
  afterSaleId: string,
  input: ApproveAfterSaleInput,
  actor: AfterSaleActor,
  now = new Date(),
): Promise<AfterSale> {
  const next = await retrying(async () => {
    const c = await readCase(afterSaleId);
    if (merchantId !== null && c.merchantId !== merchantId) throw new NotFoundError('after-sale case');
    const at = now.toISOString();
    // a return and refund, or an exchange: the goods come back first
    const returning = c.kind !== 'refund_only';
    if (returning && !input.returnAddress && actor.kind !== 'system') throw new UnprocessableError('Give the address the goods go back to');
    const reason = input.note ?? (actor.kind === 'system' ? 'approved automatically: the store did not answer in time' : null);
    const t = step(c, returning ? 'approve_return' : 'approve_refund', actor, at, reason);
    const next: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      // NOTE: approved automatically, a return has no address yet: the store gives it on the case (the page asks it)
      returnAddress: (input.returnAddress as ReturnAddress | undefined) ?? c.returnAddress,
      decideBy: null,
      dueKey: null,
      updatedAt: at,
      version: c.version + 1,
      ...(returning ? {} : { refund: pendingRefund(c.id, c.total) }),
    };
    await commitStep(c, next, now, [...(c.dueKey ? [deleteKey(c.dueKey)] : []), ...(returning ? [] : [refundToDoPut(c.id, at)])]);
    return next;
  });
  return toAfterSale(next.status === 'refunding' ? await startRefund(afterSaleId, now) : next);
}

/** The store rejects a requested case with its reason; the case keeps its claim until the shopper cancels or the platform decides. */
export async function rejectAfterSale(merchantId: string, afterSaleId: string, reason: string, actorId: string, now = new Date()): Promise<AfterSale> {
  return retrying(async () => {
    const c = await readCase(afterSaleId);
    if (c.merchantId !== merchantId) throw new NotFoundError('after-sale case');
    const at = now.toISOString();
    const t = step(c, 'reject', { kind: 'merchant', id: actorId }, at, reason);
    const next: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      rejectReason: reason,
      decideBy: null,
      dueKey: null,
      updatedAt: at,
      version: c.version + 1,
    };
    await commitStep(c, next, now, c.dueKey ? [deleteKey(c.dueKey)] : []);
    return toAfterSale(next);
  });
}

/** The shopper withdraws a case not yet refunding: its units and amount are given back to the order's ledger. */
export async function cancelMyAfterSale(userId: string, afterSaleId: string, reason: string | undefined, now = new Date()): Promise<AfterSale> {
  return retrying(async () => {
    const c = await readCase(afterSaleId);
    if (c.userId !== userId) throw new NotFoundError('after-sale case');
    const at = now.toISOString();
    const t = step(c, 'cancel', { kind: 'shopper', id: userId }, at, reason ?? null);
    const next: AfterSaleItem = { ...c, status: t.to, history: [...c.history, t.entry], decideBy: null, dueKey: null, updatedAt: at, version: c.version + 1 };
    const release = await releaseClaim(
      c,
      c.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, amount: l.amount.amount })),
      c.shipping.amount,
    );
    await commitStep(c, next, now, [release, ...(c.dueKey ? [deleteKey(c.dueKey)] : [])]);
    return toAfterSale(next);
  });
}

/**
 * The shopper sent the goods back (carrier + tracking number).
 * NOTE: the waybill is recorded, not yet subscribed at Kuaidi100 like outbound parcels (a later step).
 */
export async function sendReturn(userId: string, afterSaleId: string, input: SendReturnInput, now = new Date()): Promise<AfterSale> {
  return retrying(async () => {
    const c = await readCase(afterSaleId);
    if (c.userId !== userId) throw new NotFoundError('after-sale case');
    const at = now.toISOString();
    const t = step(c, 'send_return', { kind: 'shopper', id: userId }, at, `${input.carrierCode} ${input.trackingNumber}`);
    const next: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      returnParcel: { carrierCode: input.carrierCode, trackingNumber: input.trackingNumber, shippedAt: at },
      updatedAt: at,
      version: c.version + 1,
    };
    await commitStep(c, next, now);
    return toAfterSale(next);
  });
}

/** The shopper asks the platform to arbitrate a rejected case: it joins the arbitration queue (AP111, docs/adr/0059). */
export async function escalateAfterSale(userId: string, afterSaleId: string, text: string, now = new Date()): Promise<AfterSale> {
  return retrying(async () => {
    const c = await readCase(afterSaleId);
    if (c.userId !== userId) throw new NotFoundError('after-sale case');
    const at = now.toISOString();
    const t = step(c, 'escalate', { kind: 'shopper', id: userId }, at, text);
    const queue = keys.arbitrationQueueEntry(at, c.id);
    const next: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      escalation: { text, at },
      queueKey: queue,
      updatedAt: at,
      version: c.version + 1,
    };
    await commitStep(c, next, now, [arbitrationQueuePut(next)]);
    return toAfterSale(next);
  });
}

/**
 * The store confirms what came back: the received units go back to stock (once, by the case's reference)
 * and are refunded; units that did not arrive are given back to the order's ledger.
 * @throws 422 when a line is not in the case, more arrived than were asked, or nothing arrived (reject instead: arbitration)
 */
export async function confirmReturn(merchantId: string, afterSaleId: string, input: ConfirmReturnInput, actorId: string, now = new Date()): Promise<AfterSale> {
  const next = await retrying(async () => {
    const c = await readCase(afterSaleId);
    if (c.merchantId !== merchantId) throw new NotFoundError('after-sale case');
    if (c.kind === 'exchange') throw new UnprocessableError('An exchange ships a replacement: confirm with ship-replacement');
    const received = new Map(input.lines.map((l) => [l.skuId, l.quantity]));
    for (const skuId of received.keys()) if (!c.lines.some((l) => l.skuId === skuId)) throw new UnprocessableError(`SKU ${skuId} is not in this case`);
    let lines;
    try {
      lines = c.lines.map((l) => {
        const got = received.get(l.skuId) ?? 0;
        return { line: l, got, amount: receivedAmount(l.amount.amount, l.quantity, got) };
      });
    } catch (err) {
      if (err instanceof ClaimRefused) throw new UnprocessableError(err.message);
      throw err;
    }
    const goods = lines.reduce((n, l) => n + l.amount, 0);
    if (goods === 0) throw new UnprocessableError('Nothing arrived: there is nothing to refund');
    const at = now.toISOString();
    const note = lines.map((l) => `${l.line.skuId}: ${l.got}/${l.line.quantity}`).join(', ');
    const t = step(c, 'receive_return', { kind: 'merchant', id: actorId }, at, `received ${note}`);
    const cur = c.total.currency;
    // decided by the platform with a cap (docs/adr/0059): never more than it said
    const total = money(Math.min(goods + c.shipping.amount, c.arbitration?.amount?.amount ?? Number.MAX_SAFE_INTEGER), cur);
    const next: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      lines: lines.map((l) => ({ ...l.line, received: l.got, amount: money(l.amount, cur) })),
      goods: money(goods, cur),
      total,
      refund: pendingRefund(c.id, total),
      restock: lines.filter((l) => l.got > 0).map((l) => ({ productId: l.line.productId, skuId: l.line.skuId, quantity: l.got })),
      updatedAt: at,
      version: c.version + 1,
    };
    const missing = lines
      .filter((l) => l.got < l.line.quantity)
      .map((l) => ({ skuId: l.line.skuId, quantity: l.line.quantity - l.got, amount: l.line.amount.amount - l.amount }));
    const extra = [refundToDoPut(c.id, at), ...(missing.length ? [await releaseClaim(c, missing, 0)] : [])];
    await commitStep(c, next, now, extra);
    return next;
  });
  return toAfterSale(await startRefund(next.id, now));
}

/** The due decision (AP102): a case still requested at its deadline is approved by the system. */
export async function approveIfDue(afterSaleId: string, now = new Date()): Promise<void> {
  const c = await readCase(afterSaleId);
  if (c.status !== 'requested' || !c.decideBy || Date.parse(c.decideBy) > now.getTime()) return;
  await approveAfterSale(null, afterSaleId, {}, SYSTEM, now);
}
