/**
 * What a request would refund, before the shopper sends it (docs/adr/0058): the same eligibility and
 * amount rules as `requestAfterSale` (cases.ts, amounts.ts) over the order and its refund ledger as they
 * are now; nothing is written. The request computes again when it is sent: a quote is not a promise.
 */
import type { AfterSaleQuote, QuoteAfterSaleInput } from '@wxshop/shared/after-sales';
import type { Money } from '@wxshop/shared/money';
import { NotFoundError, UnprocessableError } from '../lib/errors';
import { readOrder } from '../orders/orders';
import { ClaimRefused, claim } from './amounts';
import { amountOrderOf, refuseOrder } from './cases';
import { newLedger, readLedger } from './repo';

/**
 * `POST /me/after-sale-quotes`.
 * @throws 404 (not the shopper's order), 409 invalid_transition (not eligible), 422 (more units than are left)
 */
export async function quoteAfterSale(userId: string, input: QuoteAfterSaleInput, now = new Date()): Promise<AfterSaleQuote> {
  const [o, ledger] = await Promise.all([readOrder(input.orderId), readLedger(input.orderId)]);
  if (o.userId !== userId) throw new NotFoundError('order');
  refuseOrder(o, input, now);
  const held = ledger ?? newLedger(o.id);
  const cur = o.total.currency;
  const money = (amount: number): Money => ({ amount, currency: cur });
  const left = o.lines.map((l) => ({ skuId: l.skuId, units: l.quantity - (held.lines[l.skuId]?.units ?? 0) }));
  if (input.lines.length === 0) return { orderId: o.id, left, lines: [], goods: money(0), shipping: money(0), total: money(0) };
  try {
    const c = claim(amountOrderOf(o), { lines: held.lines, shipping: held.shipping, refunded: held.refunded }, input.lines);
    return {
      orderId: o.id,
      left,
      lines: c.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, amount: money(l.amount) })),
      goods: money(c.goods),
      shipping: money(c.shipping),
      total: money(c.total),
    };
  } catch (err) {
    if (err instanceof ClaimRefused) throw new UnprocessableError(`Cannot ask for that: ${err.message}`);
    throw err;
  }
}
