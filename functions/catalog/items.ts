import { z } from 'zod';
import { Currency, Money } from '@wxshop/shared/money';
import { LocalizedText } from '@wxshop/shared/i18n/languages';
import { ProductStatus, SpecDimension, StockReason } from '@wxshop/shared/catalog';

/**
 * The catalog's items in the single table. Items are parsed with these schemas when read.
 *
 * Who reads what (contract with functions/browse and the order flow):
 * - PRODUCT item (AP30 `PK=PRODUCT#<pid> SK=PRODUCT`): every change of status, schedule, store status,
 *   price range or in-stock flag is a MODIFY of this item on the table stream. The search index is kept
 *   from it.
 * - SKU items (AP30 `PK=PRODUCT#<pid> SK=SKU#<skuId>`): one Query on `PK=PRODUCT#<pid>` returns the
 *   product and its SKUs (filter on `entity`). Only `enabled && !removed` SKUs are sold.
 * - STOCK postings (AP33): append-only; a SKU's `stock` always equals the sum of its postings' `delta`
 *   (see `checkStockReconciles` in ./stock.ts).
 */

/**
 * A product (entity `Product`).
 *
 * Fields the browse engineer's stream consumer relies on (kept on every write, never absent):
 * - `status`: draft | submitted | approved | rejected | off_shelf
 * - `onSale`: boolean = status is approved AND now is within [onSaleAt, offSaleAt) AND the store is selling
 *   (merchant status open or warned). Recomputed when any of these change: review, on/off shelf,
 *   the scheduled function (AP35) and a merchant status change (stream consumer). Only `onSale` products
 *   belong in shopper lists and search.
 * - `merchantId`, `categoryId` (a leaf category), `title` (LocalizedText), `tags` (string[])
 * - `minPrice`, `maxPrice`: Money (integer minor units + currency) over enabled SKUs; `currency`: the store's
 * - `inStock`: any enabled SKU has stock > 0; flipped in the same transaction as the stock posting that flips it
 * - `sales`: units sold (the order flow increments it)
 * - `coverImageKey`: `imageKeys[0]` (S3 key; the URL is `${UPLOADS_PUBLIC_BASE}/${key}`), also `imageKeys`
 * - `createdAt`, `updatedAt`, `approvedAt` (ISO 8601; approvedAt null until first approved)
 * - `storeSelling`: the store's status allows selling (cached here so `onSale` is one field)
 * Keys: GSI1 (AP31) `GSI1PK=MERCHANT#<mid>#PRODUCTS GSI1SK=<status>#<updatedAt>#<pid>`;
 *       GSI2 (AP32) `GSI2PK=PRODUCT_STATUS#<status> GSI2SK=<statusChangedAt>#<pid>` (statusChangedAt = submittedAt
 *       while submitted).
 */
export const ProductItem = z.object({
  entity: z.literal('Product'),
  id: z.string(),
  merchantId: z.string(),
  status: ProductStatus,
  rejectReason: z.string().nullable(),
  title: LocalizedText,
  description: LocalizedText,
  categoryId: z.string(),
  brand: z.string().nullable(),
  origin: z.string().nullable(),
  material: z.string().nullable(),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  imageKeys: z.array(z.string()),
  coverImageKey: z.string().nullable(),
  videoKey: z.string().nullable(),
  tags: z.array(z.string()),
  weightGrams: z.number().int().nullable(),
  volumeCm3: z.number().int().nullable(),
  /** The store's shipping template (AP72); null: the store's default template. */
  shippingTemplateId: z.string().nullable().default(null),
  hsCode: z.string().nullable(),
  countryOfOrigin: z.string().nullable(),
  specs: z.array(SpecDimension),
  currency: Currency,
  minPrice: Money,
  maxPrice: Money,
  /** Enabled SKUs with stock > 0; `inStock` is `stockedSkuCount > 0`. */
  stockedSkuCount: z.number().int().nonnegative(),
  inStock: z.boolean(),
  onSale: z.boolean(),
  storeSelling: z.boolean(),
  onSaleAt: z.string().nullable(),
  offSaleAt: z.string().nullable(),
  /** Bumped by every content change. */
  version: z.number().int(),
  /** The version the platform last approved; null before the first approval. */
  approvedVersion: z.number().int().nullable(),
  sales: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  statusChangedAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** An update of a large SKU matrix in progress (ADR 0037): no submit or re-listing while present. */
  editLease: z.object({ leaseId: z.string(), expiresAt: z.string() }).optional(),
});
export type ProductItem = z.infer<typeof ProductItem>;

/** A SKU (entity `Sku`). GSI1 `GSI1PK=SKU#<skuId> GSI1SK=SKU` locates its product. */
export const SkuItem = z.object({
  entity: z.literal('Sku'),
  id: z.string(),
  productId: z.string(),
  merchantId: z.string(),
  specIndexes: z.array(z.number().int()),
  /** zh-CN value per dimension: the identity of the combination across content updates. */
  specValues: z.array(z.string()),
  code: z.string(),
  price: Money,
  marketPrice: Money.nullable(),
  stock: z.number().int().nonnegative(),
  enabled: z.boolean(),
  /** The combination left the matrix: disabled for good, kept for orders that reference it. */
  removed: z.boolean(),
  imageKey: z.string().nullable(),
  lowStockThreshold: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SkuItem = z.infer<typeof SkuItem>;

/** One stock change (entity `StockPosting`, AP33), append-only. */
export const StockPostingItem = z.object({
  entity: z.literal('StockPosting'),
  id: z.string(),
  skuId: z.string(),
  productId: z.string(),
  merchantId: z.string(),
  delta: z.number().int(),
  /** Stock after this posting. */
  balance: z.number().int().nonnegative(),
  reason: StockReason,
  note: z.string().nullable(),
  reference: z.string().nullable(),
  actorId: z.string().nullable(),
  /** The SKU's threshold when posted: the low-stock consumer needs no extra read to decide. */
  lowStockThreshold: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type StockPostingItem = z.infer<typeof StockPostingItem>;

/** Marks an order/cancel/return reference as applied to a SKU (entity `StockReference`). */
export const StockReferenceItem = z.object({
  entity: z.literal('StockReference'),
  skuId: z.string(),
  postingId: z.string(),
  reason: StockReason,
  reference: z.string(),
});

/** A SKU code reserved for one SKU of a merchant (entity `SkuCode`, AP34). */
export const SkuCodeItem = z.object({ entity: z.literal('SkuCode'), merchantId: z.string(), code: z.string(), skuId: z.string(), productId: z.string() });

/** A pending scheduled change (entity `ProductSchedule`, AP35). */
export const ProductScheduleItem = z.object({
  entity: z.literal('ProductSchedule'),
  productId: z.string(),
  which: z.enum(['on', 'off']),
  at: z.string(),
});
export type ProductScheduleItem = z.infer<typeof ProductScheduleItem>;
