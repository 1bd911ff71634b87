/**
 * The one pricing function: cart lines + the catalog as read now + the stores' shipping templates +
 * the delivery region -> per-store lines, subtotals, shipping, adjustments and the total. Pure: no
 * I/O, no clock; the preview route and the submit route both call it over what they read, so submit
 * prices exactly what the preview showed or answers 409 with the new preview.
 *
 * Promotions, member prices and points come later as `PricingRule`s: each sees a priced store and
 * returns adjustments (negative amounts for discounts), applied in order after the base price.
 */
import { createHash } from 'node:crypto';
import { localize, type Language } from '@wxshop/shared/i18n/languages';
import { type CheckoutLineInput, type PriceAdjustment, type PricedLine, type PricedStore, type Preview, type PreviewProblem } from '@wxshop/shared/orders';
import { type Currency, type Money } from '@wxshop/shared/money';
import { type FeeRule, type ShippingTemplate } from '@wxshop/shared/shipping';
import { type RegionPath } from '@wxshop/shared/addresses';
import type { ProductItem, SkuItem } from '../catalog/items';

export type PricingProduct = Pick<ProductItem, 'id' | 'merchantId' | 'title' | 'onSale' | 'coverImageKey' | 'weightGrams' | 'shippingTemplateId'>;
export type PricingSku = Pick<SkuItem, 'id' | 'productId' | 'merchantId' | 'price' | 'stock' | 'enabled' | 'removed' | 'specValues' | 'imageKey'>;
export interface PricingStore {
  id: string;
  name: string;
  currency: Currency;
  /** The WeChat Pay sub-merchant: a store without one cannot sell. */
  subMchid?: string | null;
}

export interface PricingContext {
  region: RegionPath;
  lang: Language;
}

/** A later rule (promotion, member price, points): adjustments for one priced store. */
export type PricingRule = (store: PricedStore, ctx: PricingContext) => PriceAdjustment[];

export interface PricingInput {
  lines: CheckoutLineInput[];
  products: Map<string, PricingProduct>;
  skus: Map<string, PricingSku>;
  stores: Map<string, PricingStore>;
  /** Each store's templates (AP72). */
  templates: Map<string, ShippingTemplate[]>;
  region: RegionPath;
  lang: Language;
  rules?: PricingRule[];
}

const m = (amount: number, currency: Currency): Money => ({ amount, currency });

/** The fee of `units` under a rule: the first units, then each further block (or part of one). */
export function feeFor(rule: FeeRule, units: number): number {
  if (units <= rule.first) return rule.firstFee;
  return rule.firstFee + Math.ceil((units - rule.first) / rule.additional) * rule.additionalFee;
}

const regionCodes = (r: RegionPath): string[] => [r.districtCode, r.cityCode, r.provinceCode].filter((c): c is string => !!c);

/** The rule for a region: the most specific region rule (district, then city, then province), else the default. */
export function ruleFor(template: ShippingTemplate, region: RegionPath): FeeRule {
  for (const code of regionCodes(region)) {
    const hit = template.regionRules.find((r) => r.regionCodes.includes(code));
    if (hit) return hit;
  }
  return template.defaultRule;
}

export const delivers = (template: ShippingTemplate, region: RegionPath): boolean => !regionCodes(region).some((c) => template.excludedRegions.includes(c));

/** The template pricing a product: its own (if the store still has it), else the store's default, else none (free shipping). */
export function templateOf(product: PricingProduct, templates: ShippingTemplate[]): ShippingTemplate | undefined {
  return (product.shippingTemplateId ? templates.find((t) => t.id === product.shippingTemplateId) : undefined) ?? templates.find((t) => t.isDefault);
}

/** A digest of every figure a shopper agreed to: the same inputs always give the same fingerprint. */
export function fingerprintOf(stores: PricedStore[], region: RegionPath): string {
  const figures = stores.map((s) => [
    s.merchantId,
    s.lines.map((l) => [l.skuId, l.quantity, l.unitPrice.amount, l.unitPrice.currency]),
    s.shipping.amount,
    s.adjustments.map((a) => [a.rule, a.amount.amount]),
    s.total.amount,
    s.total.currency,
  ]);
  return createHash('sha256')
    .update(JSON.stringify([regionCodes(region), figures]))
    .digest('base64url')
    .slice(0, 32);
}

