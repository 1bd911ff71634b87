/**
 * Product content: create, replace (draft, rejected or off_shelf only) and delete a draft, with the SKU
 * matrix, codes and initial postings (ADR 0020, 0021, 0037).
 */
import { ulid } from 'ulid';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type MerchantProductView, type ProductContentInput } from '@wxshop/shared/catalog';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { TransactionConditionError, batchWrite, putNew, transact } from '../lib/table-ops';
import { ConflictError, ValidationError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { effectPut, priorEffect } from '../lib/effects';
import { ProductItem, type SkuItem } from './items';
import { assertLeafCategory, categoryProductCount } from '../categories/categories';
import { loadOwnProduct, loadProduct, readMerchant, toView, type MerchantFacts } from './repo';
import { EDITABLE_STATUSES, checkContent, specValuesKey, specValuesOf, storeSells, type FieldErrors } from './rules';
import {
  type TxItem,
  MAX_TX_ITEMS,
  iso,
  productIndexKeys,
  stocked,
  priceRange,
  contentFields,
  failIfInvalid,
  newSkuItem,
  newSkuWrites,
  usedCodes,
  chunks,
  putKeys,
  setFields,
  skuChanged,
  skuUpdate,
} from './product-writes';

/** How long an update of a large matrix holds its lease (ADR 0037). */
const LEASE_MS = 60_000;

export interface CreateOptions {
  now?: Date;
  /** Reference of the initial postings (e.g. `import:<id>`). */
  reference?: string;
  /** Field path prefix of validation errors (`body` for the route). */
  fieldPrefix?: string;
  /** The merchant, when the caller has read it already (imports). */
  merchant?: MerchantFacts;
  /**
   * The product's id, chosen by a caller that must create it once (a re-run of an import after a
   * crash, ADR 0034): when a product with this id exists, it is answered instead of creating another.
   */
  id?: string;
  /**
   * The route's idempotency reference (ADR 0034): the product's write carries an effect marker, and a
   * re-run of the request after a takeover answers the product the first run created.
   */
  idempotencyReference?: string;
}

/**
 * Creates a draft product from content. Primary course: 1. check the content (matrix, prices, codes,
 * images under `merchants/<mid>/products/`, schedule); 2. read the merchant: prices are in its currency;
 * 3. the category must be a leaf; 4. ONE transaction: the product, each SKU, each SKU code (AP34, unique
 * per merchant) and each initial stock posting. A code in use is a 400 on that SKU's code field.
 */
export async function createProduct(
  merchantId: string,
  input: ProductContentInput,
  actorId: string | null,
  opts: CreateOptions = {},
): Promise<MerchantProductView> {
  const now = opts.now ?? new Date();
  const prefix = opts.fieldPrefix ?? 'body';
  failIfInvalid(checkContent(input, merchantId, now, prefix));
  const prior = await priorEffect(opts.idempotencyReference);
  if (prior) return toView(await loadOwnProduct(merchantId, prior.resultId));
  const merchant = opts.merchant ?? (await readMerchant(merchantId));
  await assertLeafCategory(input.categoryId, `${prefix}.categoryId`);
  if (opts.id) {
    const existing = await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(opts.id), ConsistentRead: true }));
    if (existing.Item) return toView(await loadOwnProduct(merchantId, opts.id));
  }
  const at = iso(now);
  const id = opts.id ?? ulid();
  const skus = input.skus.map((_, i) => newSkuItem(input, i, id, merchantId, merchant.currency, at));
  const stockedSkuCount = skus.filter(stocked).length;
  const product: ProductItem = {
    entity: 'Product',
    id,
    merchantId,
    status: 'draft',
    rejectReason: null,
    ...contentFields(input),
    currency: merchant.currency,
    ...priceRange(skus, merchant.currency),
    stockedSkuCount,
    inStock: stockedSkuCount > 0,
    onSale: false,
    storeSelling: storeSells(merchant.status),
    version: 1,
    approvedVersion: null,
    sales: 0,
    createdAt: at,
    updatedAt: at,
    statusChangedAt: at,
    submittedAt: null,
    approvedAt: null,
  };
  const items: TxItem[] = [putNew({ ...keys.product(id), ...productIndexKeys(product), ...product })];
  const codeAt = new Map<number, number>();
  skus.forEach((sku, i) => {
    codeAt.set(items.length, i);
    items.push(putNew({ ...keys.skuCode(merchantId, sku.code), entity: 'SkuCode', merchantId, code: sku.code, skuId: sku.id, productId: id }));
    items.push(...newSkuWrites(sku, actorId, opts.reference ?? null, at));
  });
  // filed under the category in the same transaction: it cannot be deleted or get subcategories meanwhile
  const categoryAt = items.push(categoryProductCount(input.categoryId, 1)) - 1;
  const marker = opts.idempotencyReference ? [effectPut(opts.idempotencyReference, { route: 'create-product', resultId: id }, now)] : [];
  if (items.length + marker.length > MAX_TX_ITEMS) {
    await createInChunks(items, codeAt, categoryAt, skus, prefix, marker);
    return toView({ product, skus });
  }
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [...items, ...marker] }));
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const fields: FieldErrors = {};
    for (const idx of failedConditionIndexes(err)) {
      const skuIndex = codeAt.get(idx);
      if (skuIndex !== undefined) fields[`${prefix}.skus.${skuIndex}.code`] = 'this SKU code is already used in this store';
      if (idx === categoryAt) fields[`${prefix}.categoryId`] = 'the category was deleted or got subcategories meanwhile';
    }
    if (Object.keys(fields).length === 0) throw new ConflictError('The product could not be created: try again');
    throw new ValidationError(fields);
  }
  return toView({ product, skus });
}

