import type { Money, ProductDetail } from '@wxshop/shared';

/**
 * The SKU selector's rules, as plain functions over the product detail (unit-tested in
 * tests/unit/miniapp/shop-sku.test.ts). A selection holds one value index per spec dimension, or
 * null where the shopper has not chosen yet. The detail lists enabled SKUs only: a combination that
 * is missing from the list is disabled.
 */
export type SkuOption = ProductDetail['skus'][number];
export type Selection = readonly (number | null)[];

/** How a value chip shows: chosen, choosable, or disabled (every matching SKU sold out / no such SKU). */
export type ChipState = 'selected' | 'available' | 'sold_out' | 'unavailable';

export function isBuyable(sku: SkuOption): boolean {
  return !sku.soldOut && sku.stock > 0;
}

/** True when the SKU agrees with every chosen value, ignoring dimension `skipDim`. */
function agrees(sku: SkuOption, selection: Selection, skipDim = -1): boolean {
  return selection.every((value, dim) => dim === skipDim || value === null || sku.specIndexes[dim] === value);
}

/** Nothing chosen; dimensions with a single value that can be bought are chosen for the shopper. */
export function initialSelection(dimensions: readonly { values: readonly unknown[] }[], skus: readonly SkuOption[]): Selection {
  const selection: (number | null)[] = dimensions.map(() => null);
  dimensions.forEach((dim, index) => {
    if (dim.values.length === 1 && skus.some((s) => isBuyable(s) && s.specIndexes[index] === 0)) selection[index] = 0;
  });
  return selection;
}

/**
 * The state of chip `value` of dimension `dim`: available when some in-stock enabled SKU has that value
 * together with the values chosen in the other dimensions.
 */
export function chipState(skus: readonly SkuOption[], selection: Selection, dim: number, value: number): ChipState {
  if (selection[dim] === value) return 'selected';
  const candidates = skus.filter((s) => s.specIndexes[dim] === value && agrees(s, selection, dim));
  if (candidates.some(isBuyable)) return 'available';
  return candidates.length > 0 ? 'sold_out' : 'unavailable';
}

export function isChipDisabled(skus: readonly SkuOption[], selection: Selection, dim: number, value: number): boolean {
  const state = chipState(skus, selection, dim, value);
  return state === 'sold_out' || state === 'unavailable';
}

/** A tap on a chip: chooses it, or clears it when it was chosen; a disabled chip changes nothing. */
export function toggleChip(skus: readonly SkuOption[], selection: Selection, dim: number, value: number): Selection {
  if (selection[dim] === value) return selection.map((v, d) => (d === dim ? null : v));
  if (isChipDisabled(skus, selection, dim, value)) return selection;
  return selection.map((v, d) => (d === dim ? value : v));
}

/** The SKU of a complete selection (a product without specs has its one SKU selected from the start). */
export function selectedSku(skus: readonly SkuOption[], selection: Selection): SkuOption | null {
  if (selection.some((v) => v === null)) return null;
  return skus.find((s) => s.specIndexes.length === selection.length && agrees(s, selection)) ?? (selection.length === 0 ? (skus[0] ?? null) : null);
}

/** SKUs that agree with the values chosen so far. */
export function matchingSkus(skus: readonly SkuOption[], selection: Selection): SkuOption[] {
  return skus.filter((s) => agrees(s, selection));
}

/** Lowest and highest price among SKUs (buyable ones when there are any), or null for none. */
export function priceSpan(skus: readonly SkuOption[]): { min: Money; max: Money } | null {
  const buyable = skus.filter(isBuyable);
  const pool = buyable.length > 0 ? buyable : skus;
  let min: Money | null = null;
  let max: Money | null = null;
  for (const s of pool) {
    if (!min || s.price.amount < min.amount) min = s.price;
    if (!max || s.price.amount > max.amount) max = s.price;
  }
  return min && max ? { min, max } : null;
}

/** Units that can be bought among the given SKUs. */
export function stockOf(skus: readonly SkuOption[]): number {
  return skus.filter(isBuyable).reduce((sum, s) => sum + s.stock, 0);
}
