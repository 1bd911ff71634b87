/** A store's orders (list by status, one order, ship) and its shipping fee templates, as its staff manage them. */
import {
  createShippingTemplate,
  deleteShippingTemplate,
  getMerchantOrder,
  listMerchantOrders,
  listShippingTemplates,
  shipOrder,
  updateShippingTemplate,
  type Order,
  type OrderPage,
  type OrderStatus,
  type ShipOrderInput,
  type ShippingTemplate,
  type ShippingTemplateInput,
} from '@wxshop/shared';
import { api } from './request';

export function fetchMerchantOrders(merchantId: string, status: OrderStatus, q: string, cursor?: string, limit = 20): Promise<OrderPage> {
  const query = q.trim();
  return api.call(listMerchantOrders, { params: { merchantId }, query: { status, limit, ...(query ? { q: query } : {}), ...(cursor ? { cursor } : {}) } });
}

export function fetchMerchantOrder(merchantId: string, orderId: string): Promise<Order> {
  return api.call(getMerchantOrder, { params: { merchantId, orderId } });
}

export function shipMerchantOrder(merchantId: string, orderId: string, body: ShipOrderInput): Promise<Order> {
  return api.call(shipOrder, { params: { merchantId, orderId }, body });
}

export async function fetchShippingTemplates(merchantId: string): Promise<ShippingTemplate[]> {
  return (await api.call(listShippingTemplates, { params: { merchantId } })).items;
}

/** Creates (no templateId) or replaces a template. */
export function saveShippingTemplate(merchantId: string, templateId: string | null, body: ShippingTemplateInput): Promise<ShippingTemplate> {
  return templateId
    ? api.call(updateShippingTemplate, { params: { merchantId, templateId }, body })
    : api.call(createShippingTemplate, { params: { merchantId }, body });
}

export async function removeShippingTemplate(merchantId: string, templateId: string): Promise<void> {
  await api.call(deleteShippingTemplate, { params: { merchantId, templateId } });
}

/** How many orders wait to be shipped (paid or partly shipped): one page of each, `more` when either has further pages. */
export async function countOrdersToShip(merchantId: string): Promise<{ count: number; more: boolean }> {
  const pages = await Promise.all((['paid', 'partly_shipped'] as const).map((s) => fetchMerchantOrders(merchantId, s, '', undefined, 50)));
  return { count: pages.reduce((n, p) => n + p.items.length, 0), more: pages.some((p) => p.nextCursor !== null) };
}
