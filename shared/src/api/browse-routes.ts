import { z } from 'zod';
import { defineRoute } from './route';
import { Id, ProductCard, ProductDetail, SearchSort } from '../catalog';
import { Language } from '../i18n/languages';

/**
 * Shopper browsing: home, lists by category or store, keyword search, product detail, favourites and
 * browsing history. Texts come back already in the shopper's language: `lang` query, else the
 * signed-in account's language (detail only), else `Accept-Language`, else zh-CN; each text falls
 * back lang -> en -> zh-CN. Prices are Money in the merchant's currency (conversion comes later).
 */

const MAX_PRICE = 100_000_000;
const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The filters and sorts shared by lists and search. Prices are minor units, compared with the lowest SKU price. */
const browseQueryShape = {
  categoryId: Id.optional(),
  merchantId: Id.optional(),
  minPrice: z.coerce.number().int().min(0).max(MAX_PRICE).optional(),
  maxPrice: z.coerce.number().int().min(0).max(MAX_PRICE).optional(),
  /** `true`: only products with stock. */
  inStock: booleanFlag.optional(),
  sort: SearchSort.optional(),
  cursor: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
  lang: Language.optional(),
};
const priceRangeOk = (q: { minPrice?: number; maxPrice?: number }) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice;
const priceRangeIssue = { message: 'minPrice must not be above maxPrice', path: ['minPrice'] };

/** At most this many ids in `GET /products?ids=`. */
export const MAX_CARD_IDS = 20;

/**
 * `GET /products`: by category (with its descendants), by store, or everything on sale. Default sort:
 * relevance (= best selling). `ids` (comma-separated, e.g. a store layout's featured products) returns
 * the cards of those on sale, in that order, ignoring the other parameters.
 */
export const ListProductsQuery = z
  .object({
    ...browseQueryShape,
    ids: z
      .string()
      .regex(new RegExp(`^[0-9A-HJKMNP-TV-Z]{26}(,[0-9A-HJKMNP-TV-Z]{26}){0,${MAX_CARD_IDS - 1}}$`), `1-${MAX_CARD_IDS} comma-separated product ids`)
      .optional(),
  })
  .strict()
  .refine(priceRangeOk, priceRangeIssue);
export type ListProductsQuery = z.input<typeof ListProductsQuery>;

/** `GET /search`: keywords in any language (Chinese is segmented) plus the list filters. Default sort: relevance. */
export const SearchQuery = z
  .object({ q: z.string().trim().min(1).max(64), ...browseQueryShape })
  .strict()
  .refine(priceRangeOk, priceRangeIssue);
export type SearchQuery = z.input<typeof SearchQuery>;

export const ProductPage = z.object({ items: z.array(ProductCard), nextCursor: z.string().nullable() });
export type ProductPage = z.infer<typeof ProductPage>;

