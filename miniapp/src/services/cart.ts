import Taro from '@tarojs/taro';
import { addCartItem, countCart, getCart, removeCartItems, selectCartItems, updateCartItem, type CartView, type SelectCartInput } from '@wxshop/shared';
import { api } from './request';
import { getSession } from './session';

export type { CartLine, CartLineChange, CartStore, CartView } from '@wxshop/shared';

/** The Cart tab's position in app.config.ts `tabBar.list`. */
const CART_TAB = 2;

export function fetchCart(): Promise<CartView> {
  return api.call(getCart);
}

/** Adds `quantity` of a SKU (the catalog prices it; its product spares the server a lookup); resolves with the new number of lines and updates the tab badge. */
export async function addToCart(skuId: string, quantity: number, productId?: string): Promise<number> {
  const { lines } = await api.call(addCartItem, { body: { skuId, quantity, ...(productId ? { productId } : {}) } });
  showCartBadge(lines);
  return lines;
}

/** A new quantity for a line (also acknowledges its current price). */
export function setLineQuantity(skuId: string, quantity: number): Promise<CartView> {
  return api.call(updateCartItem, { params: { skuId }, body: { quantity } });
}

export function setLineSelected(skuId: string, selected: boolean): Promise<CartView> {
  return api.call(updateCartItem, { params: { skuId }, body: { selected } });
}

/** Selects or unselects a store's lines (`merchantId`), some lines (`skuIds`) or all. */
export function selectLines(input: SelectCartInput): Promise<CartView> {
  return api.call(selectCartItems, { body: input });
}

/** Deletes lines; resolves with the number of lines left (and updates the badge). */
export async function removeLines(skuIds: string[]): Promise<number> {
  const { lines } = await api.call(removeCartItems, { body: { skuIds } });
  showCartBadge(lines);
  return lines;
}

/** The Cart tab badge: the number of lines, none at 0. WeChat accepts it only while a tab page shows. */
export function showCartBadge(lines: number): void {
  const done = lines > 0 ? Taro.setTabBarBadge({ index: CART_TAB, text: lines > 99 ? '99+' : String(lines) }) : Taro.removeTabBarBadge({ index: CART_TAB });
  void Promise.resolve(done).catch(() => undefined);
}

/** Reads the line count (one read) and shows it on the badge; signed out, the badge goes. */
export async function syncCartBadge(): Promise<void> {
  if (!getSession()) return showCartBadge(0);
  try {
    showCartBadge((await api.call(countCart)).lines);
  } catch {
    // The badge is a hint: a failed count leaves it as it was.
  }
}
