/**
 * The product editor's form: its state, the checks run before sending (same limits as the API's
 * ProductContentInput, with messages in the user's language) and the request body built from it.
 */
import { ProductContentInput, type MerchantProductView, type MessageKey } from '@wxshop/shared';
import { parseCount, parseMinorUnits } from './money-input';
import { buildSkuRows, duplicateValues, effectiveSpecs, MAX_SKUS, rowsFromSkus, type SkuRow, type SpecDraft } from './sku-matrix';
import { fromLocalized, toLocalized, type TextDraft } from './text';

export const MAX_IMAGES = 9;
export const MAX_TAGS = 10;
export const MAX_ATTRIBUTES = 30;
const MAX_PRICE = 100_000_000;

export interface UploadedMedia {
  key: string;
  /** What to show: the public URL, or the local preview right after an upload. */
  url: string;
}

export interface ProductForm {
  title: TextDraft;
  description: TextDraft;
  categoryId: string | null;
  brand: string;
  origin: string;
  material: string;
  attributes: { name: string; value: string }[];
  tags: string[];
  images: UploadedMedia[];
  video: UploadedMedia | null;
  weightGrams: string;
  volumeCm3: string;
  hsCode: string;
  countryOfOrigin: string;
  /** The store's shipping template for this product; null: the store's default. */
  shippingTemplateId: string | null;
  specs: SpecDraft[];
  rows: SkuRow[];
  /** ISO 8601 instants, or null. */
  onSaleAt: string | null;
  offSaleAt: string | null;
}

/** Field path (as the API names it, without `body.`) -> message key. */
export type FieldErrors = Record<string, MessageKey>;

export function emptyProductForm(): ProductForm {
  return {
    title: {},
    description: {},
    categoryId: null,
    brand: '',
    origin: '',
    material: '',
    attributes: [],
    tags: [],
    images: [],
    video: null,
    weightGrams: '',
    volumeCm3: '',
    hsCode: '',
    countryOfOrigin: '',
    shippingTemplateId: null,
    specs: [],
    rows: buildSkuRows([], []) ?? [],
    onSaleAt: null,
    offSaleAt: null,
  };
}

export function formFromProduct(p: MerchantProductView, digits: number): ProductForm {
  const specs: SpecDraft[] = p.specs.map((d) => ({ name: fromLocalized(d.name), values: d.values.map(fromLocalized) }));
  return {
    title: fromLocalized(p.title),
    description: fromLocalized(p.description),
    categoryId: p.categoryId,
    brand: p.brand ?? '',
    origin: p.origin ?? '',
    material: p.material ?? '',
    attributes: p.attributes.map((a) => ({ ...a })),
    tags: [...p.tags],
    images: p.imageKeys.map((key, i) => ({ key, url: p.imageUrls[i] ?? '' })),
    video: p.videoUrl && p.videoKey ? { key: p.videoKey, url: p.videoUrl } : null,
    weightGrams: p.weightGrams === null ? '' : String(p.weightGrams),
    volumeCm3: p.volumeCm3 === null ? '' : String(p.volumeCm3),
    hsCode: p.hsCode ?? '',
    countryOfOrigin: p.countryOfOrigin ?? '',
    shippingTemplateId: p.shippingTemplateId,
    specs,
    rows: rowsFromSkus(specs, p.skus, digits),
    onSaleAt: p.onSaleAt,
    offSaleAt: p.offSaleAt,
  };
}

