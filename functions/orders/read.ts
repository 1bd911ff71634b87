/** What pricing reads: the catalog now, the stores, their templates and the shopper's address (one BatchGet when the lines name their stores). */
import type { CheckoutLineInput, Preview } from '@wxshop/shared/orders';
import type { Language } from '@wxshop/shared/i18n/languages';
import { keys, type Key } from '../lib/keys';
import { batchGet, keyString } from '../lib/table-ops';
import { NotFoundError } from '../lib/errors';
import { ProductItem, SkuItem } from '../catalog/items';
import { MerchantItem } from '../merchants/merchants';
import { ShippingTemplatesItem } from '../shipping/templates';
import { AddressItem } from '../addresses/items';
import { priceCheckout, type PricingStore } from './pricing';
import type { ShippingTemplate } from '@wxshop/shared/shipping';

type Item = Record<string, unknown>;

export interface PricingRead {
  products: Map<string, ProductItem>;
  skus: Map<string, SkuItem>;
  merchants: Map<string, MerchantItem>;
  templates: Map<string, ShippingTemplate[]>;
  address: AddressItem;
  /** The extra keys asked for in the first read, by `PK|SK`. */
  extra: Map<string, Item>;
}

const storeKeys = (merchantIds: Iterable<string>): Key[] => [...new Set(merchantIds)].flatMap((m) => [keys.merchant(m), keys.shippingTemplates(m)]);

/**
 * The keys of the first pricing read: products, SKUs, the address, the stores the lines name (their
 * `merchantId`, a hint) with their shipping templates, and `extraKeys`. The prefetch of the preview and
 * submit routes (read with the session check, ADR 0051).
 */
export function pricingKeys(userId: string, addressId: string, lines: CheckoutLineInput[], extraKeys: Key[] = []): Key[] {
  return [
    ...lines.map((l) => keys.product(l.productId)),
    ...lines.map((l) => keys.productSku(l.productId, l.skuId)),
    keys.address(userId, addressId),
    ...storeKeys(lines.flatMap((l) => (l.merchantId ? [l.merchantId] : []))),
    ...extraKeys,
  ];
}

/**
 * Reads everything `priceCheckout` needs. Call 1 (`first`: already made with the session check):
 * products, SKUs, the address, the stores the lines name and their templates (and `extraKeys`);
 * call 2, only for stores of SKUs the lines did not name (or named wrongly): those stores and templates.
 * What is priced depends only on the SKUs' own stores, never on the hint.
 */
export async function readForPricing(
  userId: string,
  addressId: string,
  lines: CheckoutLineInput[],
  extraKeys: Key[] = [],
  consistent = false,
  first?: Map<string, Item>,
): Promise<PricingRead> {
  const addressKey = keys.address(userId, addressId);
  const read = first ?? (await batchGet(pricingKeys(userId, addressId, lines, extraKeys), consistent));
  const addressRaw = read.get(keyString(addressKey));
  if (!addressRaw) throw new NotFoundError('address');
  const products = new Map<string, ProductItem>();
  const skus = new Map<string, SkuItem>();
  for (const l of lines) {
    const productRaw = read.get(keyString(keys.product(l.productId)));
    const skuRaw = read.get(keyString(keys.productSku(l.productId, l.skuId)));
    if (productRaw) products.set(l.productId, ProductItem.parse(productRaw));
    if (skuRaw) skus.set(l.skuId, SkuItem.parse(skuRaw));
  }
  const merchantIds = [...new Set([...skus.values()].map((s) => s.merchantId))];
  const missing = merchantIds.filter((m) => !read.has(keyString(keys.merchant(m))));
  const second = missing.length ? await batchGet(storeKeys(missing), consistent) : new Map<string, Item>();
  const merchants = new Map<string, MerchantItem>();
  const templates = new Map<string, ShippingTemplate[]>();
  for (const m of merchantIds) {
    const merchantRaw = read.get(keyString(keys.merchant(m))) ?? second.get(keyString(keys.merchant(m)));
    const templatesRaw = read.get(keyString(keys.shippingTemplates(m))) ?? second.get(keyString(keys.shippingTemplates(m)));
    if (merchantRaw) merchants.set(m, MerchantItem.parse(merchantRaw));
    if (templatesRaw) templates.set(m, ShippingTemplatesItem.parse(templatesRaw).templates);
  }
  const extra = new Map<string, Item>();
  for (const k of extraKeys) {
    const hit = read.get(keyString(k));
    if (hit) extra.set(keyString(k), hit);
  }
  return { products, skus, merchants, templates, address: AddressItem.parse(addressRaw), extra };
}

const SELLING = new Set(['open', 'warned']);

/** The pure pricing over what was read. */
export function priceRead(read: PricingRead, lines: CheckoutLineInput[], lang: Language): Preview {
  const stores = new Map<string, PricingStore>();
  for (const m of read.merchants.values())
    stores.set(m.id, { id: m.id, name: m.name, currency: m.currency, subMchid: SELLING.has(m.status) ? (m.subMchid ?? null) : null });
  return priceCheckout({ lines, products: read.products, skus: read.skus, stores, templates: read.templates, region: read.address.region, lang });
}
