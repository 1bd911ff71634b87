/**
 * Pure catalog rules: no AWS, unit-tested in tests/unit/catalog-rules.test.ts.
 */
import { MAX_SKUS_PER_PRODUCT, type ProductContentInput, type ProductStatus, type SkuInput, type SpecDimension } from '@wxshop/shared/catalog';
import { objectKeys } from '../lib/object-keys';

export { MAX_SKUS_PER_PRODUCT } from '@wxshop/shared/catalog';
export const MAX_IMAGES = 9;

/**
 * Every combination of value indexes of the spec dimensions, in order (last dimension fastest).
 * No dimension gives one combination: the single SKU `[]`.
 * @example skuMatrix([{values: [red, blue]}, {values: [S, M]}]) -> [[0,0],[0,1],[1,0],[1,1]]
 */
export function skuMatrix(specs: Pick<SpecDimension, 'values'>[]): number[][] {
  return specs.reduce<number[][]>((combos, dim) => combos.flatMap((c) => dim.values.map((_, i) => [...c, i])), [[]]);
}

export const comboKey = (indexes: readonly number[]): string => indexes.join('-');

/** Field errors keyed like the wrapper's (`body.skus.2.specIndexes`). */
export type FieldErrors = Record<string, string>;

/**
 * The SKUs must cover the matrix exactly: each combination once, no index out of range.
 * @returns field errors; empty when the SKUs are the matrix
 */
export function checkSkuCoverage(specs: Pick<SpecDimension, 'values'>[], skus: Pick<SkuInput, 'specIndexes'>[], prefix = 'body.skus'): FieldErrors {
  const errors: FieldErrors = {};
  const matrix = new Set(skuMatrix(specs).map(comboKey));
  const seen = new Map<string, number>();
  skus.forEach((sku, i) => {
    const at = `${prefix}.${i}.specIndexes`;
    if (sku.specIndexes.length !== specs.length) {
      errors[at] = `needs one index per spec dimension (${specs.length})`;
      return;
    }
    const bad = sku.specIndexes.findIndex((v, d) => v >= (specs[d]?.values.length ?? 0));
    if (bad >= 0) {
      errors[at] = `index ${sku.specIndexes[bad]} is out of range for dimension ${bad + 1}`;
      return;
    }
    const key = comboKey(sku.specIndexes);
    const first = seen.get(key);
    if (first !== undefined) errors[at] = `duplicates the combination of skus.${first}`;
    else seen.set(key, i);
  });
  const missing = [...matrix].filter((k) => !seen.has(k));
  if (missing.length > 0) errors[prefix] = `missing combination(s): ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`;
  return errors;
}

/** Prices: a market (list) price, when given, is not below the selling price. */
export function checkPrices(skus: Pick<SkuInput, 'price' | 'marketPrice'>[], prefix = 'body.skus'): FieldErrors {
  const errors: FieldErrors = {};
  skus.forEach((sku, i) => {
    if (!Number.isSafeInteger(sku.price) || sku.price <= 0) errors[`${prefix}.${i}.price`] = 'must be a positive integer of minor units';
    if (sku.marketPrice !== undefined && sku.marketPrice < sku.price) errors[`${prefix}.${i}.marketPrice`] = 'must be at least the price';
  });
  return errors;
}

/** SKU codes are unique within the product (across the merchant is enforced by AP34 items). */
export function checkCodesDistinct(skus: Pick<SkuInput, 'code'>[], prefix = 'body.skus'): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Map<string, number>();
  skus.forEach((sku, i) => {
    const first = seen.get(sku.code);
    if (first !== undefined) errors[`${prefix}.${i}.code`] = `same code as skus.${first}`;
    else seen.set(sku.code, i);
  });
  return errors;
}

/**
 * Everything about a content input that needs no database: matrix, prices, codes, spec names, images
 * under the merchant's prefix, schedule order, SKU count.
 */
