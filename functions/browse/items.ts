import { z } from 'zod';
import { LocalizedText } from '@wxshop/shared/i18n/languages';
import { Money } from '@wxshop/shared/money';

/**
 * The browse domain's items (AP50-AP54). Items are parsed with these schemas when read.
 * Everything but favourites and history is derived from PRODUCT items by the index-products stream
 * consumer and can be rebuilt from the table at any time (see ./indexer.ts and docs/adr/0030-search.md).
 */

/** What lists and search need to filter, sort and draw a product card without reading the product. */
export const IndexedCard = z.object({
  productId: z.string(),
  merchantId: z.string(),
  /** The product's (leaf) category. */
  categoryId: z.string(),
  /** The category and its ancestors, top level first: filtering by a category includes its descendants. */
  categoryPath: z.array(z.string()),
  title: LocalizedText,
  imageKey: z.string().nullable(),
  /** Lowest and highest enabled SKU price, in the merchant's currency. */
  price: Money,
  maxPrice: Money,
  sales: z.number().int(),
  inStock: z.boolean(),
  tags: z.array(z.string()),
  /** First approval (the "newest" sort). */
  listedAt: z.string(),
});
export type IndexedCard = z.infer<typeof IndexedCard>;

/** AP50 `PK=TOKEN#<lang>#<token> SK=PRODUCT#<pid>`: a posting; `weight` says where the token occurs (title 3, tags/brand 2). */
export const PostingItem = z.object({
  entity: z.literal('SearchPosting'),
  lang: z.string(),
  token: z.string(),
  weight: z.number().int().min(1),
  card: IndexedCard,
  stamp: z.string(),
});
export type PostingItem = z.infer<typeof PostingItem>;

/**
 * AP51 (`CATEGORY_PRODUCTS#` / `STORE_PRODUCTS#`) and AP54 (`FEED#`) entries: the sort value is in the sort
 * key; the filterable fields are flat attributes so a Query can filter on them.
 */
export const ListingItem = z.object({
  entity: z.enum(['ProductListing', 'HomeFeedEntry']),
  card: IndexedCard,
  merchantId: z.string(),
  priceAmount: z.number().int(),
  inStock: z.boolean(),
  stamp: z.string(),
});
export type ListingItem = z.infer<typeof ListingItem>;

/**
 * `PK=PRODUCT_INDEX#<pid> SK=STATE`: what the index holds for a product: every derived key (so that
 * postings of old words are removed when a title changes), the content hash (redelivered events write
 * nothing) and the card, kept after the product leaves sale so favourites and history can still show it.
 */
export const IndexStateItem = z.object({
  entity: z.literal('ProductIndexState'),
  productId: z.string(),
  listed: z.boolean(),
  card: IndexedCard.nullable(),
  /** `PK|SK` of every posting, listing and feed entry written for the product. */
  keys: z.array(z.string()),
  hash: z.string(),
  /** `<updatedAt>#<version>` of the product item indexed (informational; also picks the newest card while postings change). */
  stamp: z.string(),
  indexedAt: z.string(),
});
export type IndexStateItem = z.infer<typeof IndexStateItem>;

/** AP52 `PK=USER#<uid> SK=FAV#<pid>`. */
export const FavouriteItem = z.object({ entity: z.literal('Favourite'), userId: z.string(), productId: z.string(), createdAt: z.string() });
export type FavouriteItem = z.infer<typeof FavouriteItem>;

/** AP53 `PK=USER#<uid> SK=HISTORY#<pid>`: one per product, `viewedAt` moved forward on every view. */
export const ProductViewItem = z.object({ entity: z.literal('ProductView'), userId: z.string(), productId: z.string(), viewedAt: z.string() });
export type ProductViewItem = z.infer<typeof ProductViewItem>;

/** `PK=USER#<uid> SK=FAV_COUNT | HISTORY_COUNT`: how many favourites / viewed products a user has (caps). */
export const UserCounterItem = z.object({ entity: z.enum(['FavouriteCount', 'HistoryCount']), count: z.number().int() });
