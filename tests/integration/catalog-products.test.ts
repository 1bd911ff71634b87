import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MerchantProductView } from '@wxshop/shared';
import { tableDigest, ownTable } from '../support/integration-env';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import {
  approveProduct,
  createProduct,
  listMerchantProducts,
  putOnShelf,
  rejectProduct,
  submitProduct,
  takeOffShelf,
  updateProduct,
} from '../../functions/catalog/products';
import { ProductItem } from '../../functions/catalog/items';
import { handler as createRoute } from '../../functions/catalog/create-product';
import { handler as getRoute } from '../../functions/catalog/get-merchant-product';
import { handler as listRoute } from '../../functions/catalog/list-merchant-products';
import { handler as updateRoute } from '../../functions/catalog/update-product';
import { handler as deleteRoute } from '../../functions/catalog/delete-product';
import { handler as submitRoute } from '../../functions/catalog/submit-product';
import { handler as offShelfRoute } from '../../functions/catalog/take-product-off-shelf';
import { handler as onShelfRoute } from '../../functions/catalog/put-product-on-shelf';
import { handler as reviewQueueRoute } from '../../functions/catalog/list-products-for-review';
import { handler as approveRoute } from '../../functions/catalog/approve-product';
import { handler as rejectRoute } from '../../functions/catalog/reject-product';
import { handler as uploadRoute } from '../../functions/catalog/create-product-upload';
import { account, categories, content, merchantWithOwner, reviewer, uniqueCode, type Actor } from './catalog-fixtures';

// whole-table digests below: this file writes to a table of its own
ownTable('products');

// the machine may be busy (DynamoDB Local, simulators): give hooks and tests room
jest.setTimeout(60_000);

type ErrorAnswer = { error: { code: string; fields?: Record<string, string> } };

let merchantA: string;
let merchantB: string;
let ownerA: Actor;
let ownerB: Actor;
let shopper: Actor;
let admin: Actor;
let leafId: string;
let parentId: string;

beforeAll(async () => {
  ({ merchantId: merchantA, owner: ownerA } = await merchantWithOwner('Store A'));
  ({ merchantId: merchantB, owner: ownerB } = await merchantWithOwner('Store B', 'USD'));
  [shopper, admin] = await Promise.all([account('shopper'), reviewer()]);
  ({ leafId, parentId } = await categories());
});

const productItem = async (id: string) =>
  ProductItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(id), ConsistentRead: true }))).Item);

