import type { CartView, CheckoutLineInput } from '@wxshop/shared';

/** Lines that cannot be bought at all (gone, sold out) never go to checkout. */
const gone = (kinds: readonly string[]): boolean => kinds.includes('off_shelf') || kinds.includes('sold_out');

/** The cart's selected lines that can still be bought, as checkout lines (with their store: the server prices them in one read). */
export function selectedCartLines(cart: CartView): CheckoutLineInput[] {
  return cart.stores.flatMap((s) =>
    s.lines
      .filter((l) => l.selected && !gone(l.changes.map((c) => c.kind)))
      .map((l) => ({ productId: l.productId, skuId: l.skuId, merchantId: l.merchantId, quantity: l.quantity })),
  );
}

/** "Buy now" from a product page: `buy=<productId>.<skuId>.<quantity>`; null when malformed. */
export function parseBuyParam(value: string | undefined): CheckoutLineInput | null {
  const m = /^([0-9A-HJKMNP-TV-Z]{26})\.([0-9A-HJKMNP-TV-Z]{26})\.(\d{1,3})$/.exec(value ?? '');
  if (!m) return null;
  const quantity = Number(m[3]);
  return quantity >= 1 ? { productId: m[1]!, skuId: m[2]!, quantity } : null;
}
