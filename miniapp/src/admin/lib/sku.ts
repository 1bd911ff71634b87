import { localize, type Language, type MerchantSku, type SpecDimension } from '@wxshop/shared';

/** A SKU's combination in `lang` ("Red / L"); the zh-CN values the API keeps when an index is out of range; '' for a product without specs. */
export function skuLabel(specs: readonly SpecDimension[], sku: Pick<MerchantSku, 'specIndexes' | 'specValues'>, lang: Language): string {
  return sku.specIndexes
    .map((valueIndex, dim) => {
      const value = specs[dim]?.values[valueIndex];
      return value ? localize(value, lang) : (sku.specValues[dim] ?? '');
    })
    .filter(Boolean)
    .join(' / ');
}

/** SKUs in review order: sellable ones first (matrix order), removed combinations last. */
export function reviewSkus<T extends Pick<MerchantSku, 'removed'>>(skus: readonly T[]): T[] {
  return [...skus.filter((s) => !s.removed), ...skus.filter((s) => s.removed)];
}
