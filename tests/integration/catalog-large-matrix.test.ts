import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MerchantProductView, ProductContentInput, ProductDetail, StockPosting } from '@wxshop/shared';
import '../support/integration-env';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { checkStockReconciles } from '../../functions/catalog/stock';
import { approveProduct, createProduct, submitProduct, updateProduct } from '../../functions/catalog/products';
import { handler as createRoute } from '../../functions/catalog/create-product';
import { handler as updateRoute } from '../../functions/catalog/update-product';
import { handler as getRoute } from '../../functions/catalog/get-merchant-product';
import { handler as reviewRoute } from '../../functions/catalog/get-product-for-review';
import { handler as adjustRoute } from '../../functions/catalog/adjust-sku-stock';
import { handler as detailRoute } from '../../functions/browse/get-product';
import { categories, imageKey, merchantWithOwner, reviewer, uniqueCode, type Actor } from './catalog-fixtures';

// ADR 0037: products larger than one transaction (100 items) are written in chunks, the product item last
jest.setTimeout(180_000);

let merchantId: string;
let owner: Actor;
let leafId: string;

beforeAll(async () => {
  ({ merchantId, owner } = await merchantWithOwner('Large matrix'));
  ({ leafId } = await categories());
});

const COLOURS = ['黑', '白', '红', '蓝', '绿'];
const SIZES = Array.from({ length: 40 }, (_, i) => `${35 + i * 0.5}`);

/** 5 colours x 40 sizes = 200 SKUs, stock 3 each, prices by size. */
function matrix(codePrefix: string, sizes = SIZES): ProductContentInput {
  return {
    title: { 'zh-CN': '跑鞋', en: 'Running shoe' },
    description: { 'zh-CN': '轻量缓震' },
    categoryId: leafId,
    imageKeys: [imageKey(merchantId)],
    specs: [
      { name: { 'zh-CN': '颜色' }, values: COLOURS.map((c) => ({ 'zh-CN': c })) },
      { name: { 'zh-CN': '尺码' }, values: sizes.map((s) => ({ 'zh-CN': s })) },
    ],
    skus: COLOURS.flatMap((_, c) => sizes.map((__, s) => ({ specIndexes: [c, s], code: `${codePrefix}-${c}-${s}`, price: 30_000 + s * 100, initialStock: 3 }))),
  };
}

