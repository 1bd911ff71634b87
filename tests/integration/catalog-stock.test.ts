import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MerchantProductView, StockPosting } from '@wxshop/shared';
import { tableDigest, ownTable } from '../support/integration-env';
import { invoke } from '../support/lambda';
import { db, dynamoCallCount, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { createProduct } from '../../functions/catalog/products';
import { adjustOwnStock, adjustStock, checkStockReconciles, sumPostings } from '../../functions/catalog/stock';
import { ProductItem, SkuItem } from '../../functions/catalog/items';
import { handler as adjustRoute } from '../../functions/catalog/adjust-sku-stock';
import { handler as postingsRoute } from '../../functions/catalog/list-stock-postings';
import { account, categories, content, merchantWithOwner, type Actor } from './catalog-fixtures';

// whole-table digests below: this file writes to a table of its own
ownTable('stock');

// the machine may be busy (DynamoDB Local, simulators): give hooks and tests room
jest.setTimeout(60_000);

let merchantA: string;
let merchantB: string;
let ownerA: Actor;
let ownerB: Actor;
let leafId: string;

beforeAll(async () => {
  ({ merchantId: merchantA, owner: ownerA } = await merchantWithOwner('Stock A'));
  ({ merchantId: merchantB, owner: ownerB } = await merchantWithOwner('Stock B'));
  ({ leafId } = await categories());
});

const readSku = async (productId: string, skuId: string) =>
  SkuItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(productId, skuId), ConsistentRead: true }))).Item);
const readProduct = async (productId: string) =>
  ProductItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(productId), ConsistentRead: true }))).Item);

/** One SKU with the given stock. */
async function singleSku(merchantId: string, ownerId: string, stock: number, lowStockThreshold = 0): Promise<MerchantProductView> {
  const base = content(merchantId, leafId);
  return createProduct(merchantId, { ...base, specs: [], skus: [{ ...base.skus[0]!, specIndexes: [], initialStock: stock, lowStockThreshold }] }, ownerId);
}

it('AP33 listStockPostings: the initial stock is a posting, and the SKU stock is the sum of its postings', async () => {
  const p = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
  const sku = p.skus[0]!;
  const postings = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `STOCK#${sku.id}`, ':p': 'POSTING#' },
    }),
  );
  expect(postings.Items).toHaveLength(1);
  expect(postings.Items![0]).toMatchObject({ reason: 'initial', delta: 10, balance: 10, actorId: ownerA.id });
  expect(await checkStockReconciles([{ productId: p.id, skuId: sku.id }])).toEqual([]);
});

it('50 concurrent adjustStock(-1) against stock 20 sell exactly 20, and the postings sum to the stock', async () => {
  const p = await singleSku(merchantA, ownerA.id, 20);
  const skuId = p.skus[0]!.id;
  const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => adjustStock(skuId, -1, 'order', `order-${i}`, 'system')));
  const sold = results.filter((r) => r.status === 'fulfilled');
  expect(sold).toHaveLength(20);
  expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.status === 422)).toBe(true);
  const sku = await readSku(p.id, skuId);
  expect(sku.stock).toBe(0);
  expect(await sumPostings(skuId)).toEqual({ sum: 0, count: 21 });
  const balances = sold.map((r) => (r as PromiseFulfilledResult<StockPosting>).value.balance).sort((a, b) => a - b);
  expect(balances).toEqual(Array.from({ length: 20 }, (_, i) => i));
  // the last unit sold flipped the product out of stock, in the same transaction
  expect(await readProduct(p.id)).toMatchObject({ inStock: false, stockedSkuCount: 0 });
  expect(await checkStockReconciles([{ productId: p.id, skuId }])).toEqual([]);
}, 180_000);

it('50 concurrent merchant adjustments (-1) against stock 20 sell exactly 20 with exact balances, never retrying on contention', async () => {
  const p = await singleSku(merchantA, ownerA.id, 20);
  const skuId = p.skus[0]!.id;
  const callsBefore = dynamoCallCount();
  const results = await Promise.allSettled(Array.from({ length: 50 }, () => adjustOwnStock(merchantA, p.id, skuId, { delta: -1 }, ownerA.id)));
  const calls = dynamoCallCount() - callsBefore;
  const sold = results.filter((r) => r.status === 'fulfilled');
  expect(sold).toHaveLength(20);
  expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.status === 422)).toBe(true);
  // one conditional UpdateItem per attempt; a sale settles with the posting Put and the pending copy's
  // removal (2 calls), the product's last stocked unit with a transaction that first tries "other SKUs
  // remain in stock" (2 calls): no re-reads, no retries
  expect(calls).toBe(50 + 19 * 2 + 2);
  const sku = await readSku(p.id, skuId);
  expect(sku.stock).toBe(0);
  expect(await sumPostings(skuId)).toEqual({ sum: 0, count: 21 });
  const balances = sold.map((r) => (r as PromiseFulfilledResult<StockPosting>).value.balance).sort((a, b) => a - b);
  expect(balances).toEqual(Array.from({ length: 20 }, (_, i) => i));
  expect(await readProduct(p.id)).toMatchObject({ inStock: false, stockedSkuCount: 0 });
  expect(await checkStockReconciles([{ productId: p.id, skuId }])).toEqual([]);
  // concurrent increments and decrements on a restocked SKU: the stock is the sum, never below zero
  const mixed = await Promise.allSettled(
    Array.from({ length: 40 }, (_, i) => adjustOwnStock(merchantA, p.id, skuId, { delta: i % 2 === 0 ? 3 : -2 }, ownerA.id)),
  );
  const applied = mixed.flatMap((r, i) => (r.status === 'fulfilled' ? [i % 2 === 0 ? 3 : -2] : []));
  expect((await readSku(p.id, skuId)).stock).toBe(applied.reduce((a, b) => a + b, 0));
  expect(await checkStockReconciles([{ productId: p.id, skuId }])).toEqual([]);
  expect((await readProduct(p.id)).inStock).toBe((await readSku(p.id, skuId)).stock > 0);
}, 180_000);

