import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportReport, ImportSummaryPage, UploadTicket } from '@wxshop/shared';
import { tableDigest, ownTable } from '../support/integration-env';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { getMerchantProduct, listMerchantProducts } from '../../functions/catalog/products';
import { handler as importRoute } from '../../functions/catalog/import-products';
import { handler as reportRoute } from '../../functions/catalog/get-import-report';
import { handler as listReportsRoute } from '../../functions/catalog/list-import-reports';
import { handler as uploadRoute } from '../../functions/catalog/create-product-upload';
import { put, withUploads } from './merchants-support';
import { categories, imageKey, merchantWithOwner, uniqueCode, type Actor } from './catalog-fixtures';

// whole-table digests below: this file writes to a table of its own
ownTable('import');

// the machine may be busy (DynamoDB Local, simulators): give hooks and tests room
jest.setTimeout(60_000);

let merchantId: string;
let owner: Actor;
let leafId: string;
let parentId: string;
let s3: { stop(): Promise<void> };

beforeAll(async () => {
  s3 = await withUploads();
  ({ merchantId, owner } = await merchantWithOwner('Import'));
  ({ leafId, parentId } = await categories());
});
afterAll(() => s3.stop());

const HEADER =
  'handle,title_zh,title_en,description_zh,category_id,image_keys,tags,spec1_name,spec1_value,sku_code,price,market_price,stock,low_stock_threshold';

const codeExists = async (code: string) => Boolean((await db().send(new GetCommand({ TableName: tableName(), Key: keys.skuCode(merchantId, code) }))).Item);

it('AP36 getImportReport: imports the good products as drafts, refuses the bad ones with their line and column, writes nothing for them, and keeps the report', async () => {
  const img = imageKey(merchantId);
  const [g1, g2, b1, b2, c1, c2] = [uniqueCode('G'), uniqueCode('G'), uniqueCode('B'), uniqueCode('B'), uniqueCode('C'), uniqueCode('C')];
  const csv = [
    `\uFEFF${HEADER}`,
    `tee,"纯棉T恤, 经典款",Classic tee,"舒适 ""透气""",${leafId},${img},cotton|夏季,颜色,红,${g1},19.90,29.90,10,3`,
    `tee,,,,,,,,蓝,${g2},21.50,,5,`,
    `mug,马克杯,,陶瓷,${leafId},${img},,颜色,白,${b1},abc,,1,`,
    `mug,,,,,,,,黑,${b2},9.9,,1,`,
    `cap,帽子,,棉,${parentId},${img},,,,${c1},5,,1,`,
    `hat,帽子2,,棉,${leafId},${img},,,,${g1},5,,1,`,
    `,无句柄,,x,${leafId},${img},,,,${c2},5,,1,`,
  ].join('\r\n');
  const res = await invoke<ImportReport>(importRoute, { params: { merchantId }, body: { csv }, token: await owner.token() });
  expect(res.status).toBe(201);
  const report = res.body;
  expect(report).toMatchObject({ rows: 7, accepted: 1, refused: 3 });
  expect(report.errors).toEqual([{ line: 8, column: 'handle', message: 'required' }]);
  const byHandle = Object.fromEntries(report.products.map((p) => [p.handle, p]));
  expect(byHandle.tee).toMatchObject({ accepted: true, lines: [2, 3], errors: [] });
  expect(byHandle.mug).toMatchObject({ accepted: false, productId: null });
  expect(byHandle.mug!.errors).toContainEqual(expect.objectContaining({ line: 4, column: 'price' }));
  expect(byHandle.cap!.errors).toContainEqual(expect.objectContaining({ line: 6, column: 'category_id' }));
  expect(byHandle.hat!.errors).toContainEqual(expect.objectContaining({ line: 7, column: 'sku_code', message: expect.stringMatching(/already used/) }));

  const created = await getMerchantProduct(merchantId, byHandle.tee!.productId!);
  expect(created).toMatchObject({
    status: 'draft',
    title: { 'zh-CN': '纯棉T恤, 经典款', en: 'Classic tee' },
    description: { 'zh-CN': '舒适 "透气"' },
    tags: ['cotton', '夏季'],
  });
  expect(created.skus.map((s) => [s.specValues[0], s.code, s.price.amount, s.marketPrice?.amount ?? null, s.stock, s.lowStockThreshold])).toEqual([
    ['红', g1, 1990, 2990, 10, 3],
    ['蓝', g2, 2150, null, 5, 0],
  ]);
  const postings = await db().send(
    new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `STOCK#${created.skus[0]!.id}` } }),
  );
  expect(postings.Items?.[0]).toMatchObject({ reason: 'initial', reference: `import:${report.id}` });
  // refused products wrote nothing
  expect(await codeExists(b2)).toBe(false);
  expect(await codeExists(c1)).toBe(false);
  expect((await listMerchantProducts(merchantId)).items.map((p) => p.id)).toEqual([created.id]);

  const again = await invoke<ImportReport>(reportRoute, { method: 'GET', params: { merchantId, importId: report.id }, token: await owner.token() });
  expect(again.status).toBe(200);
  expect(again.body).toEqual(report);
});

