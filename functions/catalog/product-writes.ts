/**
 * Builders of the catalog's product writes: items, index keys, SKU writes and updates, chunking of large
 * writes (ADR 0037). Pure functions of their input, shared by product-content and product-lifecycle.
 */
import { ulid } from 'ulid';
import { type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { money, type Currency, type Money } from '@wxshop/shared/money';
import { type ProductContentInput } from '@wxshop/shared/catalog';
import { tableName } from '../lib/table';
import { keys, type Key } from '../lib/keys';
import { batchGet, putNew } from '../lib/table-ops';
import { ValidationError } from '../lib/errors';
import { ProductItem, type SkuItem, type StockPostingItem } from './items';
import { specValuesOf, type FieldErrors } from './rules';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export const MAX_TX_ITEMS = 100;

export const iso = (d: Date): string => d.toISOString();
export const normalizeTime = (t: string | undefined): string | null => (t ? new Date(t).toISOString() : null);

/** Index attributes of a product item for its status: AP31 (merchant tabs) and AP32 (status queues). */
export function productIndexKeys(p: Pick<ProductItem, 'id' | 'merchantId' | 'status' | 'updatedAt' | 'statusChangedAt'>) {
  return { ...keys.merchantProductsGsi1(p.merchantId, p.status, p.updatedAt, p.id), ...keys.productStatusGsi2(p.status, p.statusChangedAt, p.id) };
}

export const sellable = (s: Pick<SkuItem, 'enabled' | 'removed'>): boolean => s.enabled && !s.removed;
export const stocked = (s: Pick<SkuItem, 'enabled' | 'removed' | 'stock'>): boolean => sellable(s) && s.stock > 0;

/** Lowest and highest price of the SKUs a shopper can pick (all active SKUs when every one is disabled). */
export function priceRange(skus: Pick<SkuItem, 'price' | 'enabled' | 'removed'>[], currency: Currency): { minPrice: Money; maxPrice: Money } {
  const pool = skus.filter(sellable).length > 0 ? skus.filter(sellable) : skus.filter((s) => !s.removed);
  const amounts = pool.map((s) => s.price.amount);
  if (amounts.length === 0) return { minPrice: money(0, currency), maxPrice: money(0, currency) };
  return { minPrice: money(Math.min(...amounts), currency), maxPrice: money(Math.max(...amounts), currency) };
}

export function contentFields(input: ProductContentInput) {
  return {
    title: input.title,
    description: input.description,
    categoryId: input.categoryId,
    brand: input.brand ?? null,
    origin: input.origin ?? null,
    material: input.material ?? null,
    attributes: input.attributes ?? [],
    imageKeys: input.imageKeys,
    coverImageKey: input.imageKeys[0] ?? null,
    videoKey: input.videoKey ?? null,
    tags: input.tags ?? [],
    weightGrams: input.weightGrams ?? null,
    volumeCm3: input.volumeCm3 ?? null,
    shippingTemplateId: input.shippingTemplateId ?? null,
    hsCode: input.hsCode ?? null,
    countryOfOrigin: input.countryOfOrigin ?? null,
    specs: input.specs,
    onSaleAt: normalizeTime(input.onSaleAt),
    offSaleAt: normalizeTime(input.offSaleAt),
  };
}

export function failIfInvalid(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

export function newSkuItem(input: ProductContentInput, i: number, productId: string, merchantId: string, currency: Currency, now: string): SkuItem {
  const s = input.skus[i]!;
  return {
    entity: 'Sku',
    id: ulid(),
    productId,
    merchantId,
    specIndexes: s.specIndexes,
    specValues: specValuesOf(input.specs, s.specIndexes),
    code: s.code,
    price: money(s.price, currency),
    marketPrice: s.marketPrice !== undefined ? money(s.marketPrice, currency) : null,
    stock: s.initialStock ?? 0,
    enabled: s.enabled ?? true,
    removed: false,
    imageKey: s.imageKey ?? null,
    lowStockThreshold: s.lowStockThreshold ?? 0,
    createdAt: now,
    updatedAt: now,
  };
}

export function initialPosting(sku: SkuItem, actorId: string | null, reference: string | null, now: string): StockPostingItem {
  return {
    entity: 'StockPosting',
    id: ulid(),
    skuId: sku.id,
    productId: sku.productId,
    merchantId: sku.merchantId,
    delta: sku.stock,
    balance: sku.stock,
    reason: 'initial',
    note: null,
    reference,
    actorId,
    lowStockThreshold: sku.lowStockThreshold,
    createdAt: now,
  };
}

/** Writes one SKU and, with stock, its initial posting (the SKU's stock is the sum of its postings from the start). */
export function newSkuWrites(sku: SkuItem, actorId: string | null, reference: string | null, now: string): TxItem[] {
  const writes = [putNew({ ...keys.productSku(sku.productId, sku.id), ...keys.skuGsi1(sku.id), ...sku })];
  if (sku.stock > 0) {
    const posting = initialPosting(sku, actorId, reference, now);
    writes.push(putNew({ ...keys.stockPosting(sku.id, posting.id), ...posting }));
  }
  return writes;
}

/** Field errors of SKU codes already used in the store (one BatchGet): `codes` maps a code to its SKU index. */
export async function usedCodes(merchantId: string, codes: Map<string, number>, prefix: string, owners = new Map<string, string>()): Promise<FieldErrors> {
  const found = await batchGet(
    [...codes.keys()].map((c) => keys.skuCode(merchantId, c)),
    true,
  );
  const fields: FieldErrors = {};
  for (const [code, i] of codes) {
    const item = found.get(`${keys.skuCode(merchantId, code).PK}|${keys.skuCode(merchantId, code).SK}`);
    if (item && item.skuId !== owners.get(code)) fields[`${prefix}.skus.${i}.code`] = 'this SKU code is already used in this store';
  }
  return fields;
}

/** Consecutive slices of at most MAX_TX_ITEMS items, remembering where each starts. */
export function chunks(items: TxItem[]): { start: number; items: TxItem[] }[] {
  const out: { start: number; items: TxItem[] }[] = [];
  for (let i = 0; i < items.length; i += MAX_TX_ITEMS) out.push({ start: i, items: items.slice(i, i + MAX_TX_ITEMS) });
  return out;
}

/** The keys written by Put items (to undo a create that did not complete). */
export const putKeys = (items: TxItem[]): Key[] => items.flatMap((t) => (t.Put ? [{ PK: String(t.Put.Item!.PK), SK: String(t.Put.Item!.SK) }] : []));

/**
 * An Update of some product fields (never `sales`, which the order flow counts, nor stock flags unless
 * given), with a condition whose values use `:`-names and `#status` for the status.
 */
export function setFields(
  productId: string,
  fields: Record<string, unknown>,
  condition: string,
  values: Record<string, unknown>,
  remove: string[] = [],
): TxItem {
  const names: Record<string, string> = { '#status': 'status' };
  const vals: Record<string, unknown> = { ...values };
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    vals[`:f${i}`] = v;
    return `#f${i} = :f${i}`;
  });
  const removes = remove.map((k, i) => {
    names[`#r${i}`] = k;
    return `#r${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.product(productId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: vals,
    },
  };
}

export const SKU_CONTENT = ['specIndexes', 'code', 'price', 'marketPrice', 'enabled', 'removed', 'imageKey', 'lowStockThreshold'] as const;
export const skuChanged = (a: SkuItem, b: SkuItem): boolean => SKU_CONTENT.some((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));

/** Content fields of a SKU; never its stock (postings own it). */
export function skuUpdate(sku: SkuItem, at: string): TxItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.productSku(sku.productId, sku.id),
      UpdateExpression:
        'SET specIndexes = :si, specValues = :sv, code = :code, price = :price, marketPrice = :mp, enabled = :en, removed = :rm, imageKey = :img, lowStockThreshold = :low, updatedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: {
        ':si': sku.specIndexes,
        ':sv': sku.specValues,
        ':code': sku.code,
        ':price': sku.price,
        ':mp': sku.marketPrice,
        ':en': sku.enabled,
        ':rm': sku.removed,
        ':img': sku.imageKey,
        ':low': sku.lowStockThreshold,
        ':at': at,
      },
    },
  };
}