export const SearchResult = ProductPage.extend({
  /** Matching products (after filters), counted up to the search's read cap. */
  total: z.number().int(),
  /** The terms the query was split into (for highlighting). */
  terms: z.array(z.string()),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const HomeBanner = z.object({
  id: z.string(),
  title: z.string(),
  imageUrl: z.string(),
  /** Where a tap goes. */
  link: z.object({ type: z.enum(['category', 'store', 'product', 'search']), value: z.string() }),
});
export type HomeBanner = z.infer<typeof HomeBanner>;

export const HomeCategory = z.object({ id: Id, name: z.string(), iconUrl: z.string().nullable() });
export type HomeCategory = z.infer<typeof HomeCategory>;

export const HomeFeed = z.object({
  banners: z.array(HomeBanner),
  /** Top-level categories, in their order. */
  categories: z.array(HomeCategory),
  newArrivals: z.array(ProductCard),
  bestSellers: z.array(ProductCard),
});
export type HomeFeed = z.infer<typeof HomeFeed>;

const LangQuery = z.object({ lang: Language.optional() }).strict();
const ProductParams = z.object({ productId: Id }).strict();
const PageQuery = z
  .object({ cursor: z.string().max(1024).optional(), limit: z.coerce.number().int().min(1).max(50).optional(), lang: Language.optional() })
  .strict();

/** A favourite or a viewed product: its current card, or `available: false` once it is off sale. */
export const SavedProduct = z.object({
  product: ProductCard,
  available: z.boolean(),
  /** When it was favourited or last viewed. */
  at: z.string(),
});
export type SavedProduct = z.infer<typeof SavedProduct>;
export const SavedProductPage = z.object({ items: z.array(SavedProduct), nextCursor: z.string().nullable() });
export type SavedProductPage = z.infer<typeof SavedProductPage>;

export const FavouriteState = z.object({ productId: Id, favourite: z.boolean() });
export type FavouriteState = z.infer<typeof FavouriteState>;

/** A shopper keeps at most this many favourites and this many viewed products (the oldest views are dropped). */
export const MAX_FAVOURITES = 500;
export const MAX_HISTORY = 100;

export const getHome = defineRoute({
  id: 'get-home',
  method: 'GET',
  path: '/home',
  summary: 'Home page: banners, top-level categories, new arrivals and best sellers',
  tag: 'browse',
  auth: 'public',
  query: LangQuery,
  response: HomeFeed,
});

export const listProducts = defineRoute({
  id: 'list-products',
  method: 'GET',
  path: '/products',
  summary: 'Products on sale by category (with descendants) or store, filtered and sorted, a page at a time',
  tag: 'browse',
  auth: 'public',
  query: ListProductsQuery,
  response: ProductPage,
});

export const searchProducts = defineRoute({
  id: 'search-products',
  method: 'GET',
  path: '/search',
  summary: 'Keyword search (Chinese segmented, other languages folded) with the list filters and sorts',
  tag: 'browse',
  auth: 'public',
  query: SearchQuery,
  response: SearchResult,
});

export const getProduct = defineRoute({
  id: 'get-product',
  method: 'GET',
  path: '/products/{productId}',
  summary: 'Product detail: images, texts, SKU selector (specs and enabled SKUs), store card; `favourite` when signed in',
  tag: 'browse',
  auth: 'public',
  params: ProductParams,
  query: LangQuery,
  response: ProductDetail,
});

export const addFavourite = defineRoute({
  id: 'add-favourite',
  method: 'PUT',
  path: '/me/favourites/{productId}',
  summary: 'Favourite a product (idempotent)',
  tag: 'browse',
  auth: 'user',
  params: ProductParams,
  response: FavouriteState,
  rateLimit: [{ key: 'user', limit: 120, per: 60 }],
});

export const removeFavourite = defineRoute({
  id: 'remove-favourite',
  method: 'DELETE',
  path: '/me/favourites/{productId}',
  summary: 'Remove a favourite (idempotent)',
  tag: 'browse',
  auth: 'user',
  params: ProductParams,
  response: FavouriteState,
});

export const listFavourites = defineRoute({
  id: 'list-favourites',
  method: 'GET',
  path: '/me/favourites',
  summary: 'My favourites, newest first, with their current cards',
  tag: 'browse',
  auth: 'user',
  query: PageQuery,
  response: SavedProductPage,
});

export const recordProductView = defineRoute({
  id: 'record-product-view',
  method: 'POST',
  path: '/me/history/{productId}',
  summary: 'Record that I viewed a product (the client calls it after showing the detail)',
  tag: 'browse',
  auth: 'user',
  params: ProductParams,
  response: z.object({ ok: z.literal(true) }),
  rateLimit: [{ key: 'user', limit: 120, per: 60 }],
});

export const listHistory = defineRoute({
  id: 'list-history',
  method: 'GET',
  path: '/me/history',
  summary: 'Products I viewed, newest first (the latest 100)',
  tag: 'browse',
  auth: 'user',
  query: PageQuery,
  response: SavedProductPage,
});

export const clearHistory = defineRoute({
  id: 'clear-history',
  method: 'DELETE',
  path: '/me/history',
  summary: 'Forget every product I viewed',
  tag: 'browse',
  auth: 'user',
  response: z.object({ ok: z.literal(true), removed: z.number().int() }),
});
