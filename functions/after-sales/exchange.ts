/**
 * Exchange (换货, docs/adr/0060): the case's units come back and the same SKUs ship again. No money moves.
 * Request, approval (with the return address) and the shopper's return parcel are the steps every case
 * with a return takes (cases.ts); then:
 *
 * shipReplacement, primary course (the store):
 *   1. read the case: the store's, an exchange, approved or its return on the way (409 otherwise);
 *   2. the replacement units leave stock: one `exchange` posting per SKU by the case's reference, conditioned
 *      on the stock (never below zero: not enough is 422 and nothing of the case changes);
 *   3. the returned units go back to stock: one `return` posting per SKU by the case's reference;
 *   4. ONE transaction conditioned on the case's version: `replacement_shipped` with the waybill, its event.
 *   Postings are once per (SKU, reason, reference): a retry after a crash between 2 and 4 finds them and
 *   moves nothing twice. NOTE: the waybill is recorded, not subscribed at Kuaidi100 (like return parcels).
 * confirmReplacement (the shopper): `exchanged`, the case's claim given back to the order's ledger (the
 * replacement may be asked about like the unit it replaced).
 */
import type { AfterSale, ShipReplacementInput } from '@wxshop/shared/after-sales';
import { NotFoundError, UnprocessableError } from '../lib/errors';
import { logger } from '../lib/logger';
import { adjustStock } from '../catalog/stock';
import type { AfterSaleItem } from './items';
import { commitStep, releaseClaim, retrying, step } from './cases';
import { readCase, toAfterSale } from './repo';

/** The store confirms the units came back and ships their replacement. See the module comment. */
export async function shipReplacement(
  merchantId: string,
  afterSaleId: string,
  input: ShipReplacementInput,
  actorId: string,
  now = new Date(),
): Promise<AfterSale> {
  const c0 = await readCase(afterSaleId);
  if (c0.merchantId !== merchantId) throw new NotFoundError('after-sale case');
  if (c0.kind !== 'exchange') throw new UnprocessableError('Only an exchange ships a replacement');
  const at = now.toISOString();
  const reason = `${input.carrierCode} ${input.trackingNumber}`;
  step(c0, 'ship_replacement', { kind: 'merchant', id: actorId }, at, reason);
  const note = `exchange ${c0.id}`;
  for (const l of c0.lines) await adjustStock(l.skuId, -l.quantity, 'exchange', c0.id, actorId, { productId: l.productId, note, now });
  for (const l of c0.lines) await adjustStock(l.skuId, l.quantity, 'return', c0.id, actorId, { productId: l.productId, note, now });
  const next = await retrying(async () => {
    const c = await readCase(afterSaleId);
    const t = step(c, 'ship_replacement', { kind: 'merchant', id: actorId }, at, reason);
    const next: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      lines: c.lines.map((l) => ({ ...l, received: l.quantity })),
      replacementParcel: { carrierCode: input.carrierCode, trackingNumber: input.trackingNumber, shippedAt: at },
      updatedAt: at,
      version: c.version + 1,
    };
    await commitStep(c, next, now);
    return next;
  });
  logger.info('after-sale replacement shipped', { afterSaleId, units: next.lines.reduce((n, l) => n + l.quantity, 0) });
  return toAfterSale(next);
}

/** The shopper received the replacement: the exchange is done, its claim goes back to the order's ledger. */
export async function confirmReplacement(userId: string, afterSaleId: string, now = new Date()): Promise<AfterSale> {
  return retrying(async () => {
    const c = await readCase(afterSaleId);
    if (c.userId !== userId) throw new NotFoundError('after-sale case');
    const at = now.toISOString();
    const t = step(c, 'receive_replacement', { kind: 'shopper', id: userId }, at, null);
    const next: AfterSaleItem = { ...c, status: t.to, history: [...c.history, t.entry], updatedAt: at, version: c.version + 1 };
    const release = await releaseClaim(
      c,
      c.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, amount: l.amount.amount })),
      c.shipping.amount,
    );
    await commitStep(c, next, now, [release]);
    return toAfterSale(next);
  });
}