/**
 * A create too large for one transaction (ADR 0037): codes checked up front, then the SKUs, codes and
 * postings in chunks, the product item, its category count and the effect marker LAST (items[0] and items[categoryAt]).
 * Any failure deletes what was written, so a product is either complete or absent.
 */
async function createInChunks(
  items: TxItem[],
  codeAt: Map<number, number>,
  categoryAt: number,
  skus: SkuItem[],
  prefix: string,
  marker: TxItem[],
): Promise<void> {
  const merchantId = skus[0]!.merchantId;
  failIfInvalid(await usedCodes(merchantId, new Map(skus.map((s, i) => [s.code, i])), prefix));
  const body = items.slice(1, categoryAt);
  const written: TxItem[] = [];
  try {
    for (const chunk of chunks(body)) {
      try {
        await transact(chunk.items);
      } catch (err) {
        if (!(err instanceof TransactionConditionError)) throw err;
        const fields: FieldErrors = {};
        for (const idx of err.failed) {
          const skuIndex = codeAt.get(chunk.start + idx + 1);
          if (skuIndex !== undefined) fields[`${prefix}.skus.${skuIndex}.code`] = 'this SKU code is already used in this store';
        }
        throw Object.keys(fields).length ? new ValidationError(fields) : new ConflictError('The product could not be created: try again');
      }
      written.push(...chunk.items);
    }
    await transact([items[0]!, items[categoryAt]!, ...marker], (failed) =>
      failed.includes(1)
        ? new ValidationError({ [`${prefix}.categoryId`]: 'the category was deleted or got subcategories meanwhile' })
        : new ConflictError('The product could not be created: try again'),
    );
  } catch (err) {
    await batchWrite([], putKeys(written));
    throw err;
  }
}

/**
 * Replaces the content of a draft, rejected or off-shelf product. SKUs are matched to the new matrix by
 * their combination (zh-CN value per dimension): a kept combination keeps its SKU id and stock; a new one
 * is created (with its initial stock); a combination no longer in the matrix is disabled and marked
 * removed, never deleted (orders reference it). `initialStock` of a kept SKU is ignored: stock changes
 * are postings. One transaction, conditioned on the version and in-stock count read (409 on a race).
 */
