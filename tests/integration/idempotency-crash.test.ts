import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MerchantProductView, StockPosting } from '@wxshop/shared';
import '../support/integration-env';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { createProduct } from '../../functions/catalog/products';
import { SkuItem } from '../../functions/catalog/items';
import { acknowledgedStockRequests, postingsOncePerReference, scanTable } from '../../functions/ops/reconcile';
import { handler as adjustRoute } from '../../functions/catalog/adjust-sku-stock';
import { categories, content, merchantWithOwner, type Actor } from './catalog-fixtures';

/**
 * Exactly once after a crash: the handler's write lands, the process dies before the Idempotency-Key
 * record is completed (IDEMPOTENCY_FAULT, a hook only tests set), the record stays in_progress, and a
 * retry with the same key after the takeover time (IDEMPOTENCY_TAKEOVER_S, 60 s in production) runs
 * the handler again. The effect must still be there exactly once.
 */
jest.setTimeout(60_000);

let merchantId: string;
let owner: Actor;
let leafId: string;

beforeAll(async () => {
  ({ merchantId, owner } = await merchantWithOwner('Crash'));
  ({ leafId } = await categories());
});

afterEach(() => {
  delete process.env.IDEMPOTENCY_FAULT;
  delete process.env.IDEMPOTENCY_TAKEOVER_S;
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function singleSku(stock: number): Promise<MerchantProductView> {
  const base = content(merchantId, leafId);
  return createProduct(merchantId, { ...base, specs: [], skus: [{ ...base.skus[0]!, specIndexes: [], initialStock: stock }] }, owner.id);
}

const postingsOf = async (skuId: string): Promise<Record<string, unknown>[]> =>
  (
    await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.stockPosting(skuId, 'x').PK, ':p': keys.stockPosting(skuId, '').SK },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

describe('an Idempotency-Key whose request crashed after its write', () => {
  it('adjust-sku-stock: the retry after the takeover time applies the adjustment once and answers with its posting', async () => {
    // Prepare
    const p = await singleSku(5);
    const skuId = p.skus[0]!.id;
    const params = { merchantId, productId: p.id, skuId };
    const token = await owner.token();
    const request = { params, body: { delta: 6, note: '到货' }, token, headers: { 'Idempotency-Key': `crash-${skuId}` } };
    process.env.IDEMPOTENCY_TAKEOVER_S = '1';
    // Act 1: the write lands, then the "host" dies before the record is completed
    process.env.IDEMPOTENCY_FAULT = 'crash-before-complete';
    const crashed = await invoke(adjustRoute, request);
    delete process.env.IDEMPOTENCY_FAULT;
    const record = await db().send(
      new GetCommand({ TableName: tableName(), Key: keys.idempotency('adjust-sku-stock', owner.id, `crash-${skuId}`), ConsistentRead: true }),
    );
    const early = await invoke(adjustRoute, request);
    await sleep(2_200); // the takeover compares whole seconds (startedAt < now - 1)
    // Act 2: the client retries with the same key after the takeover time
    const retried = await invoke<StockPosting>(adjustRoute, request);
    const again = await invoke<StockPosting>(adjustRoute, request);
    // Assert
    expect(crashed.status).toBe(500);
    expect(record.Item).toMatchObject({ status: 'in_progress' });
    expect(early.status).toBe(409);
    expect(retried.status).toBe(201);
    const sku = SkuItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(p.id, skuId), ConsistentRead: true }))).Item);
    expect(sku.stock).toBe(11);
    const postings = await postingsOf(skuId);
    expect(postings.map((x) => x.reason).sort()).toEqual(['adjustment', 'initial']);
    const adjustment = postings.find((x) => x.reason === 'adjustment')!;
    expect(retried.body).toMatchObject({ id: adjustment.id, delta: 6, balance: 11 });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed'] ?? again.headers['Idempotent-Replayed']).toBe('true');
    expect(again.body.id).toBe(adjustment.id);
    const table = await scanTable();
    const mine = (d: { key: string; detail: string }[]): string[] =>
      d.filter((x) => x.key.includes(skuId) || x.key.includes(`crash-${skuId}`)).map((x) => x.detail);
    expect(mine(await postingsOncePerReference.run(table))).toEqual([]);
    expect(mine(await acknowledgedStockRequests.run(table))).toEqual([]);
  });
});