it('a 5 x 40 matrix (200 SKUs) is created, updated, reviewed, read on the detail route and its stock adjusted', async () => {
  const token = await owner.token();
  const prefix = uniqueCode('SHOE');
  const body = matrix(prefix);
  expect(body.skus).toHaveLength(200);

  // create: 200 SKUs + 200 codes + 200 postings + product + category count = 602 items, in chunks
  const created = await invoke<MerchantProductView>(createRoute, { params: { merchantId }, body, token });
  expect(created.status).toBe(201);
  expect(created.body.skus).toHaveLength(200);
  const productId = created.body.id;
  const read = await invoke<MerchantProductView>(getRoute, { method: 'GET', params: { merchantId, productId }, token });
  expect(read.body.skus).toHaveLength(200);
  expect(read.body.skus.every((s) => s.stock === 3)).toBe(true);
  const product = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(productId), ConsistentRead: true }))).Item!;
  expect(product).toMatchObject({ stockedSkuCount: 200, inStock: true, version: 1 });
  expect(product.editLease).toBeUndefined();

  // a second product may not reuse one of its codes: 400 on that SKU's field, nothing of it written
  const clash = matrix(uniqueCode('OTHER'));
  clash.skus[150] = { ...clash.skus[150]!, code: `${prefix}-3-30` };
  const refused = await invoke<{ error: { fields: Record<string, string> } }>(createRoute, { params: { merchantId }, body: clash, token });
  expect(refused.status).toBe(400);
  expect(Object.keys(refused.body.error.fields)).toEqual(['body.skus.150.code']);
  const freeCode = await db().send(new GetCommand({ TableName: tableName(), Key: keys.skuCode(merchantId, clash.skus[0]!.code), ConsistentRead: true }));
  expect(freeCode.Item).toBeUndefined();

  // update: new prices for every SKU, 10 sizes dropped, 10 sizes added (kept SKUs keep their id and stock)
  const sizes = [...SIZES.slice(10), ...Array.from({ length: 10 }, (_, i) => `${60 + i}`)];
  const next = matrix(prefix, sizes);
  next.skus = next.skus.map((s) => ({ ...s, price: s.price + 1 }));
  const keptId = read.body.skus.find((s) => s.code === `${prefix}-0-10`)!.id;
  const updated = await invoke<MerchantProductView>(updateRoute, { method: 'PUT', params: { merchantId, productId }, body: next, token });
  expect(updated.status).toBe(200);
  const after = await invoke<MerchantProductView>(getRoute, { method: 'GET', params: { merchantId, productId }, token });
  const active = after.body.skus.filter((s) => !s.removed);
  expect(active).toHaveLength(200);
  expect(after.body.skus.filter((s) => s.removed)).toHaveLength(50);
  expect(after.body.version).toBe(2);
  const kept = after.body.skus.find((s) => s.code === `${prefix}-0-0` && !s.removed)!;
  expect(kept.id).toBe(keptId);
  expect(kept.price.amount).toBe(30_001);
  const afterItem = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(productId), ConsistentRead: true }))).Item!;
  expect(afterItem).toMatchObject({ stockedSkuCount: 200, version: 2 });
  expect(afterItem.editLease).toBeUndefined();

  // review and the shopper's detail page
  await submitProduct(merchantId, productId);
  const operator = await reviewer();
  const review = await invoke<MerchantProductView>(reviewRoute, { method: 'GET', params: { productId }, token: await operator.token() });
  expect(review.status).toBe(200);
  expect(review.body.skus.filter((s) => !s.removed)).toHaveLength(200);
  await approveProduct(productId);
  const detail = await invoke<ProductDetail>(detailRoute, { method: 'GET', path: `/products/${productId}`, params: { productId } });
  expect(detail.status).toBe(200);
  expect(detail.body.skus).toHaveLength(200);

  // stock: one item per SKU, adjusted through the merchant route
  const sku = active[199]!;
  const adjusted = await invoke<StockPosting>(adjustRoute, { params: { merchantId, productId, skuId: sku.id }, body: { delta: -3 }, token });
  expect(adjusted.status).toBe(201);
  expect(adjusted.body.balance).toBe(sku.stock - 3);
  expect(await checkStockReconciles(active.map((s) => ({ productId, skuId: s.id })))).toEqual([]);
});

it('a save that did not complete (its edit lease left on the product) blocks submit until a save completes; a live lease blocks other saves', async () => {
  const body = matrix(uniqueCode('LEASE'), SIZES.slice(0, 2));
  const made = await createProduct(merchantId, body, owner.id);
  const setLease = (expiresAt: string) =>
    db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.product(made.id),
        UpdateExpression: 'SET editLease = :l',
        ExpressionAttributeValues: { ':l': { leaseId: 'crashed', expiresAt } },
      }),
    );
  await setLease(new Date(Date.now() + 60_000).toISOString());
  await expect(updateProduct(merchantId, made.id, body, owner.id)).rejects.toMatchObject({ status: 409 });
  await expect(submitProduct(merchantId, made.id)).rejects.toMatchObject({ status: 409 });
  await setLease(new Date(Date.now() - 1_000).toISOString());
  await expect(submitProduct(merchantId, made.id)).rejects.toMatchObject({ status: 409 });
  // the next save takes the expired lease over and completes: the product can go to review again
  await updateProduct(merchantId, made.id, body, owner.id);
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(made.id), ConsistentRead: true }))).Item!;
  expect(item.editLease).toBeUndefined();
  expect((await submitProduct(merchantId, made.id)).status).toBe('submitted');
});
