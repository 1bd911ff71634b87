/** What pricing reads: the catalog now, the stores, their templates and the shopper's address (two BatchGets). */
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

/**
 * Reads everything `priceCheckout` needs. Call 1: products, SKUs, the address (and `extraKeys`);
 * call 2: the stores and their shipping templates (their ids come from the SKUs).
 */
export async function readForPricing(
  userId: string,
  addressId: string,
  lines: CheckoutLineInput[],
  extraKeys: Key[] = [],
  consistent = false,
): Promise<PricingRead> {
  const addressKey = keys.address(userId, addressId);
  const first = await batchGet(
    [...lines.map((l) => keys.product(l.productId)), ...lines.map((l) => keys.productSku(l.productId, l.skuId)), addressKey, ...extraKeys],
    consistent,
  );
  const addressRaw = first.get(keyString(addressKey));
  if (!addressRaw) throw new NotFoundError('address');
  const products = new Map<string, ProductItem>();
  const skus = new Map<string, SkuItem>();
  for (const raw of first.values()) {
    if (raw.entity === 'Product') products.set(String(raw.id), ProductItem.parse(raw));
    else if (raw.entity === 'Sku') skus.set(String(raw.id), SkuItem.parse(raw));
  }
  const merchantIds = [...new Set([...skus.values()].map((s) => s.merchantId))];
  const second = merchantIds.length
    ? await batchGet(
        merchantIds.flatMap((m) => [keys.merchant(m), keys.shippingTemplates(m)]),
        consistent,
      )
    : new Map<string, Item>();
  const merchants = new Map<string, MerchantItem>();
  const templates = new Map<string, ShippingTemplate[]>();
  for (const raw of second.values()) {
    if (raw.entity === 'Merchant') merchants.set(String(raw.id), MerchantItem.parse(raw));
    else if (raw.entity === 'ShippingTemplates') {
      const t = ShippingTemplatesItem.parse(raw);
      templates.set(t.merchantId, t.templates);
    }
  }
  const extra = new Map<string, Item>();
  for (const k of extraKeys) {
    const hit = first.get(keyString(k));
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
