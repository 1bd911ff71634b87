import { z } from 'zod';
import { LocalizedText, TEXT_LIMITS, localizedText } from './i18n/languages';
import { Currency, Money, NonNegativeMoney } from './money';

/** ULIDs name every entity. */
/**
 * SKUs per product (the merchant editor's limit too): a product too large for one DynamoDB transaction
 * is written in chunks, the product item last (ADR 0037).
 */
export const MAX_SKUS_PER_PRODUCT = 300;
/** Values per spec dimension (e.g. 40 shoe sizes). */
export const MAX_SPEC_VALUES = 50;

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
    name: localizedText(TEXT_LIMITS.specName),
    values: z.array(localizedText(TEXT_LIMITS.specValue)).min(1).max(MAX_SPEC_VALUES),
  })
  .strict();
export type SpecDimension = z.infer<typeof SpecDimension>;

export const SkuInput = z
  .object({
    /** Index into each dimension's values, in dimension order; e.g. [0, 1] = first colour, second size. */
    specIndexes: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(MAX_SPEC_VALUES - 1),
      )
      .max(3),
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
    title: localizedText(TEXT_LIMITS.productTitle),
    description: localizedText(TEXT_LIMITS.productDescription),
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
    /** The store's shipping fee template for this product (none: the store's default template). */
    shippingTemplateId: Id.nullable().optional(),
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
    skus: z.array(SkuInput).min(1).max(MAX_SKUS_PER_PRODUCT),
    /** Optional scheduled on-sale / off-sale times (ISO 8601), run by a scheduled function. */
    onSaleAt: z.iso.datetime().max(32).optional(),
    offSaleAt: z.iso.datetime().max(32).optional(),
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
  /** The upload key of the video, which an edit sends back (PUT takes the whole content). */
  videoKey: z.string().nullable(),
  tags: z.array(z.string()),
  weightGrams: z.number().int().nullable(),
  volumeCm3: z.number().int().nullable(),
  hsCode: z.string().nullable(),
  countryOfOrigin: z.string().nullable(),
  shippingTemplateId: z.string().nullable(),
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
  skus: z.array(
    z.object({
      id: Id,
      specIndexes: z.array(z.number().int()),
      price: Money,
      marketPrice: Money.nullable(),
      stock: z.number().int(),
      imageUrl: z.string().nullable(),
      soldOut: z.boolean(),
    }),
  ),
  priceRange: z.object({ min: Money, max: Money }),
  sales: z.number().int(),
  store: z.object({ id: Id, name: z.string(), logoUrl: z.string().nullable(), status: z.enum(['open', 'warned', 'suspended', 'closed']) }),
  /** False when the store is suspended/closed or the product is not on sale: shown, not sold. */
  purchasable: z.boolean(),
  favourite: z.boolean(),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

// ---------------------------------------------------------------- stock
/** `exchange`: an after-sale exchange's replacement units leaving stock (docs/adr/0060). */
export const STOCK_REASONS = ['initial', 'adjustment', 'order', 'cancel', 'return', 'exchange'] as const;
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

// ---------------------------------------------------------------- catalog API (products, stock, import)
/** A SKU as its merchant sees it: the shopper view plus what the merchant edits. */
export const MerchantSku = Sku.extend({
  imageKey: z.string().nullable(),
  /** The zh-CN value of each spec dimension: a SKU keeps its id while its combination stays in the matrix. */
  specValues: z.array(z.string()),
  /** True when its combination left the matrix: kept (orders reference it) but never sold again. */
  removed: z.boolean(),
});
export type MerchantSku = z.infer<typeof MerchantSku>;

/** A product as its merchant (and the platform reviewer) sees it. */
export const MerchantProductView = MerchantProduct.extend({
  skus: z.array(MerchantSku),
  /** The content version the platform last approved; a re-listing with a newer version goes through review. */
  approvedVersion: z.number().int().nullable(),
  /** Approved, within its schedule and its store selling: what shoppers can buy. */
  onSale: z.boolean(),
  inStock: z.boolean(),
  minPrice: Money,
  maxPrice: Money,
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type MerchantProductView = z.infer<typeof MerchantProductView>;

/** A row of a merchant's product list (status tabs). */
export const MerchantProductRow = z.object({
  id: Id,
  merchantId: Id,
  status: ProductStatus,
  title: LocalizedText,
  imageUrl: z.string().nullable(),
  minPrice: Money,
  maxPrice: Money,
  onSale: z.boolean(),
  inStock: z.boolean(),
  sales: z.number().int(),
  version: z.number().int(),
  rejectReason: z.string().nullable(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type MerchantProductRow = z.infer<typeof MerchantProductRow>;

export const MerchantProductPage = z.object({ items: z.array(MerchantProductRow), nextCursor: z.string().nullable() });

export const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).optional(),
    cursor: z.string().max(1024).optional(),
  })
  .strict();

export const ListMerchantProductsQuery = PageQuery.extend({ status: ProductStatus.optional() }).strict();

/** Upload limits: images (png/jpeg/webp) <= 5 MiB, an mp4 video <= 50 MiB, a CSV import <= 1 MiB. */
export const PRODUCT_UPLOAD_LIMITS = {
  'image/png': 5 * 1024 * 1024,
  'image/jpeg': 5 * 1024 * 1024,
  'image/webp': 5 * 1024 * 1024,
  'video/mp4': 50 * 1024 * 1024,
  'text/csv': 1024 * 1024,
} as const;
export type ProductUploadType = keyof typeof PRODUCT_UPLOAD_LIMITS;

export const ProductUploadInput = z
  .object({
    contentType: z.enum(Object.keys(PRODUCT_UPLOAD_LIMITS) as [ProductUploadType, ...ProductUploadType[]]),
    /** Bytes: the presigned PUT is bound to this exact length. */
    size: z.number().int().positive(),
  })
  .strict()
  .refine((v) => v.size <= PRODUCT_UPLOAD_LIMITS[v.contentType], { message: 'too large for this content type', path: ['size'] });
export type ProductUploadInput = z.infer<typeof ProductUploadInput>;

/** A merchant's stock change: + received, - shrinkage. The reason is `adjustment`. */
export const StockAdjustmentInput = z
  .object({
    delta: z
      .number()
      .int()
      .min(-10_000_000)
      .max(10_000_000)
      .refine((d) => d !== 0, 'must not be 0'),
    note: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type StockAdjustmentInput = z.infer<typeof StockAdjustmentInput>;

export const StockPostingPage = z.object({ items: z.array(StockPosting), nextCursor: z.string().nullable() });

export const RejectProductInput = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

/** A CSV import: the text inline (small files, the JSON body is capped at 64 KiB) or the key of an uploaded file (<= 1 MiB). */
export const ProductImportInput = z
  .object({
    csv: z.string().min(1).max(60_000).optional(),
    key: z.string().max(256).optional(),
  })
  .strict()
  .refine((v) => (v.csv === undefined) !== (v.key === undefined), { message: 'give exactly one of csv or key', path: ['csv'] });

export const ImportRowError = z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

/** One product of an import (its rows share a handle): accepted and created as a draft, or refused with why. */
export const ImportProductResult = z.object({
  handle: z.string(),
  lines: z.array(z.number().int()),
  accepted: z.boolean(),
  productId: Id.nullable(),
  errors: z.array(ImportRowError),
});
export type ImportProductResult = z.infer<typeof ImportProductResult>;

export const ImportReport = z.object({
  id: Id,
  merchantId: Id,
  createdAt: z.string(),
  createdBy: z.string(),
  rows: z.number().int(),
  accepted: z.number().int(),
  refused: z.number().int(),
  /** Problems not tied to one product: a bad header or too many rows (then nothing was imported), a row without handle. */
  errors: z.array(ImportRowError),
  products: z.array(ImportProductResult),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** The CSV import columns (ADR 0023): the API's parser and the merchant page's help read this one list. */
export const CSV_COLUMNS = [
  'handle',
  'title_zh',
  'title_en',
  'title_es',
  'title_fr',
  'title_de',
  'description_zh',
  'description_en',
  'description_es',
  'description_fr',
  'description_de',
  'category_id',
  'image_keys',
  'video_key',
  'tags',
  'brand',
  'origin',
  'material',
  'weight_grams',
  'volume_cm3',
  'hs_code',
  'country_of_origin',
  'on_sale_at',
  'off_sale_at',
  'spec1_name',
  'spec1_value',
  'spec2_name',
  'spec2_value',
  'spec3_name',
  'spec3_value',
  'sku_code',
  'price',
  'market_price',
  'stock',
  'low_stock_threshold',
  'sku_image_key',
  'enabled',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['handle', 'title_zh', 'description_zh', 'category_id', 'image_keys', 'sku_code', 'price'];

/** One import in the store's list of imports: the counts, without the per-product detail. */
export const ImportSummary = ImportReport.pick({ id: true, createdAt: true, createdBy: true, rows: true, accepted: true, refused: true });
export type ImportSummary = z.infer<typeof ImportSummary>;
export const ImportSummaryPage = z.object({ items: z.array(ImportSummary), nextCursor: z.string().nullable() });
export type ImportSummaryPage = z.infer<typeof ImportSummaryPage>;
