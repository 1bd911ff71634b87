/**
 * Products and their SKUs: content, lifecycle and review.
 *
 * Lifecycle: draft -> submitted -> approved | rejected(reason); approved <-> off_shelf; a re-listing whose
 * content changed since the last approval (version != approvedVersion) goes through review again.
 * Content is replaced only while draft, rejected or off_shelf (see docs/adr/0020-catalog-product-lifecycle.md).
 * The services are what the seed script and the future order flow call; handlers are thin wrappers.
 */
import { QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import {
  money,
  type Currency,
  type Money,
  type MerchantProductRow,
  type MerchantProductView,
  type ProductContentInput,
  type ProductStatus,
} from '@wxshop/shared';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { ConflictError, UnprocessableError, ValidationError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { ProductItem, type SkuItem, type StockPostingItem } from './items';
import { assertLeafCategory, categoryProductCount } from '../categories/categories';
import { decodeCursor, encodeCursor, loadOwnProduct, loadProduct, readMerchant, toRow, toView, type LoadedProduct, type MerchantFacts } from './repo';
import { EDITABLE_STATUSES, checkContent, isOnSale, relistStatus, specValuesKey, specValuesOf, storeSells, type FieldErrors } from './rules';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const MAX_TX_ITEMS = 100;

const iso = (d: Date): string => d.toISOString();
const normalizeTime = (t: string | undefined): string | null => (t ? new Date(t).toISOString() : null);

/** Index attributes of a product item for its status: AP31 (merchant tabs) and AP32 (status queues). */
export function productIndexKeys(p: Pick<ProductItem, 'id' | 'merchantId' | 'status' | 'updatedAt' | 'statusChangedAt'>) {
  return { ...keys.merchantProductsGsi1(p.merchantId, p.status, p.updatedAt, p.id), ...keys.productStatusGsi2(p.status, p.statusChangedAt, p.id) };
}

const sellable = (s: Pick<SkuItem, 'enabled' | 'removed'>): boolean => s.enabled && !s.removed;
const stocked = (s: Pick<SkuItem, 'enabled' | 'removed' | 'stock'>): boolean => sellable(s) && s.stock > 0;

/** Lowest and highest price of the SKUs a shopper can pick (all active SKUs when every one is disabled). */
export function priceRange(skus: Pick<SkuItem, 'price' | 'enabled' | 'removed'>[], currency: Currency): { minPrice: Money; maxPrice: Money } {
  const pool = skus.filter(sellable).length > 0 ? skus.filter(sellable) : skus.filter((s) => !s.removed);
  const amounts = pool.map((s) => s.price.amount);
  if (amounts.length === 0) return { minPrice: money(0, currency), maxPrice: money(0, currency) };
  return { minPrice: money(Math.min(...amounts), currency), maxPrice: money(Math.max(...amounts), currency) };
}

function contentFields(input: ProductContentInput) {
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

function failIfInvalid(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function newSkuItem(input: ProductContentInput, i: number, productId: string, merchantId: string, currency: Currency, now: string): SkuItem {
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

function initialPosting(sku: SkuItem, actorId: string | null, reference: string | null, now: string): StockPostingItem {
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

const put = (item: Record<string, unknown>, condition = 'attribute_not_exists(PK)'): TxItem => ({
  Put: { TableName: tableName(), Item: item, ConditionExpression: condition },
});

/** Writes one SKU and, with stock, its initial posting (the SKU's stock is the sum of its postings from the start). */
function newSkuWrites(sku: SkuItem, actorId: string | null, reference: string | null, now: string): TxItem[] {
  const writes = [put({ ...keys.productSku(sku.productId, sku.id), ...keys.skuGsi1(sku.id), ...sku })];
  if (sku.stock > 0) {
    const posting = initialPosting(sku, actorId, reference, now);
    writes.push(put({ ...keys.stockPosting(sku.id, posting.id), ...posting }));
  }
  return writes;
}

export interface CreateOptions {
  now?: Date;
  /** Reference of the initial postings (e.g. `import:<id>`). */
  reference?: string;
  /** Field path prefix of validation errors (`body` for the route). */
  fieldPrefix?: string;
  /** The merchant, when the caller has read it already (imports). */
  merchant?: MerchantFacts;
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
  const merchant = opts.merchant ?? (await readMerchant(merchantId));
  await assertLeafCategory(input.categoryId, `${prefix}.categoryId`);
  const at = iso(now);
  const id = ulid();
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
  const items: TxItem[] = [put({ ...keys.product(id), ...productIndexKeys(product), ...product })];
  const codeAt = new Map<number, number>();
  skus.forEach((sku, i) => {
    codeAt.set(items.length, i);
    items.push(put({ ...keys.skuCode(merchantId, sku.code), entity: 'SkuCode', merchantId, code: sku.code, skuId: sku.id, productId: id }));
    items.push(...newSkuWrites(sku, actorId, opts.reference ?? null, at));
  });
  // filed under the category in the same transaction: it cannot be deleted or get subcategories meanwhile
  const categoryAt = items.push(categoryProductCount(input.categoryId, 1)) - 1;
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
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

/** AP30: a product of the merchant with all its SKUs (404 for another merchant's). */
export async function getMerchantProduct(merchantId: string, productId: string): Promise<MerchantProductView> {
  return toView(await loadOwnProduct(merchantId, productId));
}

/** AP30 for the platform reviewer: any product. */
export async function getProductForReview(productId: string): Promise<MerchantProductView> {
  return toView(await loadProduct(productId));
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
          : put(codeItem),
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
  items.unshift(
    setFields(productId, fields, '#status = :status AND version = :v AND stockedSkuCount = :c', {
      ':status': old.status,
      ':v': old.version,
      ':c': old.stockedSkuCount,
    }),
  );
  const categoryAt =
    input.categoryId === old.categoryId ? -1 : items.push(categoryProductCount(input.categoryId, 1), categoryProductCount(old.categoryId, -1)) - 2;
  if (items.length > MAX_TX_ITEMS) throw new UnprocessableError(`Too many SKU changes at once (${items.length - 1}): change fewer SKUs per update`);
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
 * An Update of some product fields (never `sales`, which the order flow counts, nor stock flags unless
 * given), with a condition whose values use `:`-names and `#status` for the status.
 */
function setFields(productId: string, fields: Record<string, unknown>, condition: string, values: Record<string, unknown>): TxItem {
  const names: Record<string, string> = { '#status': 'status' };
  const vals: Record<string, unknown> = { ...values };
  const sets = Object.entries(fields).map(([k, v], i) => {
    names[`#f${i}`] = k;
    vals[`:f${i}`] = v;
    return `#f${i} = :f${i}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: keys.product(productId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: vals,
    },
  };
}

const SKU_CONTENT = ['specIndexes', 'code', 'price', 'marketPrice', 'enabled', 'removed', 'imageKey', 'lowStockThreshold'] as const;
const skuChanged = (a: SkuItem, b: SkuItem): boolean => SKU_CONTENT.some((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));

/** Content fields of a SKU; never its stock (postings own it). */
function skuUpdate(sku: SkuItem, at: string): TxItem {
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
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('The product changed meanwhile: reload and try again');
    throw err;
  }
}

interface Transition {
  to: ProductStatus;
  now: Date;
  set?: Partial<Pick<ProductItem, 'rejectReason' | 'submittedAt' | 'approvedAt' | 'approvedVersion' | 'storeSelling'>>;
  /** Extra transaction items (schedule entries). */
  extra?: (p: ProductItem) => TxItem[];
}

/**
 * Moves a product to another status in one conditional write (status and version as read), recomputing
 * `onSale` and the index keys. A lost race is a 409.
 */
async function transition(loaded: LoadedProduct, t: Transition): Promise<MerchantProductView> {
  const old = loaded.product;
  const at = iso(t.now);
  const draft: ProductItem = { ...old, ...t.set, status: t.to, updatedAt: at, statusChangedAt: at };
  const product: ProductItem = { ...draft, onSale: isOnSale(draft, t.now) };
  const changes = { ...t.set, status: t.to, onSale: product.onSale, updatedAt: at, statusChangedAt: at, ...productIndexKeys(product) };
  const items: TxItem[] = [
    setFields(old.id, changes, '#status = :status AND version = :v AND storeSelling = :ss', {
      ':status': old.status,
      ':v': old.version,
      ':ss': old.storeSelling,
    }),
    ...(t.extra?.(product) ?? []),
  ];
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('The product changed meanwhile: reload and try again');
    throw err;
  }
  return toView({ product, skus: loaded.skus });
}

/** AP35 entries for an approved product: a future onSaleAt and any offSaleAt; stale entries are removed. */
function scheduleWrites(p: ProductItem, now: Date): TxItem[] {
  const entry = (which: 'on' | 'off', at: string | null): TxItem =>
    at && (which === 'off' || Date.parse(at) > now.getTime())
      ? {
          Put: {
            TableName: tableName(),
            Item: { ...keys.productSchedule(p.id, which), ...keys.productScheduleGsi2(at, p.id, which), entity: 'ProductSchedule', productId: p.id, which, at },
          },
        }
      : { Delete: { TableName: tableName(), Key: keys.productSchedule(p.id, which) } };
  return [entry('on', p.onSaleAt), entry('off', p.offSaleAt)];
}

function assertOffSaleAhead(p: ProductItem, now: Date): void {
  if (p.offSaleAt && Date.parse(p.offSaleAt) <= now.getTime())
    throw new UnprocessableError('The off-sale time has passed: move or clear it (edit the product) first');
}

/** Sends a draft or rejected product to review. Submitting a submitted product changes nothing. */
export async function submitProduct(merchantId: string, productId: string, now = new Date()): Promise<MerchantProductView> {
  const loaded = await loadOwnProduct(merchantId, productId);
  const { product } = loaded;
  if (product.status === 'submitted') return toView(loaded);
  if (product.status !== 'draft' && product.status !== 'rejected') throw new ConflictError(`A ${product.status} product cannot be submitted`);
  assertOffSaleAhead(product, now);
  return transition(loaded, { to: 'submitted', now, set: { submittedAt: iso(now) } });
}

/**
 * Approves a submitted product (platform review): it is on sale at once, or from its onSaleAt (AP35
 * entry), while its store sells. Records the approved content version.
 */
export async function approveProduct(productId: string, now = new Date()): Promise<MerchantProductView> {
  const loaded = await loadProduct(productId);
  if (loaded.product.status !== 'submitted') throw new ConflictError(`Only a submitted product can be approved (this one is ${loaded.product.status})`);
  const merchant = await readMerchant(loaded.product.merchantId);
  return transition(loaded, {
    to: 'approved',
    now,
    set: { approvedAt: iso(now), approvedVersion: loaded.product.version, rejectReason: null, storeSelling: storeSells(merchant.status) },
    extra: (p) => scheduleWrites(p, now),
  });
}

/** Rejects a submitted product with a reason the merchant sees; the merchant edits and resubmits. */
export async function rejectProduct(productId: string, reason: string, now = new Date()): Promise<MerchantProductView> {
  const loaded = await loadProduct(productId);
  if (loaded.product.status !== 'submitted') throw new ConflictError(`Only a submitted product can be rejected (this one is ${loaded.product.status})`);
  return transition(loaded, { to: 'rejected', now, set: { rejectReason: reason } });
}

/** Stops selling an approved product; SKUs, stock and postings stay. Already off-shelf: no change. */
export async function takeOffShelf(merchantId: string, productId: string, now = new Date()): Promise<MerchantProductView> {
  const loaded = await loadOwnProduct(merchantId, productId);
  if (loaded.product.status === 'off_shelf') return toView(loaded);
  if (loaded.product.status !== 'approved') throw new ConflictError(`A ${loaded.product.status} product is not on the shelf`);
  return transition(loaded, { to: 'off_shelf', now });
}

/**
 * Re-lists an off-shelf product: approved again at once when its content is the approved version,
 * otherwise submitted for review. Already approved: no change.
 */
export async function putOnShelf(merchantId: string, productId: string, now = new Date()): Promise<MerchantProductView> {
  const loaded = await loadOwnProduct(merchantId, productId);
  const { product } = loaded;
  if (product.status === 'approved') return toView(loaded);
  if (product.status !== 'off_shelf') throw new ConflictError(`A ${product.status} product cannot be put on the shelf`);
  assertOffSaleAhead(product, now);
  if (relistStatus(product) === 'submitted') return transition(loaded, { to: 'submitted', now, set: { submittedAt: iso(now) } });
  const merchant = await readMerchant(merchantId);
  return transition(loaded, { to: 'approved', now, set: { storeSelling: storeSells(merchant.status) }, extra: (p) => scheduleWrites(p, now) });
}

/** AP31: the merchant's products, newest change first, one status tab or all. */
export async function listMerchantProducts(
  merchantId: string,
  opts: { status?: ProductStatus; limit?: number; cursor?: string } = {},
): Promise<{ items: MerchantProductRow[]; nextCursor: string | null }> {
  const p = keys.merchantProductsPrefix(merchantId, opts.status);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byOwner,
      KeyConditionExpression: p.GSI1SKPrefix ? 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: p.GSI1SKPrefix ? { ':pk': p.GSI1PK, ':prefix': p.GSI1SKPrefix } : { ':pk': p.GSI1PK },
      ScanIndexForward: false,
      Limit: opts.limit ?? 20,
      ExclusiveStartKey: decodeCursor(opts.cursor, { GSI1PK: p.GSI1PK }),
    }),
  );
  return { items: (out.Items ?? []).map((i) => toRow(ProductItem.parse(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/** AP32: products in a status, oldest status change first (the review queue is `submitted`). */
export async function listProductsByStatus(
  status: ProductStatus,
  opts: { limit?: number; cursor?: string } = {},
): Promise<{ items: MerchantProductRow[]; nextCursor: string | null }> {
  const p = keys.productStatusIndex(status);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': p.GSI2PK },
      ScanIndexForward: true,
      Limit: opts.limit ?? 20,
      ExclusiveStartKey: decodeCursor(opts.cursor, { GSI2PK: p.GSI2PK }),
    }),
  );
  return { items: (out.Items ?? []).map((i) => toRow(ProductItem.parse(i))), nextCursor: encodeCursor(out.LastEvaluatedKey) };
}

/**
 * A store's selling status changed (open/warned sell; suspended/closed do not): every product of the
 * store gets `storeSelling` and a recomputed `onSale`. Idempotent (sets absolute values); a product
 * changed meanwhile is re-read and retried.
 */
export async function setStoreSelling(merchantId: string, selling: boolean, now = new Date()): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  do {
    const page = await listMerchantProducts(merchantId, { limit: 100, cursor });
    for (const row of page.items) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { product } = await loadProduct(row.id);
        if (product.storeSelling === selling) break;
        const onSale = isOnSale({ ...product, storeSelling: selling }, now);
        try {
          await db().send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Update: {
                    TableName: tableName(),
                    Key: keys.product(product.id),
                    UpdateExpression: 'SET storeSelling = :sell, onSale = :on',
                    ConditionExpression: '#status = :status AND version = :v',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':sell': selling, ':on': onSale, ':status': product.status, ':v': product.version },
                  },
                },
              ],
            }),
          );
          changed += 1;
          break;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
        }
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return changed;
}