it('applies an order reference once: a retried order posting returns the first posting and changes nothing', async () => {
  const p = await singleSku(merchantA, ownerA.id, 5);
  const skuId = p.skus[0]!.id;
  const first = await adjustStock(skuId, -2, 'order', 'ORDER-1', 'system');
  const again = await Promise.all([adjustStock(skuId, -2, 'order', 'ORDER-1', 'system'), adjustStock(skuId, -2, 'order', 'ORDER-1', 'system')]);
  expect(again.map((a) => a.id)).toEqual([first.id, first.id]);
  expect((await readSku(p.id, skuId)).stock).toBe(3);
  // a cancellation of that order is its own reference
  await adjustStock(skuId, 2, 'cancel', 'ORDER-1', 'system');
  await adjustStock(skuId, 2, 'cancel', 'ORDER-1', 'system');
  expect((await readSku(p.id, skuId)).stock).toBe(5);
  await expect(adjustStock(skuId, -1, 'order', null, 'system')).rejects.toMatchObject({ status: 400 });
});

it('flips the product back in stock when a sold-out SKU is restocked', async () => {
  const p = await singleSku(merchantA, ownerA.id, 1);
  const skuId = p.skus[0]!.id;
  await adjustStock(skuId, -1, 'order', 'o-flip', 'system');
  expect((await readProduct(p.id)).inStock).toBe(false);
  await adjustStock(skuId, 3, 'adjustment', null, ownerA.id);
  expect(await readProduct(p.id)).toMatchObject({ inStock: true, stockedSkuCount: 1 });
});

describe('merchant stock routes', () => {
  it('adjust stock with a note, refuse going below zero with 422, and list postings newest first a page at a time', async () => {
    const p = await singleSku(merchantA, ownerA.id, 4);
    const skuId = p.skus[0]!.id;
    const params = { merchantId: merchantA, productId: p.id, skuId };
    const token = await ownerA.token();
    const added = await invoke<StockPosting>(adjustRoute, { params, body: { delta: 6, note: '到货' }, token, headers: { 'Idempotency-Key': `in-${skuId}` } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ delta: 6, balance: 10, reason: 'adjustment', note: '到货', actorId: ownerA.id });
    const replay = await invoke<StockPosting>(adjustRoute, { params, body: { delta: 6, note: '到货' }, token, headers: { 'Idempotency-Key': `in-${skuId}` } });
    expect(replay.body.id).toBe(added.body.id);
    const tooMuch = await invoke(adjustRoute, { params, body: { delta: -11 }, token });
    expect(tooMuch.status).toBe(422);
    await invoke(adjustRoute, { params, body: { delta: -3, note: '破损' }, token });
    expect((await readSku(p.id, skuId)).stock).toBe(7);
    const seen: StockPosting[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke<{ items: StockPosting[]; nextCursor: string | null }>(postingsRoute, {
        method: 'GET',
        params,
        query: { limit: '2', ...(cursor ? { cursor } : {}) },
        token,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((s) => s.delta)).toEqual([-3, 6, 4]);
    expect(seen.map((s) => s.balance)).toEqual([7, 10, 4]);
  });

  it("answer 404 to merchant A's staff for merchant B's SKU, write nothing; 403 to a shopper", async () => {
    const p = await singleSku(merchantB, ownerB.id, 4);
    const skuId = p.skus[0]!.id;
    const shopper = await account('stock shopper');
    const [tokenA, tokenShopper] = [await ownerA.token(), await shopper.token()];
    const before = await tableDigest();
    const viaOwnPath = await invoke(adjustRoute, { params: { merchantId: merchantA, productId: p.id, skuId }, body: { delta: 5 }, token: tokenA });
    const viaTheirPath = await invoke(adjustRoute, { params: { merchantId: merchantB, productId: p.id, skuId }, body: { delta: 5 }, token: tokenA });
    const list = await invoke(postingsRoute, { method: 'GET', params: { merchantId: merchantA, productId: p.id, skuId }, token: tokenA });
    const asShopper = await invoke(adjustRoute, { params: { merchantId: merchantB, productId: p.id, skuId }, body: { delta: 5 }, token: tokenShopper });
    expect([viaOwnPath.status, viaTheirPath.status, list.status, asShopper.status]).toEqual([404, 404, 404, 403]);
    expect(await tableDigest()).toBe(before);
  });

  it('refuse a delta of 0 and a client-sent reason or balance', async () => {
    const p = await singleSku(merchantA, ownerA.id, 1);
    const params = { merchantId: merchantA, productId: p.id, skuId: p.skus[0]!.id };
    const token = await ownerA.token();
    for (const body of [{ delta: 0 }, { delta: 1, reason: 'return' }, { delta: 1, balance: 99 }, { delta: 1.5 }])
      expect((await invoke(adjustRoute, { params, body, token })).status).toBe(400);
  });
});