/** Prices a checkout. Lines that cannot be bought are listed in `problems` (and still priced when they have a price). */
export function priceCheckout(input: PricingInput): Preview {
  const problems: PreviewProblem[] = [];
  const byStore = new Map<string, { line: CheckoutLineInput; product: PricingProduct; sku: PricingSku }[]>();
  for (const line of input.lines) {
    const product = input.products.get(line.productId);
    const sku = input.skus.get(line.skuId);
    if (!product || !sku || sku.productId !== product.id) {
      problems.push({ kind: 'off_shelf', skuId: line.skuId, merchantId: product?.merchantId ?? sku?.merchantId ?? '' });
      continue;
    }
    if (!product.onSale || !sku.enabled || sku.removed) problems.push({ kind: 'off_shelf', skuId: sku.id, merchantId: sku.merchantId });
    else if (sku.stock < line.quantity) problems.push({ kind: 'insufficient_stock', skuId: sku.id, merchantId: sku.merchantId, available: sku.stock });
    const group = byStore.get(sku.merchantId) ?? [];
    group.push({ line, product, sku });
    byStore.set(sku.merchantId, group);
  }

  const stores: PricedStore[] = [];
  let currency: Currency | undefined;
  for (const [merchantId, group] of byStore) {
    const store = input.stores.get(merchantId);
    if (!store?.subMchid) problems.push({ kind: 'store_cannot_sell', skuId: null, merchantId });
    const storeCurrency = store?.currency ?? group[0]!.sku.price.currency;
    currency ??= storeCurrency;
    if (storeCurrency !== currency || group.some((g) => g.sku.price.currency !== storeCurrency))
      problems.push({ kind: 'currency_mismatch', skuId: null, merchantId });

    const lines: PricedLine[] = group.map(({ line, product, sku }) => ({
      productId: product.id,
      skuId: sku.id,
      title: localize(product.title, input.lang),
      specValues: sku.specValues,
      imageKey: sku.imageKey ?? product.coverImageKey,
      quantity: line.quantity,
      unitPrice: sku.price,
      lineTotal: m(sku.price.amount * line.quantity, sku.price.currency),
    }));
    const subtotal = lines.reduce((sum, l) => sum + l.lineTotal.amount, 0);

    // shipping: one fee per template used in the store, summed
    const templates = input.templates.get(merchantId) ?? [];
    const perTemplate = new Map<string, { template: ShippingTemplate; units: number; amount: number; skuIds: string[] }>();
    for (const { line, product, sku } of group) {
      const template = templateOf(product, templates);
      if (!template) continue;
      const entry = perTemplate.get(template.id) ?? { template, units: 0, amount: 0, skuIds: [] };
      entry.units += template.basis === 'count' ? line.quantity : (product.weightGrams ?? 0) * line.quantity;
      entry.amount += sku.price.amount * line.quantity;
      entry.skuIds.push(sku.id);
      perTemplate.set(template.id, entry);
    }
    let shipping = 0;
    for (const { template, units, amount, skuIds } of perTemplate.values()) {
      if (!delivers(template, input.region)) {
        for (const skuId of skuIds) problems.push({ kind: 'not_deliverable', skuId, merchantId });
        continue;
      }
      if (template.freeAbove !== null && amount >= template.freeAbove) continue;
      shipping += feeFor(ruleFor(template, input.region), units);
    }

    const base: PricedStore = {
      merchantId,
      storeName: store?.name ?? '',
      lines,
      subtotal: m(subtotal, storeCurrency),
      shipping: m(shipping, storeCurrency),
      adjustments: [],
      total: m(subtotal + shipping, storeCurrency),
    };
    const adjustments = (input.rules ?? []).flatMap((rule) => rule(base, { region: input.region, lang: input.lang }));
    const adjusted = adjustments.reduce((sum, a) => sum + a.amount.amount, 0);
    stores.push({ ...base, adjustments, total: m(Math.max(0, subtotal + shipping + adjusted), storeCurrency) });
  }

  const cur = currency ?? 'CNY';
  const sum = (f: (s: PricedStore) => Money) =>
    m(
      stores.reduce((t, s) => t + f(s).amount, 0),
      cur,
    );
  return {
    stores,
    subtotal: sum((s) => s.subtotal),
    shipping: sum((s) => s.shipping),
    total: sum((s) => s.total),
    problems,
    fingerprint: fingerprintOf(stores, input.region),
  };
}