export async function updateProduct(
  merchantId: string,
  productId: string,
  input: ProductContentInput,
  actorId: string | null,
  now = new Date(),
): Promise<MerchantProductView> {
  failIfInvalid(checkContent(input, merchantId, now, 'body'));
  const { product: old, skus: oldSkus } = await loadOwnProduct(merchantId, productId);
  if (!EDITABLE_STATUSES.includes(old.status)) throw new ConflictError(`A ${old.status} product cannot be edited: take it off-shelf first`);
  if (input.categoryId !== old.categoryId) await assertLeafCategory(input.categoryId);
  const at = iso(now);
  const currency = old.currency;
  const byCombo = new Map(oldSkus.map((s) => [specValuesKey(s.specValues), s]));
  const codeOwner = new Map(oldSkus.map((s) => [s.code, s.id]));
  const next: SkuItem[] = [];
  const items: TxItem[] = [];
  const codeAt = new Map<number, number>();
  const claimed = new Set<string>();
  input.skus.forEach((s, i) => {
    const values = specValuesOf(input.specs, s.specIndexes);
    const prev = byCombo.get(specValuesKey(values));
    byCombo.delete(specValuesKey(values));
    const fresh = newSkuItem(input, i, productId, merchantId, currency, at);
    const sku: SkuItem = prev ? { ...fresh, id: prev.id, stock: prev.stock, createdAt: prev.createdAt } : fresh;
    next.push(sku);
    if (!prev || prev.code !== sku.code) {
      claimed.add(sku.code);
      const owner = codeOwner.get(sku.code);
      codeAt.set(items.length, i);
      const codeItem = { ...keys.skuCode(merchantId, sku.code), entity: 'SkuCode', merchantId, code: sku.code, skuId: sku.id, productId };
      items.push(
        owner
          ? { Put: { TableName: tableName(), Item: codeItem, ConditionExpression: 'skuId = :owner', ExpressionAttributeValues: { ':owner': owner } } }
          : putNew(codeItem),
      );
    }
    if (!prev) items.push(...newSkuWrites(sku, actorId, null, at));
    else if (skuChanged(prev, sku)) items.push(skuUpdate(sku, at));
  });
  // codes given up by kept SKUs are released; removed SKUs keep theirs (orders may look them up)
  for (const prev of oldSkus) {
    const kept = next.find((s) => s.id === prev.id);
    if (kept && kept.code !== prev.code && !claimed.has(prev.code))
      items.push({
        Delete: {
          TableName: tableName(),
          Key: keys.skuCode(merchantId, prev.code),
          ConditionExpression: 'skuId = :sid',
          ExpressionAttributeValues: { ':sid': prev.id },
        },
      });
  }
  for (const gone of byCombo.values()) {
    const removed: SkuItem = { ...gone, enabled: false, removed: true };
    next.push(removed);
    if (!gone.removed || gone.enabled) items.push(skuUpdate(removed, at));
  }
  const stockedSkuCount = next.filter(stocked).length;
  const product: ProductItem = {
    ...old,
    ...contentFields(input),
    ...priceRange(next, currency),
    stockedSkuCount,
    inStock: stockedSkuCount > 0,
    version: old.version + 1,
    updatedAt: at,
  };
  const { GSI1PK, GSI1SK } = productIndexKeys(product);
  // only content and what derives from it: status, schedule, store and sales fields belong to others
  const fields = {
    ...contentFields(input),
    minPrice: product.minPrice,
    maxPrice: product.maxPrice,
    stockedSkuCount,
    inStock: product.inStock,
    version: product.version,
    updatedAt: at,
    GSI1PK,
    GSI1SK,
  };
  const lease = old.editLease && Date.parse(old.editLease.expiresAt) > now.getTime() ? old.editLease : undefined;
  if (lease) throw new ConflictError('Another save of this product is in progress: reload and try again');
  const categoryItems = input.categoryId === old.categoryId ? [] : [categoryProductCount(input.categoryId, 1), categoryProductCount(old.categoryId, -1)];
  if (items.length + 1 + categoryItems.length > MAX_TX_ITEMS) {
    const fresh = await updateInChunks(old, items, codeAt, next, fields, categoryItems, now);
    return toView({ product: { ...product, ...fresh }, skus: next });
  }
  items.unshift(
    setFields(
      productId,
      fields,
      '#status = :status AND version = :v AND stockedSkuCount = :c AND (attribute_not_exists(editLease) OR editLease.expiresAt < :now)',
      {
        ':status': old.status,
        ':v': old.version,
        ':c': old.stockedSkuCount,
        ':now': at,
      },
      ['editLease'],
    ),
  );
  const categoryAt = categoryItems.length ? items.push(...categoryItems) - 2 : -1;
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const failed = failedConditionIndexes(err);
    if (failed.includes(0)) throw new ConflictError('The product changed meanwhile: reload and try again');
    const fields: FieldErrors = {};
    for (const idx of failed) {
      const skuIndex = codeAt.get(idx - 1);
      if (skuIndex !== undefined) fields[`body.skus.${skuIndex}.code`] = 'this SKU code is already used in this store';
      if (idx === categoryAt) fields['body.categoryId'] = 'the category was deleted or got subcategories meanwhile';
    }
    if (Object.keys(fields).length === 0) throw new ConflictError('The product changed meanwhile: reload and try again');
    throw new ValidationError(fields);
  }
  return toView({ product, skus: next });
}

/**
 * An update too large for one transaction (ADR 0037). Primary course: 1. codes checked up front (400);
 * 2. an edit lease on the product, conditioned on the status and version read (409); 3. the SKU changes
 * in chunks (kept SKUs' content only, never their stock); 4. LAST the product's content, version + 1 and
 * the lease's removal, conditioned on the lease; `stockedSkuCount` re-derived if a stock change crossed
 * zero meanwhile. A failure after 2 leaves the lease: no submit or re-listing until a save completes.
 * @returns the product fields that changed from what the caller computed (a re-derived stock count)
 */
