/**
 * The amount rules of after-sale (docs/adr/0056): pure functions over the order and its refund ledger,
 * in integer fen. The client never sends an amount.
 *
 * 1. What a line was paid: its lineTotal, less its share of the order's adjustments (discounts are
 *    negative), shared in proportion to lineTotal; the rounding remainder goes to the last line, so the
 *    lines' paid amounts sum to exactly subtotal + adjustments.
 * 2. What k units of a line are refunded: each unit is worth floor(paid / quantity); the units that
 *    complete the line take what is left of its paid amount (paid - already claimed), so refunding every
 *    unit, in any number of cases, refunds exactly what the line was paid, and never more.
 * 3. Shipping is refunded only when nothing of the order has shipped and the claim completes every unit
 *    of every line (the order is refunded whole before it left the store); once something shipped, the
 *    delivery was made and its shipping is not refunded.
 * 4. A claim never takes more than is left: units beyond quantity - claimed are refused.
 */

export interface LedgerLine {
  /** Units held by open or refunded cases. */
  units: number;
  /** Fen held by open or refunded cases. */
  amount: number;
}

export interface RefundLedger {
  lines: Record<string, LedgerLine>;
  /** Shipping fen held. */
  shipping: number;
  /** Fen refunded (WeChat Pay confirmed), goods and shipping. */
  refunded: number;
}

export interface AmountOrderLine {
  skuId: string;
  quantity: number;
  lineTotal: number;
}

export interface AmountOrder {
  lines: AmountOrderLine[];
  subtotal: number;
  shipping: number;
  /** Sum of the order's adjustments (negative: discounts). */
  adjustments: number;
  total: number;
  /** Something of the order has shipped (or virtual goods were delivered). */
  shipped: boolean;
}

export interface Claim {
  lines: { skuId: string; quantity: number; amount: number }[];
  goods: number;
  shipping: number;
  total: number;
}

export class ClaimRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimRefused';
  }
}

export const emptyLedger = (): RefundLedger => ({ lines: {}, shipping: 0, refunded: 0 });

/** Rule 1: what each line was paid, by SKU; the sum is subtotal + adjustments exactly. */
export function paidPerLine(order: Pick<AmountOrder, 'lines' | 'subtotal' | 'adjustments'>): Map<string, number> {
  const goods = order.subtotal + order.adjustments;
  const paid = new Map<string, number>();
  if (order.adjustments === 0 || order.subtotal === 0) {
    for (const l of order.lines) paid.set(l.skuId, l.lineTotal);
    return paid;
  }
  let given = 0;
  order.lines.forEach((l, i) => {
    const share = i === order.lines.length - 1 ? goods - given : Math.floor((l.lineTotal * goods) / order.subtotal);
    paid.set(l.skuId, share);
    given += share;
  });
  return paid;
}

/** Rule 2: what `units` more units of a line are refunded, given what earlier cases hold. */
export function unitsAmount(paid: number, quantity: number, held: LedgerLine, units: number): number {
  if (units <= 0) return 0;
  if (held.units + units > quantity) throw new ClaimRefused(`only ${quantity - held.units} unit(s) left to claim`);
  const left = paid - held.amount;
  if (held.units + units === quantity) return left;
  return Math.min(units * Math.floor(paid / quantity), left);
}

/**
 * Rules 1-4 for a new claim: per line its amount, the shipping and the total.
 * @throws ClaimRefused when a SKU is not in the order or more units are asked than are left
 */
export function claim(order: AmountOrder, ledger: RefundLedger, wanted: { skuId: string; quantity: number }[]): Claim {
  const paid = paidPerLine(order);
  const lines = wanted.map((w) => {
    const line = order.lines.find((l) => l.skuId === w.skuId);
    if (!line) throw new ClaimRefused(`SKU ${w.skuId} is not in this order`);
    const held = ledger.lines[w.skuId] ?? { units: 0, amount: 0 };
    return { skuId: w.skuId, quantity: w.quantity, amount: unitsAmount(paid.get(w.skuId) ?? 0, line.quantity, held, w.quantity) };
  });
  const goods = lines.reduce((n, l) => n + l.amount, 0);
  const completes = order.lines.every((l) => (ledger.lines[l.skuId]?.units ?? 0) + (wanted.find((w) => w.skuId === l.skuId)?.quantity ?? 0) === l.quantity);
  const shipping = !order.shipped && completes ? order.shipping - ledger.shipping : 0;
  const total = goods + shipping;
  const held = Object.values(ledger.lines).reduce((n, l) => n + l.amount, 0) + ledger.shipping;
  // rule 4 holds by construction; this is the invariant, checked once more before anything is written
  if (held + total > order.total) throw new ClaimRefused('more than the order was paid');
  return { lines, goods, shipping, total };
}

/** The ledger after a claim is taken (a new case) or given back (`sign` -1: a cancelled or rejected case, units that never arrived). */
export function applyClaim(ledger: RefundLedger, c: Pick<Claim, 'lines' | 'shipping'>, sign: 1 | -1): RefundLedger {
  const lines = { ...ledger.lines };
  for (const l of c.lines) {
    const held = lines[l.skuId] ?? { units: 0, amount: 0 };
    lines[l.skuId] = { units: held.units + sign * l.quantity, amount: held.amount + sign * l.amount };
  }
  return { ...ledger, lines, shipping: ledger.shipping + sign * c.shipping };
}

/**
 * What a line of a case refunds when only `received` of its `quantity` units came back: each unit
 * floor(amount / quantity), all of them the whole amount.
 */
export function receivedAmount(amount: number, quantity: number, received: number): number {
  if (received < 0 || received > quantity) throw new ClaimRefused(`between 0 and ${quantity} unit(s) can arrive`);
  if (received === quantity) return amount;
  return received * Math.floor(amount / quantity);
}
