import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import { approveProduct, createProduct, submitProduct } from '../../functions/catalog/products';
import { adjustStock, sumPostings } from '../../functions/catalog/stock';
import { ProductItem } from '../../functions/catalog/items';
import { handler as runSchedule } from '../../functions/catalog/run-product-schedule';
import { categories, content, merchantWithOwner } from './catalog-fixtures';

// the machine may be busy (DynamoDB Local, simulators): give hooks and tests room
jest.setTimeout(60_000);

const readProduct = async (id: string) =>
  ProductItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(id), ConsistentRead: true }))).Item);
const at = (base: number, minutes: number): string => new Date(base + minutes * 60_000).toISOString();

it('AP35 listScheduledChanges: an approved product goes on sale at onSaleAt and off-shelf at offSaleAt, once, keeping its history', async () => {
  const { merchantId, owner } = await merchantWithOwner('Schedule');
  const { leafId } = await categories();
  const t0 = Date.now();
  const p = await createProduct(merchantId, content(merchantId, leafId, { onSaleAt: at(t0, 60), offSaleAt: at(t0, 120) }), owner.id);
  await submitProduct(merchantId, p.id);
  const approved = await approveProduct(p.id);
  expect(approved).toMatchObject({ status: 'approved', onSale: false });
  const entries = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      FilterExpression: 'productId = :pid',
      ExpressionAttributeValues: { ':pk': 'PRODUCT_SCHEDULE', ':pid': p.id },
    }),
  );
  expect(entries.Items?.map((e) => `${e.which}@${e.at}`).sort()).toEqual([`off@${at(t0, 120)}`, `on@${at(t0, 60)}`]);

  await runSchedule({ time: at(t0, 30) });
  expect((await readProduct(p.id)).onSale).toBe(false);

  await runSchedule({ time: at(t0, 61) });
  expect(await readProduct(p.id)).toMatchObject({ status: 'approved', onSale: true });
  const version = (await readProduct(p.id)).updatedAt;
  await runSchedule({ time: at(t0, 62) });
  expect((await readProduct(p.id)).updatedAt).toBe(version);

  await adjustStock(p.skus[0]!.id, -1, 'order', 'sched-order', 'system');
  await runSchedule({ time: at(t0, 121) });
  const off = await readProduct(p.id);
  expect(off).toMatchObject({ status: 'off_shelf', onSale: false, approvedVersion: 1 });
  await runSchedule({ time: at(t0, 122) });
  expect((await readProduct(p.id)).statusChangedAt).toBe(off.statusChangedAt);
  // history stays: SKUs, stock and postings
  expect(await sumPostings(p.skus[0]!.id)).toEqual({ sum: 9, count: 2 });
  const left = await db().send(
    new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.productSchedule(p.id, 'on').PK } }),
  );
  expect(left.Items).toEqual([]);
});

it('refuses an off-sale time in the past or before the on-sale time', async () => {
  const { merchantId, owner } = await merchantWithOwner('Schedule bad');
  const { leafId } = await categories();
  const t0 = Date.now();
  await expect(createProduct(merchantId, content(merchantId, leafId, { offSaleAt: at(t0, -5) }), owner.id)).rejects.toMatchObject({
    status: 400,
    extra: { fields: { 'body.offSaleAt': expect.any(String) } },
  });
  await expect(createProduct(merchantId, content(merchantId, leafId, { onSaleAt: at(t0, 60), offSaleAt: at(t0, 30) }), owner.id)).rejects.toMatchObject({
    status: 400,
  });
});

it('an approved product with an on-sale time already past is on sale at once', async () => {
  const { merchantId, owner } = await merchantWithOwner('Schedule past');
  const { leafId } = await categories();
  const p = await createProduct(merchantId, content(merchantId, leafId, { onSaleAt: at(Date.now(), -10) }), owner.id);
  await submitProduct(merchantId, p.id);
  await expect(approveProduct(p.id)).resolves.toMatchObject({ onSale: true });
});
