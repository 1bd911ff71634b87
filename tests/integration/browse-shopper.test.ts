import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ProductDetail, SavedProductPage, SearchResult, HomeFeed, ProductPage } from '@wxshop/shared';
import { withSimulators } from '../support/integration-env';
import { invoke } from '../support/lambda';
import type { Simulators } from '../../infra/local/sims';
import { db, dynamoCallCount, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { takeOffShelf } from '../../functions/catalog/products';
import { endAllSessions } from '../../functions/identity/sessions';
import { handler as getProduct } from '../../functions/browse/get-product';
import { handler as searchProducts } from '../../functions/browse/search-products';
import { handler as listProducts } from '../../functions/browse/list-products';
import { handler as getHome } from '../../functions/browse/get-home';
import { handler as addFavourite } from '../../functions/browse/add-favourite';
import { handler as removeFavourite } from '../../functions/browse/remove-favourite';
import { handler as listFavourites } from '../../functions/browse/list-favourites';
import { handler as recordView } from '../../functions/browse/record-product-view';
import { handler as listHistory } from '../../functions/browse/list-history';
import { handler as clearHistory } from '../../functions/browse/clear-history';
import { recordView as recordViewAt } from '../../functions/browse/history';
import { categoryTree, deliver, listedProduct, merchant, shopper, uniqueWord } from './browse-fixtures';

jest.setTimeout(30_000);

let sims: Simulators;
let mid: string;
let cats: Awaited<ReturnType<typeof categoryTree>>;
beforeAll(async () => {
  sims = await withSimulators();
  [mid, cats] = await Promise.all([merchant('shop'), categoryTree()]);
});
afterAll(() => sims.close());

const product = async (title: { 'zh-CN': string; en?: string }, prices = [1990, 2990]) => {
  const pid = await listedProduct(mid, { title, categoryId: cats.leaf, prices });
  await deliver(pid);
  return pid;
};
const getDetail = (pid: string, opts: { token?: string; headers?: Record<string, string>; query?: Record<string, string> } = {}) =>
  invoke<ProductDetail>(getProduct, { method: 'GET', path: `/products/${pid}`, params: { productId: pid }, ...opts });

describe('GET /products/{productId}', () => {
  it('answers the detail in at most 2 DynamoDB round trips, signed in or not', async () => {
    const pid = await product({ 'zh-CN': '龙井礼盒', en: 'Longjing gift box' });
    const me = await shopper();
    await getDetail(pid); // warm up: the first call loads modules and the client

    const before = dynamoCallCount();
    const anonymous = await getDetail(pid);
    const anonymousCalls = dynamoCallCount() - before;
    const signedInBefore = dynamoCallCount();
    const signedIn = await getDetail(pid, { token: me.token });
    const signedInCalls = dynamoCallCount() - signedInBefore;

    expect(anonymous.status).toBe(200);
    expect(signedIn.status).toBe(200);
    expect(anonymousCalls).toBeLessThanOrEqual(2);
    expect(signedInCalls).toBeLessThanOrEqual(2);
  });

  it('shows SKUs with price, stock and sold-out, the store card and texts in the shopper language', async () => {
    const pid = await product({ 'zh-CN': '碧螺春', en: 'Biluochun' }, [1990, 2990]);

    const zh = await getDetail(pid);
    const en = await getDetail(pid, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    const de = await getDetail(pid, { query: { lang: 'de' } });

    expect(zh.body).toMatchObject({ id: pid, title: '碧螺春', purchasable: true, favourite: false, store: { id: mid, status: 'open' } });
    expect(zh.body.skus).toHaveLength(2);
    expect(zh.body.skus[0]).toMatchObject({ price: { amount: 1990, currency: 'CNY' }, stock: 10, soldOut: false });
    expect(zh.body.specs[0]!.values).toEqual(['1号', '2号']);
    expect(zh.body.priceRange).toEqual({ min: { amount: 1990, currency: 'CNY' }, max: { amount: 2990, currency: 'CNY' } });
    expect(en.body.title).toBe('Biluochun');
    expect(en.body.specs[0]!.values).toEqual(['No. 1', 'No. 2']);
    expect(de.body.title).toBe('Biluochun'); // de -> en -> zh-CN
    expect(zh.body.imageUrls[0]).toMatch(/\/merchants\/.+\/products\/.+\.png$/);
  });

  it('is 404 for an unknown product and shown, not purchasable, once off the shelf', async () => {
    const pid = await product({ 'zh-CN': '下架的茶' });
    await takeOffShelf(mid, pid);

    const off = await getDetail(pid);
    const unknown = await getDetail('01HZZZZZZZZZZZZZZZZZZZZZZZ');

    expect(off.status).toBe(200);
    expect(off.body.purchasable).toBe(false);
    expect(unknown.status).toBe(404);
  });

  it('treats a revoked session as anonymous: no favourite flag, no error', async () => {
    const pid = await product({ 'zh-CN': '收藏过的茶' });
    const me = await shopper();
    await invoke(addFavourite, { method: 'PUT', params: { productId: pid }, token: me.token });
    expect((await getDetail(pid, { token: me.token })).body.favourite).toBe(true);

    await endAllSessions(me.id);

    const after = await getDetail(pid, { token: me.token });
    expect(after.status).toBe(200);
    expect(after.body.favourite).toBe(false);
  });
});

describe('AP52 listFavourites', () => {
  it('adds and removes idempotently and lists newest first with current cards', async () => {
    const [first, second] = [await product({ 'zh-CN': '收藏一' }), await product({ 'zh-CN': '收藏二' })];
    const me = await shopper();
    const put = (pid: string) => invoke(addFavourite, { method: 'PUT', params: { productId: pid }, token: me.token });

    const added = [await put(first), await put(first), await put(second)];
    const listed = await invoke<SavedProductPage>(listFavourites, { method: 'GET', token: me.token });
    const removed = [
      await invoke(removeFavourite, { method: 'DELETE', params: { productId: first }, token: me.token }),
      await invoke(removeFavourite, { method: 'DELETE', params: { productId: first }, token: me.token }),
    ];
    const after = await invoke<SavedProductPage>(listFavourites, { method: 'GET', token: me.token });
    const count = await db().send(new GetCommand({ TableName: tableName(), Key: keys.favouriteCount(me.id) }));

    expect(added.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(added[1]!.body).toEqual({ productId: first, favourite: true });
    expect(listed.body.items.map((i) => i.product.id)).toEqual([second, first]);
    expect(listed.body.items[0]).toMatchObject({ available: true, product: { title: '收藏二' } });
    expect(removed.map((r) => r.body)).toEqual([
      { productId: first, favourite: false },
      { productId: first, favourite: false },
    ]);
    expect(after.body.items.map((i) => i.product.id)).toEqual([second]);
    expect(count.Item).toMatchObject({ count: 1 });
  });

  it('keeps an off-shelf favourite as unavailable, and refuses to favourite a product not on sale', async () => {
    const pid = await product({ 'zh-CN': '将下架' });
    const me = await shopper();
    await invoke(addFavourite, { method: 'PUT', params: { productId: pid }, token: me.token });
    await takeOffShelf(mid, pid);
    await deliver(pid);

    const listed = await invoke<SavedProductPage>(listFavourites, { method: 'GET', token: me.token });
    const again = await invoke(addFavourite, { method: 'PUT', params: { productId: pid }, token: me.token });

    expect(listed.body.items).toEqual([expect.objectContaining({ available: false, product: expect.objectContaining({ id: pid }) })]);
    expect(again.status).toBe(404);
  });

  it('refuses a favourite past the cap', async () => {
    const pid = await product({ 'zh-CN': '满了' });
    const me = await shopper();
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.favouriteCount(me.id),
        UpdateExpression: 'SET entity = :e, #c = :n',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':e': 'FavouriteCount', ':n': 500 },
      }),
    );

    const res = await invoke(addFavourite, { method: 'PUT', params: { productId: pid }, token: me.token });

    expect(res.status).toBe(422);
  });

  it('needs a signed-in user', async () => {
    const res = await invoke(listFavourites, { method: 'GET' });
    expect(res.status).toBe(401);
  });
});

