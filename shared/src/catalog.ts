import { z } from 'zod';
import { LocalizedText } from './i18n/languages';
import { Currency, Money, NonNegativeMoney } from './money';

/** ULIDs name every entity. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id');

// ---------------------------------------------------------------- categories
export const Category = z.object({
  id: Id,
  parentId: Id.nullable(),
  /** 1, 2 or 3. */
  level: z.number().int().min(1).max(3),
  name: LocalizedText,
  iconKey: z.string().nullable(),
  iconUrl: z.string().nullable(),
  order: z.number().int(),
});
export type Category = z.infer<typeof Category>;

// ---------------------------------------------------------------- products
export const PRODUCT_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'off_shelf'] as const;
export const ProductStatus = z.enum(PRODUCT_STATUSES);
export type ProductStatus = z.infer<typeof ProductStatus>;

/** A spec dimension, e.g. colour with values red / blue. At most 3 dimensions generate the SKU matrix. */
export const SpecDimension = z
  .object({
    name: LocalizedText,
    values: z.array(LocalizedText).min(1).max(30),
  })
  .strict();
export type SpecDimension = z.infer<typeof SpecDimension>;

export const SkuInput = z
  .object({
    /** Index into each dimension's values, in dimension order; e.g. [0, 1] = first colour, second size. */
    specIndexes: z.array(z.number().int().min(0).max(29)).max(3),
    code: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/),
    /** Minor units in the merchant's currency (the merchant's currency is not taken from the client). */
    price: z.number().int().positive().max(100_000_000),
    marketPrice: z.number().int().positive().max(100_000_000).optional(),
    /** Initial stock when the SKU is created; later changes go through stock postings. */
    initialStock: z.number().int().min(0).max(10_000_000).optional(),
    imageKey: z.string().max(256).optional(),
    enabled: z.boolean().optional(),
    lowStockThreshold: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export type SkuInput = z.infer<typeof SkuInput>;

export const Sku = z.object({
  id: Id,
  productId: Id,
  specIndexes: z.array(z.number().int()),
  code: z.string(),
  price: NonNegativeMoney,
  marketPrice: Money.nullable(),
  stock: z.number().int().nonnegative(),
  imageUrl: z.string().nullable(),
  enabled: z.boolean(),
  lowStockThreshold: z.number().int().nonnegative(),
});
export type Sku = z.infer<typeof Sku>;

export const ProductContentInput = z
  .object({
    title: LocalizedText,
    description: LocalizedText,
    categoryId: Id,
    brand: z.string().trim().max(64).optional(),
    origin: z.string().trim().max(64).optional(),
    material: z.string().trim().max(128).optional(),
    attributes: z
      .array(z.object({ name: z.string().trim().min(1).max(32), value: z.string().trim().min(1).max(128) }).strict())
      .max(30)
      .optional(),
    imageKeys: z.array(z.string().max(256)).min(1).max(9),
    videoKey: z.string().max(256).optional(),
    tags: z.array(z.string().trim().min(1).max(16)).max(10).optional(),
    /** Grams and cubic centimetres, for shipping fees. */
    weightGrams: z.number().int().min(0).max(1_000_000).optional(),
    volumeCm3: z.number().int().min(0).max(10_000_000).optional(),
    /** For cross-border orders later: HS code (6-10 digits) and ISO 3166-1 alpha-2 country of origin. */
    hsCode: z
      .string()
      .regex(/^\d{6,10}$/)
      .optional(),
    countryOfOrigin: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    specs: z.array(SpecDimension).max(3),
    skus: z.array(SkuInput).min(1).max(300),
    /** Optional scheduled on-sale / off-sale times (ISO 8601), run by a scheduled function. */
    onSaleAt: z.iso.datetime().optional(),
    offSaleAt: z.iso.datetime().optional(),
  })
  .strict();
export type ProductContentInput = z.infer<typeof ProductContentInput>;

/** What the merchant sees and edits. */
export const MerchantProduct = z.object({
  id: Id,
  merchantId: Id,
  status: ProductStatus,
  rejectReason: z.string().nullable(),
  title: LocalizedText,
  description: LocalizedText,
  categoryId: Id,
  brand: z.string().nullable(),
  origin: z.string().nullable(),
  material: z.string().nullable(),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  imageUrls: z.array(z.string()),
  imageKeys: z.array(z.string()),
  videoUrl: z.string().nullable(),
  tags: z.array(z.string()),
  weightGrams: z.number().int().nullable(),
  volumeCm3: z.number().int().nullable(),
  hsCode: z.string().nullable(),
  countryOfOrigin: z.string().nullable(),
  specs: z.array(SpecDimension),
  skus: z.array(Sku),
  currency: Currency,
  onSaleAt: z.string().nullable(),
  offSaleAt: z.string().nullable(),
  /** Content version: bumped by every content change; a re-listing after a change goes through review. */
  version: z.number().int(),
  sales: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MerchantProduct = z.infer<typeof MerchantProduct>;

/** A product card in lists and search results, already in the shopper's language. */
export const ProductCard = z.object({
  id: Id,
  merchantId: Id,
  title: z.string(),
  imageUrl: z.string().nullable(),
  /** Lowest enabled SKU price. */
  price: Money,
  marketPrice: Money.nullable(),
  sales: z.number().int(),
  inStock: z.boolean(),
  tags: z.array(z.string()),
});
export type ProductCard = z.infer<typeof ProductCard>;

/** Product detail for shoppers: localized, only enabled SKUs, with the store card. */
export const ProductDetail = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  imageUrls: z.array(z.string()),
  videoUrl: z.string().nullable(),
  brand: z.string().nullable(),
  origin: z.string().nullable(),
  material: z.string().nullable(),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  tags: z.array(z.string()),
  categoryId: Id,
  specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  skus: z.array(z.object({ id: Id, specIndexes: z.array(z.number().int()), price: Money, marketPrice: Money.nullable(), stock: z.number().int(), imageUrl: z.string().nullable(), soldOut: z.boolean() })),
  priceRange: z.object({ min: Money, max: Money }),
  sales: z.number().int(),
  store: z.object({ id: Id, name: z.string(), logoUrl: z.string().nullable(), status: z.enum(['open', 'warned', 'suspended', 'closed']) }),
  /** False when the store is suspended/closed or the product is not on sale: shown, not sold. */
  purchasable: z.boolean(),
  favourite: z.boolean(),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

// ---------------------------------------------------------------- stock
export const STOCK_REASONS = ['initial', 'adjustment', 'order', 'cancel', 'return'] as const;
export const StockReason = z.enum(STOCK_REASONS);
export type StockReason = z.infer<typeof StockReason>;

export const StockPosting = z.object({
  id: Id,
  skuId: Id,
  /** Signed change: +10 received, -1 sold. */
  delta: z.number().int(),
  /** Stock after this posting. */
  balance: z.number().int().nonnegative(),
  reason: StockReason,
  note: z.string().nullable(),
  /** Order id, import id, or the staff member who adjusted. */
  reference: z.string().nullable(),
  actorId: z.string().nullable(),
  createdAt: z.string(),
});
export type StockPosting = z.infer<typeof StockPosting>;

// ---------------------------------------------------------------- search
export const SEARCH_SORTS = ['relevance', 'sales', 'newest', 'price_asc', 'price_desc'] as const;
export const SearchSort = z.enum(SEARCH_SORTS);
