import { z } from 'zod';
import { Id } from './catalog';

/** A store keeps at most this many shipping templates (all in one item: one read prices a store's shipping). */
export const MAX_SHIPPING_TEMPLATES = 20;
const MAX_FEE = 100_000_00;

const RegionCode = z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 code (province, city or district)');
const Fee = z.number().int().min(0).max(MAX_FEE);

/**
 * How a fee grows: `first` units (items, or grams) cost `firstFee`; every further `additional` units
 * (or part of them) cost `additionalFee`. Fees are minor units of the store's currency.
 */
export const FeeRule = z
  .object({
    first: z.number().int().min(1).max(1_000_000),
    firstFee: Fee,
    additional: z.number().int().min(1).max(1_000_000),
    additionalFee: Fee,
  })
  .strict();
export type FeeRule = z.infer<typeof FeeRule>;

/** A fee rule for a group of regions (province, city or district codes: the most specific match wins). */
export const RegionFeeRule = FeeRule.extend({ regionCodes: z.array(RegionCode).min(1).max(400) }).strict();
export type RegionFeeRule = z.infer<typeof RegionFeeRule>;

export const SHIPPING_BASES = ['count', 'weight'] as const;
export const ShippingBasis = z.enum(SHIPPING_BASES);

/** `POST/PUT /merchants/{merchantId}/shipping-templates[/{templateId}]`. */
export const ShippingTemplateInput = z
  .object({
    name: z.string().trim().min(1).max(40),
    /** `count`: units are items; `weight`: units are grams (the product's weightGrams times the quantity). */
    basis: ShippingBasis,
    /** Everywhere a region rule does not cover. */
    defaultRule: FeeRule,
    regionRules: z.array(RegionFeeRule).max(50).default([]),
    /** Free when the lines priced by this template total at least this (minor units); null: never. */
    freeAbove: z.number().int().min(1).max(MAX_FEE).nullable().default(null),
    /** Regions not delivered to (province, city or district codes). */
    excludedRegions: z.array(RegionCode).max(400).default([]),
    /** The store's default template: prices products that name none. */
    isDefault: z.boolean().default(false),
  })
  .strict();
export type ShippingTemplateInput = z.input<typeof ShippingTemplateInput>;

export const ShippingTemplate = z.object({
  id: z.string(),
  merchantId: z.string(),
  name: z.string(),
  basis: ShippingBasis,
  defaultRule: FeeRule,
  regionRules: z.array(RegionFeeRule),
  freeAbove: z.number().int().nullable(),
  excludedRegions: z.array(z.string()),
  isDefault: z.boolean(),
  updatedAt: z.string(),
});
export type ShippingTemplate = z.infer<typeof ShippingTemplate>;

export const ShippingTemplateList = z.object({ items: z.array(ShippingTemplate) });
export const ShippingTemplateParams = z.object({ merchantId: Id, templateId: Id }).strict();
export const ShippingMerchantParams = z.object({ merchantId: Id }).strict();
