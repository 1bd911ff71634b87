/**
 * Reconciliation of checkout (ADR 0053): orders against payments, and stock against the reservations
 * and releases of orders. Two named checks over the scan snapshot of functions/ops/reconcile.ts:
 *
 * - `orders-payments`: every paid order has a payment whose sub-order amount equals the order total
 *   (asked of WeChat Pay, the other side of the money, not read back from our own copy), and no
 *   payment settled on a cancelled checkout without the late-payment refund that returns it.
 * - `stock-reservations`: for each SKU, stock == initial + merchant postings (adjustments, returns)
 *   - units reserved by every order placed + units released by the cancelled ones, counted from the
 *   checkouts, not from the postings; and every order reserved once and every cancelled order
 *   released exactly once (a double release or a missing one is named with its order).
 */
import { PAYMENT_CHANNELS } from '@wxshop/shared/payments';
import { keys, keyText } from '../lib/keys';
import { queryCombine, WechatPayApiError, type CombineTransaction } from '../lib/adapters/wechatpay-ecommerce';
import { PENDING_PREFIX } from '../catalog/stock';
import type { Check, Difference, Snapshot } from './reconcile';

type Item = Record<string, unknown>;
type Money = { amount: number; currency: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const money = (v: unknown): Money => {
  const m = (v ?? {}) as Partial<Money>;
  return { amount: Number(m.amount), currency: str(m.currency) };
};
const fen = (m: Money): string => `${m.amount} ${m.currency}`;
const PAID_STATES = new Set(['SUCCESS', 'REFUND']);
const WECHAT_CHANNELS = new Set<string>(PAYMENT_CHANNELS.filter((c) => c.startsWith('wechat_')));
/** WeChat Pay queries in flight at once: a nightly run over many checkouts stays polite to the API. */
const QUERY_CONCURRENCY = 8;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The combine order at WeChat Pay; `null` when it was never placed there; a string when asking failed. */
async function combineAt(no: string): Promise<CombineTransaction | null | string> {
  try {
    return await queryCombine(no);
  } catch (err) {
    if (err instanceof WechatPayApiError && err.code === 'ORDER_NOT_EXIST') return null;
    return `could not ask WeChat Pay: ${String(err)}`;
  }
}

/** Differences of one paid checkout: its orders, its payment record and, for WeChat Pay, the combine order there. */
async function paidCheckout(s: Snapshot, checkout: Item, orders: Item[]): Promise<Difference[]> {
  const key = keyText(keys.checkout(str(checkout.id)));
  const out: Difference[] = [];
  const refs = new Map(((checkout.subOrders ?? []) as Item[]).map((r) => [str(r.orderId), r]));
  for (const o of orders) {
    const oKey = keyText(keys.order(str(o.id)));
    if (o.status === 'pending_payment' || o.status === 'cancelled') out.push({ key: oKey, detail: `the checkout is paid, the order is ${str(o.status)}` });
    if (!o.transactionId) out.push({ key: oKey, detail: 'a paid order without its transaction id' });
    const ref = refs.get(str(o.id));
    if (!ref || fen(money(ref.amount)) !== fen(money(o.total)))
      out.push({ key: oKey, detail: `order total ${fen(money(o.total))}, the checkout's sub-order ${ref ? fen(money(ref.amount)) : 'is missing'}` });
  }
  const payment = s.get(keys.checkoutPayment(str(checkout.id)));
  if (!payment) return [...out, { key, detail: 'paid, but no payment was ever started for it' }];
  // NOTE: Alipay's side is reconciled by the Alipay build; only the table's side is checked here for it
  if (!WECHAT_CHANNELS.has(str(payment.channel))) return out;
  const combine = await combineAt(str(checkout.combineOutTradeNo));
  if (combine === null) return [...out, { key, detail: `paid, but WeChat Pay has no combine order ${str(checkout.combineOutTradeNo)}` }];
  if (typeof combine === 'string') return [...out, { key, detail: combine }];
  for (const o of orders) {
    const oKey = keyText(keys.order(str(o.id)));
    const sub = combine.subOrders.find((x) => x.outTradeNo === str(o.outTradeNo));
    if (!sub) {
      out.push({ key: oKey, detail: `WeChat Pay's combine order has no sub-order ${str(o.outTradeNo)}` });
      continue;
    }
    if (!PAID_STATES.has(sub.tradeState)) out.push({ key: oKey, detail: `paid here, sub-order ${sub.outTradeNo} is ${sub.tradeState} at WeChat Pay` });
    const total = money(o.total);
    if (sub.amount.amount !== total.amount || sub.amount.currency !== total.currency)
      out.push({ key: oKey, detail: `order total ${fen(total)}, WeChat Pay's sub-order ${sub.outTradeNo} ${sub.amount.amount} ${sub.amount.currency}` });
    if (sub.transactionId !== (o.transactionId ?? null))
      out.push({ key: oKey, detail: `transaction ${String(o.transactionId)}, WeChat Pay's sub-order ${String(sub.transactionId)}` });
  }
  return out;
}

/** A cancelled checkout paid at WeChat Pay must have a LatePayment (to refund, or refunded) for that payment. */
async function cancelledCheckout(s: Snapshot, checkout: Item, orders: Item[]): Promise<Difference[]> {
  const key = keyText(keys.checkout(str(checkout.id)));
  const out: Difference[] = orders
    .filter((o) => o.status !== 'cancelled')
    .map((o) => ({ key: keyText(keys.order(str(o.id))), detail: `the checkout is cancelled, the order is ${str(o.status)}` }));
  const payment = s.get(keys.checkoutPayment(str(checkout.id)));
  if (!payment || !WECHAT_CHANNELS.has(str(payment.channel))) return out;
  const combine = await combineAt(str(checkout.combineOutTradeNo));
  if (combine === null) return out;
  if (typeof combine === 'string') return [...out, { key, detail: combine }];
  const paid = combine.subOrders.filter((x) => PAID_STATES.has(x.tradeState));
  if (paid.length === 0) return out;
  const late = s.ofEntity('LatePayment').filter((l) => l.checkoutId === checkout.id);
  const covered = new Set(late.flatMap((l) => ((l.subOrders ?? []) as Item[]).map((x) => str(x.transactionId))));
  const uncovered = paid.filter((x) => !x.transactionId || !covered.has(x.transactionId));
  if (uncovered.length === 0) return out;
  const total = uncovered.reduce((n, x) => n + x.amount.amount, 0);
  return [
    ...out,
    {
      key,
      detail: `cancelled, but WeChat Pay settled ${uncovered.map((x) => `${x.outTradeNo} (${String(x.transactionId)})`).join(', ')} (${total} fen) and no late-payment refund covers it`,
    },
  ];
}

export const ordersPayments: Check = {
  name: 'orders-payments',
  invariant:
    'every paid order has a payment at WeChat Pay whose sub-order amount equals the order total, and no payment settled on a cancelled checkout lacks its late-payment refund',
  run: async (s) => {
    const ordersById = new Map(s.ofEntity('Order').map((o) => [str(o.id), o]));
    const checkouts = s.ofEntity('Checkout');
    const seen = new Set<string>();
    const perCheckout = await mapLimit(checkouts, QUERY_CONCURRENCY, async (c) => {
      const ids = ((c.orderIds ?? []) as unknown[]).map(str);
      ids.forEach((id) => seen.add(id));
      const orders = ids.map((id) => ordersById.get(id)).filter((o): o is Item => !!o);
      const missing = ids.filter((id) => !ordersById.has(id)).map((id) => ({ key: keyText(keys.checkout(str(c.id))), detail: `order ${id} does not exist` }));
      if (c.status === 'paid') return [...missing, ...(await paidCheckout(s, c, orders))];
      if (c.status === 'cancelled') return [...missing, ...(await cancelledCheckout(s, c, orders))];
      return [
        ...missing,
        ...orders
          .filter((o) => o.status !== 'pending_payment')
          .map((o) => ({ key: keyText(keys.order(str(o.id))), detail: `the checkout is ${str(c.status)}, the order is ${str(o.status)}` })),
      ];
    });
    const orphans = [...ordersById.values()]
      .filter((o) => !seen.has(str(o.id)))
      .map((o) => ({ key: keyText(keys.order(str(o.id))), detail: `no checkout lists this order (checkout ${str(o.checkoutId)})` }));
    return [...perCheckout.flat(), ...orphans];
  },
};

/** Units per (order, SKU) from the checkouts' reservations, and which orders are cancelled. */
function reservationsOf(s: Snapshot): { reserved: Map<string, number>; cancelled: Set<string>; skuOf: Map<string, string> } {
  const reserved = new Map<string, number>();
  const cancelled = new Set<string>();
  const skuOf = new Map<string, string>();
  for (const c of s.ofEntity('Checkout')) {
    for (const r of (c.reservations ?? []) as Item[]) {
      const k = `${str(r.orderId)} ${str(r.skuId)}`;
      reserved.set(k, (reserved.get(k) ?? 0) + Number(r.quantity));
      skuOf.set(k, str(r.skuId));
      if (c.status === 'cancelled') cancelled.add(str(r.orderId));
    }
  }
  return { reserved, cancelled, skuOf };
}

export const stockReservations: Check = {
  name: 'stock-reservations',
  invariant:
    "each SKU's stock == initial + merchant postings - units reserved by orders + units released by their cancels (counted from the checkouts); every order reserved once, every cancelled order released exactly once",
  run: (s) => {
    const out: Difference[] = [];
    const { reserved, cancelled, skuOf } = reservationsOf(s);
    // postings of orders and cancels per (order, SKU); every other posting per SKU
    const orderPostings = new Map<string, Item[]>();
    const cancelPostings = new Map<string, Item[]>();
    const otherSum = new Map<string, number>();
    const postingIds = new Map<string, Set<string>>();
    for (const p of s.ofEntity('StockPosting')) {
      const sku = str(p.skuId);
      postingIds.set(sku, (postingIds.get(sku) ?? new Set()).add(str(p.id)));
      const k = `${str(p.reference)} ${sku}`;
      if (p.reason === 'order') orderPostings.set(k, [...(orderPostings.get(k) ?? []), p]);
      else if (p.reason === 'cancel') cancelPostings.set(k, [...(cancelPostings.get(k) ?? []), p]);
      else otherSum.set(sku, (otherSum.get(sku) ?? 0) + Number(p.delta));
    }
    const postingKey = (k: string, list: Item[] | undefined): string =>
      list?.[0] ? keyText(keys.stockPosting(str(list[0].skuId), str(list[0].id))) : keyText(keys.order(k.split(' ')[0]!));
    // each reservation: posted once, released once if (and only if) its order is cancelled
    const reservedPerSku = new Map<string, number>();
    const releasedPerSku = new Map<string, number>();
    for (const [k, units] of reserved) {
      const [orderId, skuId] = [k.split(' ')[0]!, skuOf.get(k)!];
      reservedPerSku.set(skuId, (reservedPerSku.get(skuId) ?? 0) + units);
      const taken = orderPostings.get(k) ?? [];
      const unitsTaken = -taken.reduce((n, p) => n + Number(p.delta), 0);
      if (taken.length !== 1 || unitsTaken !== units)
        out.push({
          key: keyText(keys.order(orderId)),
          detail: `SKU ${skuId}: ${units} unit(s) reserved, ${taken.length} order posting(s) took ${unitsTaken}${taken.length === 0 ? ' (reservation missing)' : taken.length > 1 ? ' (reserved twice)' : ''}`,
        });
      const back = cancelPostings.get(k) ?? [];
      const unitsBack = back.reduce((n, p) => n + Number(p.delta), 0);
      if (cancelled.has(orderId)) {
        releasedPerSku.set(skuId, (releasedPerSku.get(skuId) ?? 0) + units);
        if (back.length === 0) out.push({ key: keyText(keys.order(orderId)), detail: `SKU ${skuId}: cancelled, but its ${units} unit(s) were never released` });
        else if (back.length > 1)
          out.push({ key: postingKey(k, back), detail: `SKU ${skuId}: order ${orderId} released ${back.length} times (${unitsBack} units for ${units})` });
        else if (unitsBack !== units)
          out.push({ key: postingKey(k, back), detail: `SKU ${skuId}: order ${orderId} released ${unitsBack} unit(s) of ${units}` });
      } else if (back.length > 0) {
        out.push({ key: postingKey(k, back), detail: `SKU ${skuId}: order ${orderId} released ${unitsBack} unit(s) but it is not cancelled` });
      }
    }
    for (const [k, list] of [...orderPostings, ...cancelPostings])
      if (!reserved.has(k))
        out.push({ key: postingKey(k, list), detail: `a posting (${str(list[0]!.reason)}) for order ${k.split(' ')[0]}, which reserved nothing of this SKU` });
    // each SKU: the stock the orders account for
    for (const sku of s.ofEntity('Sku')) {
      const id = str(sku.id);
      const settled = postingIds.get(id) ?? new Set<string>();
      // an adjustment still pending on the SKU item (ADR 0035) counts until its posting item lands
      const pending = Object.keys(sku)
        .filter((n) => n.startsWith(PENDING_PREFIX) && !settled.has(n.slice(PENDING_PREFIX.length)))
        .reduce((n, name) => n + Number((sku[name] as { delta?: unknown }).delta), 0);
      const base = (otherSum.get(id) ?? 0) + pending;
      const expected = base - (reservedPerSku.get(id) ?? 0) + (releasedPerSku.get(id) ?? 0);
      if (Number(sku.stock) !== expected)
        out.push({
          key: keyText(keys.productSku(str(sku.productId), id)),
          detail: `stock ${String(sku.stock)}; initial + merchant postings ${base} - reserved ${reservedPerSku.get(id) ?? 0} + released ${releasedPerSku.get(id) ?? 0} = ${expected}`,
        });
    }
    return out;
  },
};
