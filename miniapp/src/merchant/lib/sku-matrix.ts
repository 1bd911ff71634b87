/**
 * The SKU matrix: spec dimensions (up to 3, each with values) generate one row per combination.
 * Rows are matched by their values' zh-CN text, so renaming nothing and adding a value keeps what was
 * typed into the other rows; a row whose combination disappears is dropped (the API disables it).
 */
import { MAX_SKUS_PER_PRODUCT, MAX_SPEC_VALUES, type Language, type MerchantSku } from '@wxshop/shared';
import { formatMinorUnits } from './money-input';
import { draftText, type TextDraft } from './text';

export const MAX_DIMENSIONS = 3;
export const MAX_VALUES = MAX_SPEC_VALUES;
export const MAX_SKUS = MAX_SKUS_PER_PRODUCT;

export interface SpecDraft {
  name: TextDraft;
  values: TextDraft[];
}

/** One row of the matrix table, as typed (prices in major units, counts as text). */
export interface SkuRow {
  /** zh-CN values joined: identifies the combination across edits. */
  key: string;
  specIndexes: number[];
  code: string;
  price: string;
  marketPrice: string;
  /** Only sent when the product is created; later changes go through the stock page. */
  initialStock: string;
  lowStockThreshold: string;
  imageKey: string | null;
  imageUrl: string | null;
  enabled: boolean;
  /** Set for SKUs that exist already. */
  skuId?: string;
  stock?: number;
}

const SEP = '\u0001';

/** Dimensions that take part in the matrix: those with a zh-CN value; their values with a zh-CN text. */
export function effectiveSpecs(specs: readonly SpecDraft[]): SpecDraft[] {
  return specs.map((d) => ({ name: d.name, values: d.values.filter((v) => (v['zh-CN'] ?? '').trim() !== '') })).filter((d) => d.values.length > 0);
}

/** Every combination of indexes, first dimension slowest: [2, 2] -> [0,0] [0,1] [1,0] [1,1]. [] sizes -> [[]]. */
export function combinations(sizes: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const size of sizes) {
    const next: number[][] = [];
    for (const prefix of out) for (let i = 0; i < size; i++) next.push([...prefix, i]);
    out = next;
  }
  return out;
}

export function matrixSize(specs: readonly SpecDraft[]): number {
  return effectiveSpecs(specs).reduce((n, d) => n * d.values.length, 1);
}

export function rowKey(specs: readonly SpecDraft[], indexes: readonly number[]): string {
  return indexes.map((vi, di) => (specs[di]?.values[vi]?.['zh-CN'] ?? '').trim()).join(SEP);
}

/** The row's values in `lang` (zh-CN fallback), e.g. ['红色', 'M']. */
export function rowLabels(specs: readonly SpecDraft[], row: Pick<SkuRow, 'specIndexes'>, lang: Language): string[] {
  return row.specIndexes.map((vi, di) => {
    const v = specs[di]?.values[vi];
    return v ? draftText(v, lang) : '';
  });
}

export function emptyRow(key: string, specIndexes: number[]): SkuRow {
  return { key, specIndexes, code: '', price: '', marketPrice: '', initialStock: '', lowStockThreshold: '', imageKey: null, imageUrl: null, enabled: true };
}

/**
 * The rows for `specs` (already effective: see effectiveSpecs), reusing what `previous` rows hold:
 * when the shape is unchanged (a value or dimension renamed, e.g. while typing) row i stays row i;
 * otherwise rows are matched by combination. A row whose combination changed text is no longer the
 * SKU it was (the API creates a new one), so it loses its SKU id. Null when the matrix would exceed
 * MAX_SKUS rows (the caller keeps the old rows).
 */
export function buildSkuRows(specs: readonly SpecDraft[], previous: readonly SkuRow[]): SkuRow[] | null {
  const sizes = specs.map((d) => d.values.length);
  if (sizes.reduce((n, s) => n * s, 1) > MAX_SKUS) return null;
  const combos = combinations(sizes);
  const sameShape =
    previous.length === combos.length && previous.every((r, i) => r.specIndexes.length === sizes.length && r.specIndexes.join() === combos[i]!.join());
  const byKey = new Map(previous.map((r) => [r.key, r]));
  // One row before and one after (no dimension <-> one dimension with one value): the same SKU.
  const lone = previous.length === 1 && combos.length === 1 ? previous[0] : undefined;
  return combos.map((indexes, i) => {
    const key = rowKey(specs, indexes);
    const old = sameShape ? previous[i] : (byKey.get(key) ?? lone);
    if (!old) return emptyRow(key, indexes);
    const row: SkuRow = { ...old, key, specIndexes: indexes };
    if (old.key !== key && old.skuId) {
      delete row.skuId;
      delete row.stock;
    }
    return row;
  });
}

/** Rows of an existing product: its SKUs still in the matrix, prices back in major units. */
export function rowsFromSkus(specs: readonly SpecDraft[], skus: readonly MerchantSku[], digits: number): SkuRow[] {
  return skus
    .filter((s) => !s.removed)
    .map((s) => ({
      key: rowKey(specs, s.specIndexes),
      specIndexes: s.specIndexes,
      code: s.code,
      price: formatMinorUnits(s.price.amount, digits),
      marketPrice: s.marketPrice ? formatMinorUnits(s.marketPrice.amount, digits) : '',
      initialStock: String(s.stock),
      lowStockThreshold: String(s.lowStockThreshold),
      imageKey: s.imageKey,
      imageUrl: s.imageUrl,
      enabled: s.enabled,
      skuId: s.id,
      stock: s.stock,
    }));
}

/** Sets one field on every row (the "fill all" bar). */
export function fillAll(rows: readonly SkuRow[], field: 'price' | 'marketPrice' | 'initialStock' | 'lowStockThreshold', value: string): SkuRow[] {
  return rows.map((r) => ({ ...r, [field]: value }));
}

/** What a generated SKU code prefix may be: the characters of a SKU code, leaving room for "-<n>". */
export const CODE_PREFIX = /^[A-Za-z0-9._-]{1,56}$/;

/**
 * Gives every row without a code `<prefix>-<n>` (n from 1, padded to the row count's digits: 001..300),
 * so a 300-SKU matrix is not 300 codes typed by hand. Rows that have a code keep it; a generated code
 * that another row already uses is skipped to the next number.
 */
export function fillCodes(rows: readonly SkuRow[], prefix: string): SkuRow[] {
  const taken = new Set(rows.map((r) => r.code.trim()).filter(Boolean));
  const width = Math.max(3, String(rows.length).length);
  let n = 0;
  return rows.map((r) => {
    if (r.code.trim()) return r;
    let code: string;
    do code = `${prefix}-${String((n += 1)).padStart(width, '0')}`;
    while (taken.has(code));
    taken.add(code);
    return { ...r, code };
  });
}

/** Duplicate zh-CN values within one dimension make two rows identical: the indexes of the repeats. */
export function duplicateValues(spec: SpecDraft): number[] {
  const seen = new Set<string>();
  const dups: number[] = [];
  spec.values.forEach((v, i) => {
    const text = (v['zh-CN'] ?? '').trim();
    if (!text) return;
    if (seen.has(text)) dups.push(i);
    seen.add(text);
  });
  return dups;
}
