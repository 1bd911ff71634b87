import { z } from 'zod';
import { defineRoute } from './route';
import { ShippingMerchantParams, ShippingTemplate, ShippingTemplateInput, ShippingTemplateList, ShippingTemplateParams } from '../shipping';

/** A store's shipping fee templates: by item count or weight, by region group, free above an amount, regions not delivered to. */

export const listShippingTemplates = defineRoute({
  id: 'list-shipping-templates',
  method: 'GET',
  path: '/merchants/{merchantId}/shipping-templates',
  summary: "The store's shipping fee templates",
  tag: 'shipping',
  auth: { merchant: 'merchant:product:read' },
  params: ShippingMerchantParams,
  response: ShippingTemplateList,
});

export const createShippingTemplate = defineRoute({
  id: 'create-shipping-template',
  method: 'POST',
  path: '/merchants/{merchantId}/shipping-templates',
  summary: 'Add a shipping fee template (the first one is the default)',
  tag: 'shipping',
  auth: { merchant: 'merchant:product:write' },
  params: ShippingMerchantParams,
  body: ShippingTemplateInput,
  response: ShippingTemplate,
  status: 201,
});

export const updateShippingTemplate = defineRoute({
  id: 'update-shipping-template',
  method: 'PUT',
  path: '/merchants/{merchantId}/shipping-templates/{templateId}',
  summary: 'Replace a shipping fee template',
  tag: 'shipping',
  auth: { merchant: 'merchant:product:write' },
  params: ShippingTemplateParams,
  body: ShippingTemplateInput,
  response: ShippingTemplate,
});

export const deleteShippingTemplate = defineRoute({
  id: 'delete-shipping-template',
  method: 'DELETE',
  path: '/merchants/{merchantId}/shipping-templates/{templateId}',
  summary: "Delete a template (its products are priced by the store's default)",
  tag: 'shipping',
  auth: { merchant: 'merchant:product:write' },
  params: ShippingTemplateParams,
  response: z.object({ ok: z.literal(true) }),
});
