import { z } from 'zod';
import { Money } from './money';
import { Id } from './catalog';

/** A shopper's cart holds at most this many lines (one per SKU). */
export const MAX_CART_LINES = 120;
/** At most this many units of one SKU in one line. */
export const MAX_LINE_QUANTITY = 999;

const Quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

/** `POST /me/cart/items`: a SKU and how many. Never a price: the catalog prices it. Adding a SKU already in the cart adds to its quantity. */
/** `productId` (optional, the product page knows it) spares the server the SKU's lookup; a SKU not of that product is not on sale. */
export const AddCartItemInput = z.object({ skuId: Id, quantity: Quantity, productId: Id.optional() }).strict();
export type AddCartItemInput = z.input<typeof AddCartItemInput>;

/** `POST /me/cart/items/{skuId}`: the new quantity and/or selection. Changing the quantity acknowledges a price change. */
export const UpdateCartItemInput = z
  .object({ quantity: Quantity.optional(), selected: z.boolean().optional() })
  .strict()
  .refine((v) => v.quantity !== undefined || v.selected !== undefined, { message: 'give quantity or selected', path: ['quantity'] });
export type UpdateCartItemInput = z.input<typeof UpdateCartItemInput>;

/** `POST /me/cart/select`: select or unselect some lines, a whole store, or (neither given) every line. */
export const SelectCartInput = z
  .object({
    selected: z.boolean(),
    skuIds: z.array(Id).min(1).max(MAX_CART_LINES).optional(),
    merchantId: Id.optional(),
  })
  .strict()
  .refine((v) => !(v.skuIds && v.merchantId), { message: 'give skuIds or merchantId, not both', path: ['skuIds'] });
export type SelectCartInput = z.input<typeof SelectCartInput>;

/** `POST /me/cart/remove`: delete these lines (missing ones are ignored). */
export const RemoveCartItemsInput = z.object({ skuIds: z.array(Id).min(1).max(MAX_CART_LINES) }).strict();
export type RemoveCartItemsInput = z.input<typeof RemoveCartItemsInput>;

export const CartSkuParams = z.object({ skuId: Id }).strict();

/**
 * What changed on a line since it was added (or last acknowledged): the line stays in the cart,
 * flagged, and is never repriced silently.
 */
export const CartLineChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('off_shelf') }),
  z.object({ kind: z.literal('sold_out') }),
  z.object({ kind: z.literal('insufficient_stock'), available: z.number().int() }),
  z.object({ kind: z.literal('repriced'), from: Money, to: Money }),
]);
export type CartLineChange = z.infer<typeof CartLineChange>;

export const CartLine = z.object({
  skuId: z.string(),
  productId: z.string(),
  merchantId: z.string(),
  /** In the shopper's language; empty when the product is gone. */
  title: z.string(),
  specValues: z.array(z.string()),
  imageKey: z.string().nullable(),
  /** The public URL of that image, for the cart page. */
  imageUrl: z.string().nullable(),
  quantity: z.number().int(),
  selected: z.boolean(),
  /** The price now (null when the SKU is gone). */
  price: Money.nullable(),
  /** The price the shopper saw when adding (or last acknowledged). */
  seenPrice: Money,
  /** Stock now. */
  stock: z.number().int(),
  /** Can be bought now at the requested quantity (no change other than a reprice). */
  purchasable: z.boolean(),
  changes: z.array(CartLineChange),
  addedAt: z.string(),
});
export type CartLine = z.infer<typeof CartLine>;

export const CartStore = z.object({ merchantId: z.string(), storeName: z.string(), lines: z.array(CartLine) });
export type CartStore = z.infer<typeof CartStore>;

/** The cart grouped by store (stores and lines newest first). */
export const CartView = z.object({
  stores: z.array(CartStore),
  lineCount: z.number().int(),
  selectedCount: z.number().int(),
});
export type CartView = z.infer<typeof CartView>;

/** The Cart tab badge: the number of lines. */
export const CartCount = z.object({ lines: z.number().int() });
export type CartCount = z.infer<typeof CartCount>;