it("answers 404 for another merchant's import report", async () => {
  const other = await merchantWithOwner('Import other');
  const res = await invoke<ImportReport>(importRoute, { params: { merchantId }, body: { csv: `${HEADER}\n` }, token: await owner.token() });
  const read = await invoke(reportRoute, { method: 'GET', params: { merchantId: other.merchantId, importId: res.body.id }, token: await other.owner.token() });
  expect(read.status).toBe(404);
});

it("AP36 listImportReports: the store's imports newest first, counts only, paged; another store sees none of them", async () => {
  // Prepare: a store of its own with three imports
  const store = await merchantWithOwner('Import list');
  const token = await store.owner.token();
  const made: string[] = [];
  for (let i = 0; i < 3; i += 1)
    made.push((await invoke<ImportReport>(importRoute, { params: { merchantId: store.merchantId }, body: { csv: `${HEADER}\n` }, token })).body.id);
  // Act
  const first = await invoke<ImportSummaryPage>(listReportsRoute, { method: 'GET', params: { merchantId: store.merchantId }, query: { limit: '2' }, token });
  const rest = await invoke<ImportSummaryPage>(listReportsRoute, {
    method: 'GET',
    params: { merchantId: store.merchantId },
    query: { limit: '2', cursor: first.body.nextCursor! },
    token,
  });
  const foreign = await invoke(listReportsRoute, { method: 'GET', params: { merchantId: store.merchantId }, token: await owner.token() });
  // Assert
  expect([...first.body.items, ...rest.body.items].map((r) => r.id)).toEqual([...made].reverse());
  expect(first.body.items[0]).toEqual({ id: made[2], createdAt: expect.any(String), createdBy: store.owner.id, rows: 0, accepted: 0, refused: 0 });
  expect(rest.body.nextCursor).toBeNull();
  expect(foreign.status).toBe(404);
});

it('imports nothing from a file with an unknown column or a missing required one', async () => {
  const token = await owner.token();
  const before = (await listMerchantProducts(merchantId, { limit: 100 })).items.length;
  const res = await invoke<ImportReport>(importRoute, {
    params: { merchantId },
    body: { csv: `handle,title_zh,colour\nx,y,z\n` },
    token,
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ accepted: 0, products: [] });
  expect(res.body.errors).toEqual(
    expect.arrayContaining([
      { line: 1, column: 'colour', message: 'unknown column' },
      { line: 1, column: 'price', message: 'required column missing' },
    ]),
  );
  expect((await listMerchantProducts(merchantId, { limit: 100 })).items.length).toBe(before);
});

it('refuses an uploaded file key outside the store import folder, writing nothing', async () => {
  const token = await owner.token();
  const before = await tableDigest();
  const res = await invoke<{ error: { fields: Record<string, string> } }>(importRoute, {
    params: { merchantId },
    body: { key: `merchants/${merchantId}/products/x.jpg` },
    token,
  });
  expect(res.status).toBe(400);
  expect(res.body.error.fields['body.key']).toBeDefined();
  expect((await invoke(importRoute, { params: { merchantId }, body: { csv: 'a', key: 'b' }, token })).status).toBe(400);
  expect(await tableDigest()).toBe(before);
});

it('imports a CSV uploaded through a presigned PUT (text/csv, by key)', async () => {
  const code = uniqueCode('UP');
  const csv = Buffer.from(`${HEADER}\nup,上传的商品,,描述,${leafId},${imageKey(merchantId)},,,,${code},8.80,,3,\n`, 'utf8');
  const token = await owner.token();
  const ticket = await invoke<UploadTicket>(uploadRoute, { params: { merchantId }, body: { contentType: 'text/csv', size: csv.length }, token });
  expect(ticket.status).toBe(200);
  expect(ticket.body.key).toMatch(new RegExp(`^merchants/${merchantId}/products/imports/[0-9A-Z]{26}\\.csv$`));
  expect(await put(ticket.body, csv)).toBe(200);
  const res = await invoke<ImportReport>(importRoute, { params: { merchantId }, body: { key: ticket.body.key }, token });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ rows: 1, accepted: 1, refused: 0 });
  expect(await codeExists(code)).toBe(true);
});