async function updateInChunks(
  old: ProductItem,
  skuItems: TxItem[],
  codeAt: Map<number, number>,
  next: SkuItem[],
  fields: Record<string, unknown>,
  categoryItems: TxItem[],
  now: Date,
): Promise<Partial<ProductItem>> {
  const claims = new Map<string, number>();
  const owners = new Map<string, string>();
  for (const [idx, i] of codeAt) {
    const sku = next[i]!;
    claims.set(sku.code, i);
    const cond = skuItems[idx]!.Put?.ExpressionAttributeValues?.[':owner'];
    if (typeof cond === 'string') owners.set(sku.code, cond);
  }
  failIfInvalid(await usedCodes(old.merchantId, claims, 'body', owners));
  const lease = { leaseId: ulid(), expiresAt: new Date(now.getTime() + LEASE_MS).toISOString() };
  await transact(
    [
      {
        Update: {
          TableName: tableName(),
          Key: keys.product(old.id),
          UpdateExpression: 'SET editLease = :lease',
          ConditionExpression: '#status = :status AND version = :v AND (attribute_not_exists(editLease) OR editLease.expiresAt < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':lease': lease, ':status': old.status, ':v': old.version, ':now': now.toISOString() },
        },
      },
    ],
    () => new ConflictError('The product changed meanwhile: reload and try again'),
  );
  for (const chunk of chunks(skuItems)) {
    await transact(chunk.items, (failed) => {
      const fieldErrors: FieldErrors = {};
      for (const idx of failed) {
        const skuIndex = codeAt.get(chunk.start + idx);
        if (skuIndex !== undefined) fieldErrors[`body.skus.${skuIndex}.code`] = 'this SKU code is already used in this store';
      }
      return Object.keys(fieldErrors).length ? new ValidationError(fieldErrors) : new ConflictError('The product changed meanwhile: reload and try again');
    });
  }
  let finalFields = fields;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      await transact([
        setFields(
          old.id,
          finalFields,
          '#status = :status AND editLease.leaseId = :lease AND version = :v AND stockedSkuCount = :c',
          { ':status': old.status, ':lease': lease.leaseId, ':v': old.version, ':c': old.stockedSkuCount },
          ['editLease'],
        ),
        ...categoryItems,
      ]);
      return finalFields === fields ? {} : { stockedSkuCount: Number(finalFields.stockedSkuCount), inStock: Boolean(finalFields.inStock) };
    } catch (err) {
      if (!(err instanceof TransactionConditionError)) throw err;
      if (err.failed.some((i) => i > 0)) throw new ValidationError({ 'body.categoryId': 'the category was deleted or got subcategories meanwhile' });
      // a posting crossed zero meanwhile: count the stocked SKUs again (the lease keeps content writers out)
      const { product, skus } = await loadProduct(old.id);
      if (product.editLease?.leaseId !== lease.leaseId) throw new ConflictError('The product changed meanwhile: reload and try again');
      const count = skus.filter(stocked).length;
      old = { ...old, stockedSkuCount: product.stockedSkuCount };
      finalFields = { ...fields, stockedSkuCount: count, inStock: count > 0 };
    }
  }
  throw new ConflictError('The product changed meanwhile: reload and try again');
}

/** Deletes a draft (never submitted: a draft is never re-entered). Its SKU codes are freed; its postings stay (ledger). */
export async function deleteProduct(merchantId: string, productId: string): Promise<void> {
  const { product, skus } = await loadOwnProduct(merchantId, productId);
  if (product.status !== 'draft') throw new ConflictError('Only a draft can be deleted: take the product off-shelf instead');
  const items: TxItem[] = [
    {
      Delete: {
        TableName: tableName(),
        Key: keys.product(productId),
        ConditionExpression: '#status = :draft AND version = :v',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft', ':v': product.version },
      },
    },
    categoryProductCount(product.categoryId, -1),
    ...skus.map((s): TxItem => ({ Delete: { TableName: tableName(), Key: keys.productSku(productId, s.id) } })),
    // a removed SKU may share its code with the SKU it was handed to: one delete per code of this product
    ...[...new Set(skus.map((s) => s.code))].map(
      (code): TxItem => ({
        Delete: {
          TableName: tableName(),
          Key: keys.skuCode(merchantId, code),
          ConditionExpression: 'productId = :pid',
          ExpressionAttributeValues: { ':pid': productId },
        },
      }),
    ),
  ];
  await transact(items, () => new ConflictError('The product changed meanwhile: reload and try again'));
}
