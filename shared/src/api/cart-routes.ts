import { z } from 'zod';
import { defineRoute } from './route';
import { AddCartItemInput, CartCount, CartSkuParams, CartView, RemoveCartItemsInput, SelectCartInput, UpdateCartItemInput } from '../cart';

/**
 * The shopper's cart, grouped by store. Lines are SKUs with a quantity; prices, stock and availability
 * are read from the catalog on every read and flagged when they changed, never applied silently.
 */

export const getCart = defineRoute({
  id: 'get-cart',
  method: 'GET',
  path: '/me/cart',
  summary: "The shopper's cart grouped by store, each line flagged with what changed (off shelf, sold out, too little stock, repriced)",
  tag: 'cart',
  auth: 'user',
  response: CartView,
});

export const countCart = defineRoute({
  id: 'count-cart',
  method: 'GET',
  path: '/me/cart/count',
  summary: 'The number of cart lines, for the Cart tab badge (one read)',
  tag: 'cart',
  auth: 'user',
  response: CartCount,
});

export const addCartItem = defineRoute({
  id: 'add-cart-item',
  method: 'POST',
  path: '/me/cart/items',
  summary: 'Add a SKU (or more of it): on sale and in stock only; at most 120 lines',
  tag: 'cart',
  auth: 'user',
  body: AddCartItemInput,
  response: CartCount,
});

export const updateCartItem = defineRoute({
  id: 'update-cart-item',
  method: 'POST',
  path: '/me/cart/items/{skuId}',
  summary: "Change a line's quantity (acknowledging its current price) or selection",
  tag: 'cart',
  auth: 'user',
  params: CartSkuParams,
  body: UpdateCartItemInput,
  response: CartView,
});

export const selectCartItems = defineRoute({
  id: 'select-cart-items',
  method: 'POST',
  path: '/me/cart/select',
  summary: 'Select or unselect some lines, a whole store, or every line',
  tag: 'cart',
  auth: 'user',
  body: SelectCartInput,
  response: CartView,
});

export const removeCartItems = defineRoute({
  id: 'remove-cart-items',
  method: 'POST',
  path: '/me/cart/remove',
  summary: 'Delete several lines at once',
  tag: 'cart',
  auth: 'user',
  body: RemoveCartItemsInput,
  response: z.object({ removed: z.number().int(), lines: z.number().int() }),
});
