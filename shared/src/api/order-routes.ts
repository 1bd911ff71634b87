import { defineRoute } from './route';
import {
  CancelInput,
  CheckoutParams,
  CheckoutResult,
  ListMerchantOrdersQuery,
  ListMyOrdersQuery,
  MerchantOrderParams,
  Order,
  OrderPage,
  OrderParams,
  Preview,
  PreviewInput,
  SearchOrdersQuery,
  ShipOrderInput,
  SubmitCheckoutInput,
} from '../orders';

/**
 * Checkout and orders: the shopper previews and submits (one checkout, one order per store, paid
 * once as a WeChat Pay combine order), cancels unpaid, confirms receipt; the store lists, ships;
 * the platform searches. Prices and amounts never come from the client.
 */

export const previewCheckout = defineRoute({
  id: 'preview-checkout',
  method: 'POST',
  path: '/checkout/preview',
  summary: 'Price SKUs + quantities for an address: per-store lines, subtotals, shipping, total, problems and the fingerprint to submit',
  tag: 'checkout',
  auth: 'user',
  body: PreviewInput,
  response: Preview,
});

export const submitCheckout = defineRoute({
  id: 'submit-checkout',
  method: 'POST',
  path: '/checkout',
  summary:
    'Place the orders (Idempotency-Key required): one per store, stock reserved; 409 price_changed with the new preview when the fingerprint no longer matches',
  tag: 'checkout',
  auth: 'user',
  body: SubmitCheckoutInput,
  response: CheckoutResult,
  status: 201,
  // once per key by the CHECKOUT_KEY marker in the placing transaction (ADR 0041)
  idempotent: 'handler',
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});

export const getCheckout = defineRoute({
  id: 'get-checkout',
  method: 'GET',
  path: '/me/checkouts/{checkoutId}',
  summary: 'A checkout of the shopper with its orders',
  tag: 'checkout',
  auth: 'user',
  params: CheckoutParams,
  response: CheckoutResult,
});

export const listMyOrders = defineRoute({
  id: 'list-my-orders',
  method: 'GET',
  path: '/me/orders',
  summary: "The shopper's orders under a tab (to_pay, to_ship, to_receive, done, cancelled), newest first",
  tag: 'orders',
  auth: 'user',
  query: ListMyOrdersQuery,
  response: OrderPage,
});

export const getMyOrder = defineRoute({
  id: 'get-my-order',
  method: 'GET',
  path: '/me/orders/{orderId}',
  summary: 'An order of the shopper: lines, address, parcels and history',
  tag: 'orders',
  auth: 'user',
  params: OrderParams,
  response: Order,
});

export const cancelMyOrder = defineRoute({
  id: 'cancel-my-order',
  method: 'POST',
  path: '/me/orders/{orderId}/cancel',
  summary: 'Cancel an unpaid order: its whole checkout (one payment) cancels and the stock comes back',
  tag: 'orders',
  auth: 'user',
  params: OrderParams,
  body: CancelInput,
  response: Order,
});

export const confirmReceipt = defineRoute({
  id: 'confirm-receipt',
  method: 'POST',
  path: '/me/orders/{orderId}/confirm-receipt',
  summary: 'The shopper confirms receipt of a shipped (or delivered) order',
  tag: 'orders',
  auth: 'user',
  params: OrderParams,
  response: Order,
});

export const listMerchantOrders = defineRoute({
  id: 'list-merchant-orders',
  method: 'GET',
  path: '/merchants/{merchantId}/orders',
  summary: "The store's orders in a status, newest first; `q` an order id or part of the recipient's name or phone",
  tag: 'orders',
  auth: { merchant: 'merchant:order:read' },
  params: MerchantOrderParams.pick({ merchantId: true }).strict(),
  query: ListMerchantOrdersQuery,
  response: OrderPage,
});

export const getMerchantOrder = defineRoute({
  id: 'get-merchant-order',
  method: 'GET',
  path: '/merchants/{merchantId}/orders/{orderId}',
  summary: 'An order of the store',
  tag: 'orders',
  auth: { merchant: 'merchant:order:read' },
  params: MerchantOrderParams,
  response: Order,
});

export const shipOrder = defineRoute({
  id: 'ship-order',
  method: 'POST',
  path: '/merchants/{merchantId}/orders/{orderId}/ship',
  summary: 'Ship a paid order: one or several parcels (carrier code + tracking number), or virtual goods delivered',
  tag: 'orders',
  auth: { merchant: 'merchant:order:write' },
  params: MerchantOrderParams,
  body: ShipOrderInput,
  response: Order,
});

export const searchOrders = defineRoute({
  id: 'search-orders',
  method: 'GET',
  path: '/admin/orders',
  summary: 'Search orders across stores: by order id, by store (and status) or by shopper',
  tag: 'orders',
  auth: { platform: 'platform:order:read' },
  query: SearchOrdersQuery,
  response: OrderPage,
});
