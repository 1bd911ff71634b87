import Taro from '@tarojs/taro';
import {
  getHome,
  getProduct,
  getStore,
  listCategories,
  listProducts,
  recordProductView,
  searchProducts,
  type CategoryRoot,
  type HomeFeed,
  type ListProductsQuery,
  type ProductCard,
  type ProductDetail,
  type ProductPage,
  type PublicStore,
  type SearchQuery,
  type SearchResult,
} from '@wxshop/shared';
import { getLanguage } from '../i18n';
import { api, isApiError } from './request';
import { getSession } from './session';
import { sanitizeRecent } from '../shop/lib/recent-searches';
import { storage } from './storage';

export type { CategoryRoot, HomeFeed, ProductCard, ProductDetail, ProductPage, PublicStore, SearchResult };
export type ListQuery = ListProductsQuery;
export type SearchParams = SearchQuery;

/** Products per page in lists and search results. */
export const PAGE_SIZE = 20;

// NOTE: every call names the app's language (`lang`): signed in, the API would otherwise answer in the
// account's language, which can differ from the one chosen on this device.

export function fetchHome(): Promise<HomeFeed> {
  return api.call(getHome, { query: { lang: getLanguage() } });
}

/** The category tree with names in every language (the page picks one with `localize`). */
export async function fetchCategories(): Promise<CategoryRoot[]> {
  return (await api.call(listCategories)).items;
}

export function fetchProducts(query: ListQuery): Promise<ProductPage> {
  return api.call(listProducts, { query: { limit: PAGE_SIZE, lang: getLanguage(), ...query } });
}

export function searchCatalog(query: SearchParams): Promise<SearchResult> {
  return api.call(searchProducts, { query: { limit: PAGE_SIZE, lang: getLanguage(), ...query } });
}

export function fetchProduct(productId: string): Promise<ProductDetail> {
  return api.call(getProduct, { params: { productId }, query: { lang: getLanguage() } });
}

export function fetchStore(merchantId: string): Promise<PublicStore> {
  return api.call(getStore, { params: { merchantId } });
}

/** Cards of the given products, in that order; products that are gone are left out. At most `limit`. */
export async function fetchCardsByIds(ids: readonly string[], limit = 8): Promise<ProductCard[]> {
  // NOTE: there is no "cards by ids" call yet: each card comes from its product detail (4 at a time).
  const wanted = ids.slice(0, limit);
  const cards: (ProductCard | null)[] = new Array(wanted.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      try {
        cards[i] = cardOf(await fetchProduct(wanted[i]!));
      } catch (e) {
        if (!isApiError(e) || e.code !== 'not_found') throw e;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return cards.filter((c): c is ProductCard => c !== null);
}

/** The list card of a product detail. */
export function cardOf(p: ProductDetail): ProductCard {
  const cheapest = p.skus.reduce<ProductDetail['skus'][number] | null>((best, s) => (!best || s.price.amount < best.price.amount ? s : best), null);
  return {
    id: p.id,
    merchantId: p.store.id,
    title: p.title,
    imageUrl: p.imageUrls[0] ?? null,
    price: p.priceRange.min,
    marketPrice: cheapest?.marketPrice ?? null,
    sales: p.sales,
    inStock: p.skus.some((s) => !s.soldOut && s.stock > 0),
    tags: p.tags,
  };
}

/** Remembers that the signed-in shopper viewed a product; silent when signed out or when it fails. */
export function noteProductView(productId: string): void {
  if (!getSession()) return;
  api.call(recordProductView, { params: { productId } }).catch(() => undefined);
}

// ---------------------------------------------------------------- where taps go (pages of the `shop` subpackage)

const enc = encodeURIComponent;
const qs = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${enc(v)}`)
    .join('&');

export const shopUrls = {
  product: (id: string) => `/shop/pages/product/index?${qs({ id })}`,
  list: (p: { categoryId?: string; merchantId?: string; sort?: string; title?: string }) => `/shop/pages/list/index?${qs(p)}`,
  search: (p: { q?: string; merchantId?: string; store?: string } = {}) => `/shop/pages/search/index?${qs(p)}`,
  store: (id: string) => `/shop/pages/store/index?${qs({ id })}`,
  favourites: () => '/shop/pages/favourites/index',
  history: () => '/shop/pages/history/index',
};

export function go(url: string): void {
  void Taro.navigateTo({ url }).catch(() => undefined);
}

// ---------------------------------------------------------------- device preferences of the shopper pages

const LAYOUT_KEY = 'wxshop.productLayout';
export type ProductLayout = 'grid' | 'list';

export function getProductLayout(): ProductLayout {
  return storage.get<string>(LAYOUT_KEY) === 'list' ? 'list' : 'grid';
}

export function setProductLayout(layout: ProductLayout): void {
  storage.set(LAYOUT_KEY, layout);
}

const RECENT_KEY = 'wxshop.recentSearches';

/** Recent searches on this device (rules in shop/lib/recent-searches.ts). */
export function getRecentSearches(): string[] {
  return sanitizeRecent(storage.get<unknown>(RECENT_KEY));
}

export function saveRecentSearches(list: readonly string[]): void {
  if (list.length === 0) storage.remove(RECENT_KEY);
  else storage.set(RECENT_KEY, list);
}
