import { z } from 'zod';
import { Money } from '@wxshop/shared/money';

/** A cart line (entity `CartLine`, AP70): one per SKU of a shopper. */
export const CartLineItem = z.object({
  entity: z.literal('CartLine'),
  userId: z.string(),
  skuId: z.string(),
  productId: z.string(),
  merchantId: z.string(),
  quantity: z.number().int().positive(),
  selected: z.boolean(),
  /** The price the shopper saw when adding or last changing the quantity: a different catalog price is flagged `repriced`. */
  seenPrice: Money,
  addedAt: z.string(),
  updatedAt: z.string(),
});
export type CartLineItem = z.infer<typeof CartLineItem>;

/** The shopper's cart counter (entity `CartMeta`, AP70): lines, kept in the same transaction as each line added or removed. */
export const CartMetaItem = z.object({ entity: z.literal('CartMeta'), userId: z.string(), lines: z.number().int().nonnegative() });
export type CartMetaItem = z.infer<typeof CartMetaItem>;