describe('AP53 listBrowsingHistory', () => {
  it('lists viewed products newest first, once each, and clears them', async () => {
    const [a, b] = [await product({ 'zh-CN': '看过甲' }), await product({ 'zh-CN': '看过乙' })];
    const me = await shopper();
    await recordViewAt(me.id, a, new Date('2026-05-01T10:00:00Z'));
    await recordViewAt(me.id, b, new Date('2026-05-01T11:00:00Z'));
    await recordViewAt(me.id, a, new Date('2026-05-01T12:00:00Z'));

    const page = await invoke<SavedProductPage>(listHistory, { method: 'GET', token: me.token });
    const firstOfOne = await invoke<SavedProductPage>(listHistory, { method: 'GET', token: me.token, query: { limit: '1' } });
    const secondOfOne = await invoke<SavedProductPage>(listHistory, {
      method: 'GET',
      token: me.token,
      query: { limit: '1', cursor: firstOfOne.body.nextCursor! },
    });
    const cleared = await invoke(clearHistory, { method: 'DELETE', token: me.token });
    const empty = await invoke<SavedProductPage>(listHistory, { method: 'GET', token: me.token });

    expect(page.body.items.map((i) => [i.product.id, i.at])).toEqual([
      [a, '2026-05-01T12:00:00.000Z'],
      [b, '2026-05-01T11:00:00.000Z'],
    ]);
    expect([...firstOfOne.body.items, ...secondOfOne.body.items].map((i) => i.product.id)).toEqual([a, b]);
    expect(secondOfOne.body.nextCursor).toBeNull();
    expect(cleared.body).toEqual({ ok: true, removed: 2 });
    expect(empty.body.items).toEqual([]);
  });

  it('records a view through the route, and 404s an unknown product', async () => {
    const pid = await product({ 'zh-CN': '路由记录' });
    const me = await shopper();

    const ok = await invoke(recordView, { method: 'POST', params: { productId: pid }, token: me.token });
    const unknown = await invoke(recordView, { method: 'POST', params: { productId: '01HZZZZZZZZZZZZZZZZZZZZZZY' }, token: me.token });
    const listed = await invoke<SavedProductPage>(listHistory, { method: 'GET', token: me.token });

    expect(ok.body).toEqual({ ok: true });
    expect(unknown.status).toBe(404);
    expect(listed.body.items.map((i) => i.product.id)).toEqual([pid]);
  });

  it('keeps only the newest views past the cap', async () => {
    const pid = await product({ 'zh-CN': '常看' });
    const me = await shopper();
    const base = Date.parse('2026-01-01T00:00:00Z');
    // 121 distinct products are needed to pass the cap + slack; fake views of unknown products by writing the items directly.
    const { batchWrite } = await import('../../functions/lib/table-ops');
    const fakes = Array.from({ length: 120 }, (_, i) => `01J${String(i).padStart(23, '0')}`);
    await batchWrite(
      fakes.map((p, i) => ({
        ...keys.productView(me.id, p),
        entity: 'ProductView',
        userId: me.id,
        productId: p,
        viewedAt: new Date(base + i * 1000).toISOString(),
      })),
      [],
    );
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.productViewCount(me.id),
        UpdateExpression: 'SET entity = :e, #c = :n',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':e': 'HistoryCount', ':n': 120 },
      }),
    );

    await recordViewAt(me.id, pid, new Date('2026-06-01T00:00:00Z'));

    const count = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productViewCount(me.id) }));
    const oldest = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productView(me.id, fakes[0]!) }));
    const newest = await db().send(new GetCommand({ TableName: tableName(), Key: keys.productView(me.id, pid) }));
    expect(count.Item).toMatchObject({ count: 100 });
    expect(oldest.Item).toBeUndefined();
    expect(newest.Item).toBeDefined();
  });
});