/** Moves item `i` one place towards the start (-1) or the end (+1); unchanged at the edges. */
export function move<T>(list: readonly T[], i: number, dir: -1 | 1): T[] {
  const j = i + dir;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** Adds a tag once (trimmed, at most 16 characters, at most MAX_TAGS); the list unchanged otherwise. */
export function addTag(tags: readonly string[], raw: string): string[] {
  const tag = raw.trim();
  if (!tag || tag.length > 16 || tags.includes(tag) || tags.length >= MAX_TAGS) return [...tags];
  return [...tags, tag];
}

function optionalCount(text: string, max: number, field: string, errors: FieldErrors): number | undefined {
  if (!text.trim()) return undefined;
  const n = parseCount(text);
  if (n === null || n > max) errors[field] = 'merchant.err.whole_number';
  return n ?? undefined;
}

function price(text: string, digits: number, field: string, errors: FieldErrors, required: boolean): number | undefined {
  if (!text.trim()) {
    if (required) errors[field] = 'merchant.err.required';
    return undefined;
  }
  const n = parseMinorUnits(text, digits);
  if (n === null) errors[field] = digits > 0 ? 'merchant.err.price_format' : 'merchant.err.whole_number';
  else if (n <= 0 || n > MAX_PRICE) errors[field] = 'merchant.err.price_range';
  return n ?? undefined;
}

/**
 * Checks the form and builds the body of POST/PUT /products. `creating` sends initial stock for every
 * row; an edit sends it only for rows that are new SKUs. `digits` is the store currency's exponent.
 */
export function buildProductInput(form: ProductForm, digits: number, creating: boolean): { input: ProductContentInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = toLocalized(form.title);
  if (!title) errors['title'] = 'merchant.err.zh_required';
  else if (Object.values(title).some((v) => v.length > 120)) errors['title'] = 'merchant.err.too_long';
  const description = toLocalized(form.description);
  if (!description) errors['description'] = 'merchant.err.zh_required';
  if (!form.categoryId) errors['categoryId'] = 'merchant.err.category_leaf';
  if (form.images.length === 0) errors['imageKeys'] = 'merchant.err.image_required';
  if (form.images.length > MAX_IMAGES) errors['imageKeys'] = 'merchant.err.too_many_images';
  if (form.brand.trim().length > 64) errors['brand'] = 'merchant.err.too_long';
  if (form.origin.trim().length > 64) errors['origin'] = 'merchant.err.too_long';
  if (form.material.trim().length > 128) errors['material'] = 'merchant.err.too_long';
  form.attributes.forEach((a, i) => {
    if (!a.name.trim() || a.name.trim().length > 32) errors[`attributes.${i}.name`] = 'merchant.err.required';
    if (!a.value.trim() || a.value.trim().length > 128) errors[`attributes.${i}.value`] = 'merchant.err.required';
  });
  const weightGrams = optionalCount(form.weightGrams, 1_000_000, 'weightGrams', errors);
  const volumeCm3 = optionalCount(form.volumeCm3, 10_000_000, 'volumeCm3', errors);
  const hsCode = form.hsCode.trim();
  if (hsCode && !/^\d{6,10}$/.test(hsCode)) errors['hsCode'] = 'merchant.err.hs_code';
  const country = form.countryOfOrigin.trim().toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) errors['countryOfOrigin'] = 'merchant.err.country';
  if (form.onSaleAt && form.offSaleAt && form.offSaleAt <= form.onSaleAt) errors['offSaleAt'] = 'merchant.err.off_before_on';

  // Dimensions: a named one needs values; values need a name; no repeated values.
  form.specs.forEach((d, i) => {
    const hasName = (d.name['zh-CN'] ?? '').trim() !== '';
    const hasValues = d.values.some((v) => (v['zh-CN'] ?? '').trim() !== '');
    if (hasValues && !hasName) errors[`specs.${i}.name`] = 'merchant.err.zh_required';
    if (hasName && !hasValues) errors[`specs.${i}.values`] = 'merchant.err.spec_values';
    if (duplicateValues(d).length > 0) errors[`specs.${i}.values`] = 'merchant.err.spec_duplicate';
  });
  const specs = effectiveSpecs(form.specs);
  if (form.rows.length === 0 || form.rows.length > MAX_SKUS) errors['skus'] = 'merchant.err.too_many_skus';

  const codes = new Map<string, number>();
  const skus = form.rows.map((r, i) => {
    const at = `skus.${i}`;
    const code = r.code.trim();
    if (!code) errors[`${at}.code`] = 'merchant.err.required';
    else if (!/^[A-Za-z0-9._-]{1,64}$/.test(code)) errors[`${at}.code`] = 'merchant.err.sku_code';
    else if (codes.has(code)) errors[`${at}.code`] = 'merchant.err.sku_code_repeated';
    codes.set(code, i);
    const p = price(r.price, digits, `${at}.price`, errors, true);
    const mp = price(r.marketPrice, digits, `${at}.marketPrice`, errors, false);
    const stock = creating || !r.skuId ? optionalCount(r.initialStock, 10_000_000, `${at}.initialStock`, errors) : undefined;
    const low = optionalCount(r.lowStockThreshold, 1_000_000, `${at}.lowStockThreshold`, errors);
    return {
      specIndexes: r.specIndexes,
      code,
      price: p ?? 0,
      ...(mp !== undefined ? { marketPrice: mp } : {}),
      ...(stock !== undefined ? { initialStock: stock } : {}),
      ...(r.imageKey ? { imageKey: r.imageKey } : {}),
      enabled: r.enabled,
      ...(low !== undefined ? { lowStockThreshold: low } : {}),
    };
  });
  if (skus.length > 0 && skus.every((s) => !s.enabled)) errors['skus'] = 'merchant.err.no_enabled_sku';
  if (Object.keys(errors).length > 0 || !title || !description || !form.categoryId) return { input: null, errors };

  const attributes = form.attributes.map((a) => ({ name: a.name.trim(), value: a.value.trim() }));
  const candidate = {
    title,
    description,
    categoryId: form.categoryId,
    ...(form.brand.trim() ? { brand: form.brand.trim() } : {}),
    ...(form.origin.trim() ? { origin: form.origin.trim() } : {}),
    ...(form.material.trim() ? { material: form.material.trim() } : {}),
    ...(attributes.length ? { attributes } : {}),
    imageKeys: form.images.map((m) => m.key),
    ...(form.video ? { videoKey: form.video.key } : {}),
    ...(form.tags.length ? { tags: form.tags } : {}),
    ...(weightGrams !== undefined ? { weightGrams } : {}),
    ...(volumeCm3 !== undefined ? { volumeCm3 } : {}),
    ...(hsCode ? { hsCode } : {}),
    ...(country ? { countryOfOrigin: country } : {}),
    shippingTemplateId: form.shippingTemplateId,
    specs: specs.map((d) => ({ name: toLocalized(d.name)!, values: d.values.map((v) => toLocalized(v)!) })),
    skus,
    ...(form.onSaleAt ? { onSaleAt: form.onSaleAt } : {}),
    ...(form.offSaleAt ? { offSaleAt: form.offSaleAt } : {}),
  };
  // The API's own schema is the last word: anything it refuses is shown as a field error too.
  const parsed = ProductContentInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.') || 'form'] ??= 'merchant.err.invalid';
    return { input: null, errors };
  }
  return { input: parsed.data, errors };
}

/**
 * The API's field errors (`body.skus.0.price`, or `skus.0.price` from the client's own check) as form
 * errors: every refused field is marked; the API's text is English, so the page shows its own message
 * (matched on the field path, never on the API's text).
 */
export function apiFieldErrors(fields: Record<string, string> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const raw of Object.keys(fields ?? {})) {
    const path = raw.replace(/^body\./, '');
    // The form checks a code's format itself: a code the API refuses is one another product of the store uses.
    out[path] = /^skus\.\d+\.code$/.test(path) ? 'merchant.err.sku_code_taken' : 'merchant.err.refused';
  }
  return out;
}

/** The first error at `path` or under it (`skus.0` finds `skus.0.price`), for a section's summary. */
export function errorUnder(errors: FieldErrors, path: string): MessageKey | undefined {
  if (errors[path]) return errors[path];
  const hit = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return hit ? errors[hit] : undefined;
}