describe('creating a product', () => {
  it('AP30 getProductWithSkus: a draft is created with its SKU matrix, prices in the store currency, and read back in one query', async () => {
    const res = await invoke<MerchantProductView>(createRoute, {
      params: { merchantId: merchantB },
      body: content(merchantB, leafId),
      token: await ownerB.token(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      currency: 'USD',
      minPrice: { amount: 1990, currency: 'USD' },
      maxPrice: { amount: 2290, currency: 'USD' },
    });
    expect(res.body.skus).toHaveLength(4);
    expect(res.body.skus[0]).toMatchObject({
      specIndexes: [0, 0],
      specValues: ['红', 'S'],
      stock: 10,
      price: { amount: 1990, currency: 'USD' },
      marketPrice: { amount: 2990, currency: 'USD' },
    });
    const got = await invoke<MerchantProductView>(getRoute, {
      method: 'GET',
      params: { merchantId: merchantB, productId: res.body.id },
      token: await ownerB.token(),
    });
    expect(got.status).toBe(200);
    expect(got.body.skus.map((s) => s.id)).toEqual(res.body.skus.map((s) => s.id));
    const partition = await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `PRODUCT#${res.body.id}` } }),
    );
    expect(partition.Items?.map((i) => i.entity).sort()).toEqual(['Product', 'Sku', 'Sku', 'Sku', 'Sku']);
  });

  it('gives the merchant the video key back, so an edit that sends the content back keeps the video', async () => {
    // Prepare
    const token = await ownerA.token();
    const videoKey = `merchants/${merchantA}/products/01JVVVVVVVVVVVVVVVVVVVVVVV.mp4`;
    const body = content(merchantA, leafId, { videoKey });
    const made = await invoke<MerchantProductView>(createRoute, { params: { merchantId: merchantA }, body, token });
    // Act: what the editor does: read, then PUT the content it read back
    const read = await invoke<MerchantProductView>(getRoute, { method: 'GET', params: { merchantId: merchantA, productId: made.body.id }, token });
    const edited = await invoke<MerchantProductView>(updateRoute, {
      method: 'PUT',
      params: { merchantId: merchantA, productId: made.body.id },
      body: { ...body, videoKey: read.body.videoKey ?? undefined, skus: body.skus.map((s, i) => ({ ...s, code: read.body.skus[i]!.code })) },
      token,
    });
    // Assert
    expect(read.body.videoKey).toBe(videoKey);
    expect(read.body.videoUrl).toContain(videoKey);
    expect(edited.status).toBe(200);
    expect(edited.body.videoKey).toBe(videoKey);
  });

  it('keeps on the product item the fields the search index reads', async () => {
    const p = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    const item = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(p.id) }))).Item!;
    for (const field of [
      'status',
      'onSale',
      'merchantId',
      'categoryId',
      'title',
      'tags',
      'minPrice',
      'maxPrice',
      'currency',
      'inStock',
      'sales',
      'coverImageKey',
      'createdAt',
      'approvedAt',
    ])
      expect(item).toHaveProperty(field);
    expect(item).toMatchObject({ onSale: false, inStock: true, sales: 0, coverImageKey: p.imageKeys[0], approvedAt: null });
  });

  it.each([
    ['a price currency', { currency: 'USD' }],
    ['a status', { status: 'approved' }],
    ['a merchantId', { merchantId: '01J00000000000000000000000' }],
    ['a sales count', { sales: 1000 }],
  ])('rejects %s in the body with 400 and writes nothing', async (_what, extra) => {
    const token = await ownerA.token();
    const before = await tableDigest();
    const res = await invoke<ErrorAnswer>(createRoute, { params: { merchantId: merchantA }, body: { ...content(merchantA, leafId), ...extra }, token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(await tableDigest()).toBe(before);
  });

  it('rejects a price object on a SKU (prices are minor units in the store currency)', async () => {
    const body = content(merchantA, leafId);
    const res = await invoke<ErrorAnswer>(createRoute, {
      params: { merchantId: merchantA },
      body: { ...body, skus: body.skus.map((s) => ({ ...s, price: { amount: s.price, currency: 'USD' } })) },
      token: await ownerA.token(),
    });
    expect(res.status).toBe(400);
  });

  it('rejects SKUs that do not cover the matrix exactly, naming the fields', async () => {
    const body = content(merchantA, leafId);
    const token = await ownerA.token();
    const before = await tableDigest();
    const missing = await invoke<ErrorAnswer>(createRoute, { params: { merchantId: merchantA }, body: { ...body, skus: body.skus.slice(0, 3) }, token });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields?.['body.skus']).toMatch(/missing combination.*1-1/);
    const duplicate = await invoke<ErrorAnswer>(createRoute, {
      params: { merchantId: merchantA },
      body: { ...body, skus: [...body.skus.slice(0, 3), { ...body.skus[3]!, specIndexes: [0, 0] }] },
      token,
    });
    expect(duplicate.body.error.fields?.['body.skus.3.specIndexes']).toMatch(/duplicates/);
    const outOfRange = await invoke<ErrorAnswer>(createRoute, {
      params: { merchantId: merchantA },
      body: { ...body, skus: [...body.skus.slice(0, 3), { ...body.skus[3]!, specIndexes: [1, 2] }] },
      token,
    });
    expect(outOfRange.body.error.fields?.['body.skus.3.specIndexes']).toMatch(/out of range/);
    expect(await tableDigest()).toBe(before);
  });

  it('rejects a market price below the price', async () => {
    const body = content(merchantA, leafId);
    body.skus[1] = { ...body.skus[1]!, marketPrice: 100 };
    const res = await invoke<ErrorAnswer>(createRoute, { params: { merchantId: merchantA }, body, token: await ownerA.token() });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.['body.skus.1.marketPrice']).toBeDefined();
  });

  it('accepts only a leaf category', async () => {
    const res = await invoke<ErrorAnswer>(createRoute, { params: { merchantId: merchantA }, body: content(merchantA, parentId), token: await ownerA.token() });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.['body.categoryId']).toBeDefined();
  });

  it("refuses images that were not uploaded for this store (another store's prefix)", async () => {
    const res = await invoke<ErrorAnswer>(createRoute, {
      params: { merchantId: merchantA },
      body: content(merchantA, leafId, { imageKeys: [`merchants/${merchantB}/products/x.jpg`] }),
      token: await ownerA.token(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.['body.imageKeys.0']).toBeDefined();
  });

  it('AP34 getSkuByCode: concurrent products with one SKU code make exactly one, and the loser writes nothing', async () => {
    const code = uniqueCode('RACE');
    const bodies = Array.from({ length: 5 }, () => {
      const b = content(merchantA, leafId);
      b.skus[2] = { ...b.skus[2]!, code };
      return b;
    });
    const results = await Promise.allSettled(bodies.map((b) => createProduct(merchantA, b, ownerA.id)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 400, extra: { fields: { 'body.skus.2.code': expect.stringMatching(/already used/) } } });
    const owner = await db().send(new GetCommand({ TableName: tableName(), Key: keys.skuCode(merchantA, code) }));
    expect(owner.Item?.productId).toBe((won[0] as PromiseFulfilledResult<MerchantProductView>).value.id);
    // the same code is free in another store
    const other = content(merchantB, leafId);
    other.skus[0] = { ...other.skus[0]!, code };
    await expect(createProduct(merchantB, other, ownerB.id)).resolves.toMatchObject({ status: 'draft' });
  });

  it('answers a presigned upload under the store prefix for images, and refuses an oversized image', async () => {
    process.env.S3_ENDPOINT ??= 'http://127.0.0.1:1';
    const ok = await invoke<{ key: string; uploadUrl: string }>(uploadRoute, {
      params: { merchantId: merchantA },
      body: { contentType: 'image/webp', size: 1024 },
      token: await ownerA.token(),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.key).toMatch(new RegExp(`^merchants/${merchantA}/products/[0-9A-Z]{26}\\.webp$`));
    const big = await invoke(uploadRoute, {
      params: { merchantId: merchantA },
      body: { contentType: 'image/png', size: 6 * 1024 * 1024 },
      token: await ownerA.token(),
    });
    expect(big.status).toBe(400);
    const video = await invoke(uploadRoute, {
      params: { merchantId: merchantA },
      body: { contentType: 'video/mp4', size: 40 * 1024 * 1024 },
      token: await ownerA.token(),
    });
    expect(video.status).toBe(200);
  });
});

describe('other merchants and shoppers', () => {
  let productB: MerchantProductView;
  beforeAll(async () => {
    productB = await createProduct(merchantB, content(merchantB, leafId), ownerB.id);
  });

  it("answer 404 to staff of merchant A reading merchant B's product through A's path", async () => {
    const res = await invoke<ErrorAnswer>(getRoute, { method: 'GET', params: { merchantId: merchantA, productId: productB.id }, token: await ownerA.token() });
    expect(res.status).toBe(404);
  });

  it('answer 404 to staff of merchant A naming merchant B, and change nothing', async () => {
    const token = await ownerA.token();
    const before = await tableDigest();
    const read = await invoke(getRoute, { method: 'GET', params: { merchantId: merchantB, productId: productB.id }, token });
    const change = await invoke(updateRoute, {
      method: 'PUT',
      params: { merchantId: merchantA, productId: productB.id },
      body: content(merchantA, leafId),
      token,
    });
    const remove = await invoke(deleteRoute, { method: 'DELETE', params: { merchantId: merchantA, productId: productB.id }, token });
    const submit = await invoke(submitRoute, { params: { merchantId: merchantA, productId: productB.id }, token });
    expect([read.status, change.status, remove.status, submit.status]).toEqual([404, 404, 404, 404]);
    expect(await tableDigest()).toBe(before);
  });

  it('answer 403 to a shopper', async () => {
    const res = await invoke(createRoute, { params: { merchantId: merchantB }, body: content(merchantB, leafId), token: await shopper.token() });
    expect(res.status).toBe(403);
    expect((await invoke(listRoute, { method: 'GET', params: { merchantId: merchantB }, token: await shopper.token() })).status).toBe(403);
  });

  it('answer 403 to a shopper and a merchant on the review queue', async () => {
    for (const who of [shopper, ownerA]) expect((await invoke(reviewQueueRoute, { method: 'GET', token: await who.token() })).status).toBe(403);
    expect((await invoke(approveRoute, { params: { productId: productB.id }, token: await ownerB.token() })).status).toBe(403);
  });
});

describe('the review flow', () => {
  it('AP32 listProductsByStatus: submitted products wait oldest first; approve puts one on sale, reject returns the other with its reason', async () => {
    const first = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    const second = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    expect((await invoke(submitRoute, { params: { merchantId: merchantA, productId: first.id }, token: await ownerA.token() })).status).toBe(200);
    await submitProduct(merchantA, second.id);
    const queue: { id: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke<{ items: { id: string }[]; nextCursor: string | null }>(reviewQueueRoute, {
        method: 'GET',
        query: { limit: '2', ...(cursor ? { cursor } : {}) },
        token: await admin.token(),
      });
      expect(page.status).toBe(200);
      queue.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    const ids = queue.map((q) => q.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));

    const approved = await invoke<MerchantProductView>(approveRoute, {
      params: { productId: first.id },
      token: await admin.token(),
      headers: { 'Idempotency-Key': `approve-${first.id}` },
    });
    expect(approved.body).toMatchObject({ status: 'approved', onSale: true, approvedVersion: 1 });
    const replay = await invoke<MerchantProductView>(approveRoute, {
      params: { productId: first.id },
      token: await admin.token(),
      headers: { 'Idempotency-Key': `approve-${first.id}` },
    });
    expect(replay.status).toBe(200);
    expect(replay.headers['Idempotent-Replayed']).toBe('true');
    expect((await invoke(approveRoute, { params: { productId: first.id }, token: await admin.token() })).status).toBe(409);

    const rejected = await invoke<MerchantProductView>(rejectRoute, {
      params: { productId: second.id },
      body: { reason: '图片模糊' },
      token: await admin.token(),
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '图片模糊', onSale: false });
    const after = await invoke<{ items: { id: string }[] }>(reviewQueueRoute, { method: 'GET', query: { limit: '100' }, token: await admin.token() });
    expect(after.body.items.map((i) => i.id)).not.toContain(first.id);
    expect(after.body.items.map((i) => i.id)).not.toContain(second.id);
    expect((await productItem(first.id)).approvedAt).not.toBeNull();
  });

  it('a rejected product is edited and resubmitted', async () => {
    const p = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    await submitProduct(merchantA, p.id);
    await rejectProduct(p.id, 'title unclear');
    const edited = await updateProduct(merchantA, p.id, content(merchantA, leafId, { title: { 'zh-CN': '新标题' } }), ownerA.id);
    expect(edited).toMatchObject({ status: 'rejected', version: 2 });
    await expect(submitProduct(merchantA, p.id)).resolves.toMatchObject({ status: 'submitted' });
  });

  it('off-shelf and back: unchanged content is on sale again at once, changed content goes through review again', async () => {
    const body = content(merchantA, leafId);
    const p = await createProduct(merchantA, body, ownerA.id);
    await submitProduct(merchantA, p.id);
    await approveProduct(p.id);
    const off = await invoke<MerchantProductView>(offShelfRoute, { params: { merchantId: merchantA, productId: p.id }, token: await ownerA.token() });
    expect(off.body).toMatchObject({ status: 'off_shelf', onSale: false });
    const on = await invoke<MerchantProductView>(onShelfRoute, { params: { merchantId: merchantA, productId: p.id }, token: await ownerA.token() });
    expect(on.body).toMatchObject({ status: 'approved', onSale: true });

    await takeOffShelf(merchantA, p.id);
    await updateProduct(merchantA, p.id, { ...body, description: { 'zh-CN': '更新的描述' } }, ownerA.id);
    const relisted = await putOnShelf(merchantA, p.id);
    expect(relisted).toMatchObject({ status: 'submitted', version: 2, approvedVersion: 1, onSale: false });
    await expect(approveProduct(p.id)).resolves.toMatchObject({ status: 'approved', approvedVersion: 2, onSale: true });
  });

  it('refuses to edit a product under review or on sale (409)', async () => {
    const p = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    await submitProduct(merchantA, p.id);
    const res = await invoke<ErrorAnswer>(updateRoute, {
      method: 'PUT',
      params: { merchantId: merchantA, productId: p.id },
      body: content(merchantA, leafId),
      token: await ownerA.token(),
    });
    expect(res.status).toBe(409);
  });

  it('deletes only drafts', async () => {
    const draft = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    const submitted = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    await submitProduct(merchantA, submitted.id);
    expect(
      (await invoke(deleteRoute, { method: 'DELETE', params: { merchantId: merchantA, productId: submitted.id }, token: await ownerA.token() })).status,
    ).toBe(409);
    expect((await invoke(deleteRoute, { method: 'DELETE', params: { merchantId: merchantA, productId: draft.id }, token: await ownerA.token() })).status).toBe(
      200,
    );
    expect((await invoke(getRoute, { method: 'GET', params: { merchantId: merchantA, productId: draft.id }, token: await ownerA.token() })).status).toBe(404);
    // its codes are free again
    const again = content(merchantA, leafId);
    again.skus = again.skus.map((s, i) => ({ ...s, code: draft.skus[i]!.code }));
    await expect(createProduct(merchantA, again, ownerA.id)).resolves.toMatchObject({ status: 'draft' });
  });
});

describe('updating content', () => {
  it('keeps SKU ids and stock for unchanged combinations, adds new ones, disables removed ones', async () => {
    const body = content(merchantA, leafId);
    const p = await createProduct(merchantA, body, ownerA.id);
    const idOf = (values: string[]) => p.skus.find((s) => JSON.stringify(s.specValues) === JSON.stringify(values))!.id;
    // drop size S, add size L; colours stay
    const next = content(merchantA, leafId, {
      specs: [body.specs[0]!, { name: { 'zh-CN': '尺码' }, values: [{ 'zh-CN': 'M' }, { 'zh-CN': 'L' }] }],
      skus: [
        { specIndexes: [0, 0], code: body.skus[1]!.code, price: 2500 },
        { specIndexes: [0, 1], code: uniqueCode(), price: 2600, initialStock: 5 },
        { specIndexes: [1, 0], code: body.skus[3]!.code, price: 2700 },
        { specIndexes: [1, 1], code: uniqueCode(), price: 2800 },
      ],
    });
    const res = await invoke<MerchantProductView>(updateRoute, {
      method: 'PUT',
      params: { merchantId: merchantA, productId: p.id },
      body: next,
      token: await ownerA.token(),
    });
    expect(res.status).toBe(200);
    const after = res.body;
    expect(after.version).toBe(2);
    const red_M = after.skus.find((s) => s.specValues.join() === '红,M')!;
    expect(red_M).toMatchObject({ id: idOf(['红', 'M']), stock: 10, price: { amount: 2500 }, specIndexes: [0, 0], enabled: true });
    expect(after.skus.find((s) => s.specValues.join() === '红,L')).toMatchObject({ stock: 5, removed: false });
    const removed = after.skus.filter((s) => s.removed);
    expect(removed.map((s) => s.id).sort()).toEqual([idOf(['红', 'S']), idOf(['蓝', 'S'])].sort());
    expect(removed.every((s) => !s.enabled && s.stock === 10)).toBe(true);
    expect(after.minPrice.amount).toBe(2500);
    expect(after.skus).toHaveLength(6);
  });

  it('lets two SKUs swap their codes', async () => {
    const body = content(merchantA, leafId);
    const p = await createProduct(merchantA, body, ownerA.id);
    const swapped = { ...body, skus: body.skus.map((s, i) => ({ ...s, code: body.skus[i === 0 ? 1 : i === 1 ? 0 : i]!.code })) };
    const after = await updateProduct(merchantA, p.id, swapped, ownerA.id);
    expect(after.skus.find((s) => s.specValues.join() === '红,S')!.code).toBe(body.skus[1]!.code);
    const owner = await db().send(new GetCommand({ TableName: tableName(), Key: keys.skuCode(merchantA, body.skus[1]!.code) }));
    expect(owner.Item?.skuId).toBe(p.skus.find((s) => s.specValues.join() === '红,S')!.id);
  });
  it('hands the code of a removed combination to a new one, and a draft deleted afterwards frees every code', async () => {
    const body = content(merchantA, leafId);
    const p = await createProduct(merchantA, body, ownerA.id);
    const green = {
      ...body,
      specs: [{ name: { 'zh-CN': '颜色' }, values: [{ 'zh-CN': '红' }, { 'zh-CN': '绿' }] }, body.specs[1]!],
      skus: body.skus.map((s) => ({ ...s })),
    };
    const after = await updateProduct(merchantA, p.id, green, ownerA.id);
    const greenS = after.skus.find((s) => s.specValues.join() === '绿,S')!;
    expect(greenS.code).toBe(body.skus[2]!.code);
    expect(after.skus.filter((s) => s.removed).map((s) => s.code)).toContain(body.skus[2]!.code);
    const owner = await db().send(new GetCommand({ TableName: tableName(), Key: keys.skuCode(merchantA, body.skus[2]!.code) }));
    expect(owner.Item?.skuId).toBe(greenS.id);
    expect((await invoke(deleteRoute, { method: 'DELETE', params: { merchantId: merchantA, productId: p.id }, token: await ownerA.token() })).status).toBe(200);
    for (const sku of body.skus)
      expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.skuCode(merchantA, sku.code) }))).Item).toBeUndefined();
  });
});