describe('public list routes', () => {
  it('serve search, lists, cards by id and home through the wrapper', async () => {
    const word = uniqueWord();
    const pid = await product({ 'zh-CN': `黄山毛峰 ${word}`, en: `Huangshan Maofeng ${word}` });

    const search = await invoke<SearchResult>(searchProducts, { method: 'GET', query: { q: `毛峰 ${word}`, sort: 'relevance', inStock: 'true' } });
    const list = await invoke<ProductPage>(listProducts, { method: 'GET', query: { categoryId: cats.leaf, sort: 'newest', lang: 'en' } });
    const byIds = await invoke<ProductPage>(listProducts, { method: 'GET', query: { ids: `${pid},01HZZZZZZZZZZZZZZZZZZZZZZX` } });
    const home = await invoke<HomeFeed>(getHome, { method: 'GET', headers: { 'Accept-Language': 'en' } });
    const badPrice = await invoke(searchProducts, { method: 'GET', query: { q: 'x', minPrice: '9', maxPrice: '1' } });
    const unknownParam = await invoke(listProducts, { method: 'GET', query: { sales: '1' } });

    expect(search.status).toBe(200);
    expect(search.body.items.map((i) => i.id)).toEqual([pid]);
    expect(list.body.items[0]).toMatchObject({ id: pid, title: `Huangshan Maofeng ${word}` });
    expect(byIds.body.items.map((i) => i.id)).toEqual([pid]);
    expect(home.status).toBe(200);
    expect(badPrice.status).toBe(400);
    expect(unknownParam.status).toBe(400);
  });
});
