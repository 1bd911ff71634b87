import {
  addFavourite,
  clearHistory,
  listFavourites,
  listHistory,
  removeFavourite,
  type FavouriteState,
  type SavedProduct,
  type SavedProductPage,
} from '@wxshop/shared';
import { getLanguage } from '../i18n';
import { api } from './request';

export type { SavedProduct, SavedProductPage };

/** Favourites and browsing history of the signed-in shopper (both pages of saved products). */
export function fetchFavourites(cursor?: string): Promise<SavedProductPage> {
  return api.call(listFavourites, { query: { cursor, limit: 20, lang: getLanguage() } });
}

export function setFavourite(productId: string, favourite: boolean): Promise<FavouriteState> {
  return favourite ? api.call(addFavourite, { params: { productId } }) : api.call(removeFavourite, { params: { productId } });
}

export function fetchHistory(cursor?: string): Promise<SavedProductPage> {
  return api.call(listHistory, { query: { cursor, limit: 20, lang: getLanguage() } });
}

export async function forgetHistory(): Promise<number> {
  return (await api.call(clearHistory)).removed;
}