export function checkContent(input: ProductContentInput, merchantId: string, now: Date, prefix = 'body'): FieldErrors {
  const errors: FieldErrors = {
    ...checkSkuCoverage(input.specs, input.skus, `${prefix}.skus`),
    ...checkPrices(input.skus, `${prefix}.skus`),
    ...checkCodesDistinct(input.skus, `${prefix}.skus`),
  };
  if (input.skus.length > MAX_SKUS_PER_PRODUCT) errors[`${prefix}.skus`] = `at most ${MAX_SKUS_PER_PRODUCT} SKUs per product`;
  const dimNames = input.specs.map((s) => s.name['zh-CN'].trim());
  dimNames.forEach((n, i) => {
    if (dimNames.indexOf(n) !== i) errors[`${prefix}.specs.${i}.name`] = 'two spec dimensions have this name';
  });
  input.specs.forEach((s, d) => {
    const values = s.values.map((v) => v['zh-CN'].trim());
    values.forEach((v, i) => {
      if (values.indexOf(v) !== i) errors[`${prefix}.specs.${d}.values.${i}`] = 'two values of this dimension have this name';
    });
  });
  const own = objectKeys.productMedia(merchantId);
  input.imageKeys.forEach((k, i) => {
    if (!k.startsWith(own) || !/\.(png|jpg|webp)$/.test(k)) errors[`${prefix}.imageKeys.${i}`] = 'not an image uploaded for this store (use the upload route)';
  });
  if (input.videoKey !== undefined && (!input.videoKey.startsWith(own) || !input.videoKey.endsWith('.mp4')))
    errors[`${prefix}.videoKey`] = 'not a video uploaded for this store (use the upload route)';
  input.skus.forEach((sku, i) => {
    if (sku.imageKey !== undefined && !sku.imageKey.startsWith(own)) errors[`${prefix}.skus.${i}.imageKey`] = 'not an image uploaded for this store';
  });
  if (input.onSaleAt && input.offSaleAt && Date.parse(input.offSaleAt) <= Date.parse(input.onSaleAt)) errors[`${prefix}.offSaleAt`] = 'must be after onSaleAt';
  if (input.offSaleAt && Date.parse(input.offSaleAt) <= now.getTime()) errors[`${prefix}.offSaleAt`] = 'must be in the future';
  return errors;
}

/** The combination's identity across content updates: the zh-CN value of each dimension. */
export const specValuesOf = (specs: SpecDimension[], indexes: readonly number[]): string[] => indexes.map((v, d) => specs[d]!.values[v]!['zh-CN'].trim());
export const specValuesKey = (values: readonly string[]): string => JSON.stringify(values);

/** Within the schedule window [onSaleAt, offSaleAt) at `now`. */
export function withinSchedule(p: { onSaleAt: string | null; offSaleAt: string | null }, now: Date): boolean {
  const t = now.getTime();
  if (p.onSaleAt && Date.parse(p.onSaleAt) > t) return false;
  if (p.offSaleAt && Date.parse(p.offSaleAt) <= t) return false;
  return true;
}

/** Stores that sell: open, or warned (a warning does not stop sales). */
export const storeSells = (status: string): boolean => status === 'open' || status === 'warned';

/** On sale = approved AND within schedule AND the store sells. */
export function isOnSale(p: { status: ProductStatus; onSaleAt: string | null; offSaleAt: string | null; storeSelling: boolean }, now: Date): boolean {
  return p.status === 'approved' && p.storeSelling && withinSchedule(p, now);
}

/** Content may be replaced while nobody relies on it: not while under review or on the shelf. */
export const EDITABLE_STATUSES: readonly ProductStatus[] = ['draft', 'rejected', 'off_shelf'];

/** Re-listing skips review only when the content is exactly what was last approved. */
export function relistStatus(p: { version: number; approvedVersion: number | null }): 'approved' | 'submitted' {
  return p.approvedVersion !== null && p.approvedVersion === p.version ? 'approved' : 'submitted';
}

/** A posting crossed the low-stock line: from >= threshold to < threshold. A threshold of 0 never fires. */
export function crossedLowStock(before: number, after: number, threshold: number): boolean {
  return threshold > 0 && before >= threshold && after < threshold;
}