describe('listing', () => {
  it('AP31 listMerchantProducts: status tabs, newest change first, a page at a time', async () => {
    const { merchantId, owner } = await merchantWithOwner('Tabs');
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) made.push((await createProduct(merchantId, content(merchantId, leafId), owner.id)).id);
    await submitProduct(merchantId, made[0]!);
    const drafts: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke<{ items: { id: string; status: string }[]; nextCursor: string | null }>(listRoute, {
        method: 'GET',
        params: { merchantId },
        query: { status: 'draft', limit: '1', ...(cursor ? { cursor } : {}) },
        token: await owner.token(),
      });
      expect(page.status).toBe(200);
      drafts.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(drafts).toEqual([made[2], made[1]]);
    const submitted = await listMerchantProducts(merchantId, { status: 'submitted' });
    expect(submitted.items.map((i) => i.id)).toEqual([made[0]]);
    expect((await listMerchantProducts(merchantId)).items).toHaveLength(3);
    // a cursor of another listing is refused
    const foreign = await invoke(listRoute, {
      method: 'GET',
      params: { merchantId: merchantA },
      query: { cursor: Buffer.from(JSON.stringify({ GSI1PK: `MERCHANT#${merchantId}#PRODUCTS` })).toString('base64url') },
      token: await ownerA.token(),
    });
    expect(foreign.status).toBe(400);
  });

  it('a product lookup by the status index finds approved products', async () => {
    const p = await createProduct(merchantA, content(merchantA, leafId), ownerA.id);
    await submitProduct(merchantA, p.id);
    await approveProduct(p.id);
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byStatus,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': 'PRODUCT_STATUS#approved' },
      }),
    );
    expect(out.Items?.map((i) => i.id)).toContain(p.id);
  });
});
