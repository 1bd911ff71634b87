import { QueryCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { approveProduct, takeOffShelf, putOnShelf, updateProduct } from '../../functions/catalog/products';
import { searchProducts } from '../../functions/browse/search';
import { listProducts } from '../../functions/browse/listings';
import { getHome } from '../../functions/browse/home';
import { handler as indexProducts } from '../../functions/browse/index-products';
import { IndexStateItem } from '../../functions/browse/items';
import { reindexProduct } from '../../functions/browse/indexer';
import { keyFromString } from '../../functions/lib/table-ops';
import { categoryTree, contentOf, deliver, listedProduct, merchant, productItem, productRecord, setSales, uniqueWord } from './browse-fixtures';

// the home feed and listings read the whole table: this file has one of its own, so their expectations are exact
ownTable('browse');

jest.setTimeout(30_000);

let sims: Simulators;
beforeAll(async () => {
  sims = await withSimulators();
});
afterAll(() => sims.close());

const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
const partition = async (pk: string) =>
  (
    await db().send(
      new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
    )
  ).Items ?? [];

describe('AP50 searchByToken', () => {
  it('finds a product by a Chinese word inside its title', async () => {
    const [mid, cats] = await Promise.all([merchant('tea'), categoryTree()]);
    const pid = await listedProduct(mid, {
      title: { 'zh-CN': '西湖龙井 明前特级 250g', en: 'West Lake Longjing, pre-Qingming grade, 250g' },
      categoryId: cats.leaf,
    });
    await deliver(pid);

    const byWord = await searchProducts({ q: '龙井', categoryId: cats.top }, 'zh-CN');
    const reordered = await searchProducts({ q: '龙井 西湖', categoryId: cats.top }, 'zh-CN');
    const unsegmented = await searchProducts({ q: '明前特级', categoryId: cats.top }, 'zh-CN');
    const oneCharacter = await searchProducts({ q: '井', categoryId: cats.top }, 'zh-CN');

    expect(ids(byWord)).toEqual([pid]);
    expect(ids(reordered)).toEqual([pid]);
    expect(ids(unsegmented)).toEqual([pid]);
    expect(ids(oneCharacter)).toEqual([pid]);
    expect(byWord.items[0]!.title).toBe('西湖龙井 明前特级 250g');
    expect(byWord.terms).toEqual(['龙井']);
    const posting = await db().send(new GetCommand({ TableName: tableName(), Key: keys.searchPosting('zh-CN', '龙井', pid) }));
    expect(posting.Item).toMatchObject({ entity: 'SearchPosting', weight: 3, card: { productId: pid, categoryPath: [cats.top, cats.middle, cats.leaf] } });
  });

  it('finds a product by English words, folding case, accents and plurals, and answers in the shopper language', async () => {
    const [mid, cats] = await Promise.all([merchant('outdoor'), categoryTree()]);
    const word = uniqueWord();
    const pid = await listedProduct(mid, {
      title: { 'zh-CN': `登山杖 ${word}`, en: `Carbon Trekking Poles ${word}`, fr: `Bâtons de randonnée ${word}` },
      categoryId: cats.leaf,
    });
    await deliver(pid);

    const english = await searchProducts({ q: `TREKKING pole ${word}` }, 'en');
    const french = await searchProducts({ q: `batons ${word}` }, 'fr');
    const chineseShopperTypingEnglish = await searchProducts({ q: `carbon ${word}` }, 'zh-CN');

    expect(ids(english)).toEqual([pid]);
    expect(english.items[0]!.title).toBe(`Carbon Trekking Poles ${word}`);
    expect(ids(french)).toEqual([pid]);
    expect(french.items[0]!.title).toBe(`Bâtons de randonnée ${word}`);
    expect(ids(chineseShopperTypingEnglish)).toEqual([pid]);
    expect(chineseShopperTypingEnglish.items[0]!.title).toBe(`登山杖 ${word}`);
  });

  it('filters by category with descendants, price range, store and stock', async () => {
    const [mid, otherMid, cats] = await Promise.all([merchant('a'), merchant('b'), categoryTree()]);
    const word = uniqueWord();
    const cheap = await listedProduct(mid, { title: { 'zh-CN': `绿茶 ${word}` }, categoryId: cats.leaf, prices: [500] });
    const dear = await listedProduct(mid, { title: { 'zh-CN': `绿茶 ${word}` }, categoryId: cats.otherLeaf, prices: [5000] });
    const soldOut = await listedProduct(otherMid, { title: { 'zh-CN': `绿茶 ${word}` }, categoryId: cats.leaf, prices: [800], stock: 0 });
    await deliver(cheap, dear, soldOut);
    const q = `${word} 绿茶`;

    expect(ids(await searchProducts({ q, categoryId: cats.top, sort: 'price_asc' }, 'zh-CN'))).toEqual([cheap, soldOut, dear]);
    expect(ids(await searchProducts({ q, categoryId: cats.leaf, sort: 'price_asc' }, 'zh-CN'))).toEqual([cheap, soldOut]);
    expect(ids(await searchProducts({ q, minPrice: 600, maxPrice: 5000, sort: 'price_asc' }, 'zh-CN'))).toEqual([soldOut, dear]);
    expect(ids(await searchProducts({ q, merchantId: otherMid }, 'zh-CN'))).toEqual([soldOut]);
    expect(ids(await searchProducts({ q, inStock: true, sort: 'price_asc' }, 'zh-CN'))).toEqual([cheap, dear]);
  });

  it('sorts by relevance, sales, newest and price both ways, a page at a time', async () => {
    const [mid, cats] = await Promise.all([merchant('sorts'), categoryTree()]);
    const word = uniqueWord();
    const inTitle = await listedProduct(mid, { title: { 'zh-CN': `乌龙茶 ${word}` }, categoryId: cats.leaf, prices: [3000] });
    const inTags = await listedProduct(mid, { title: { 'zh-CN': `茶具 ${word}` }, categoryId: cats.leaf, prices: [1000], tags: ['乌龙茶'] });
    const bestSeller = await listedProduct(mid, { title: { 'zh-CN': `茶包 ${word}` }, categoryId: cats.leaf, prices: [2000], tags: ['乌龙茶'] });
    await setSales(bestSeller, 500);
    await setSales(inTags, 20);
    await deliver(inTitle, inTags, bestSeller);
    const q = `${word} 乌龙茶`;

    const relevance = await searchProducts({ q }, 'zh-CN');
    // Title beats tags; between equal matches, sales decide.
    expect(ids(relevance)).toEqual([inTitle, bestSeller, inTags]);
    expect(ids(await searchProducts({ q, sort: 'sales' }, 'zh-CN'))).toEqual([bestSeller, inTags, inTitle]);
    expect(ids(await searchProducts({ q, sort: 'newest' }, 'zh-CN'))).toEqual([bestSeller, inTags, inTitle]);
    expect(ids(await searchProducts({ q, sort: 'price_asc' }, 'zh-CN'))).toEqual([inTags, bestSeller, inTitle]);
    expect(ids(await searchProducts({ q, sort: 'price_desc' }, 'zh-CN'))).toEqual([inTitle, bestSeller, inTags]);

    const first = await searchProducts({ q, sort: 'price_asc', limit: 2 }, 'zh-CN');
    const second = await searchProducts({ q, sort: 'price_asc', limit: 2, cursor: first.nextCursor! }, 'zh-CN');
    expect([...ids(first), ...ids(second)]).toEqual([inTags, bestSeller, inTitle]);
    expect(first.total).toBe(3);
    expect(second.nextCursor).toBeNull();
  });

  it('finds a changed title by its new words and no longer by its old ones', async () => {
    const [mid, cats] = await Promise.all([merchant('edit'), categoryTree()]);
    const word = uniqueWord();
    const pid = await listedProduct(mid, { title: { 'zh-CN': `铁观音 ${word}` }, categoryId: cats.leaf });
    await deliver(pid);
    await takeOffShelf(mid, pid);
    await updateProduct(mid, pid, contentOf(mid, { title: { 'zh-CN': `大红袍 ${word}` }, categoryId: cats.leaf }), null);
    await putOnShelf(mid, pid);
    await approveProduct(pid);
    await deliver(pid);

    expect(ids(await searchProducts({ q: `大红袍 ${word}` }, 'zh-CN'))).toEqual([pid]);
    expect(ids(await searchProducts({ q: `铁观音 ${word}` }, 'zh-CN'))).toEqual([]);
    expect(await partition(keys.searchPostings('zh-CN', '观音').PK)).not.toContainEqual(expect.objectContaining({ SK: `PRODUCT#${pid}` }));
  });

  it('removes an off-shelf product from search, lists and feeds, and keeps its card for favourites', async () => {
    const [mid, cats] = await Promise.all([merchant('off'), categoryTree()]);
    const word = uniqueWord();
    const pid = await listedProduct(mid, { title: { 'zh-CN': `白茶 ${word}` }, categoryId: cats.leaf });
    await deliver(pid);
    expect(ids(await listProducts({ categoryId: cats.top }, 'zh-CN'))).toEqual([pid]);

    await takeOffShelf(mid, pid);
    await deliver(pid);

    expect(ids(await searchProducts({ q: word }, 'zh-CN'))).toEqual([]);
    expect(ids(await listProducts({ categoryId: cats.top }, 'zh-CN'))).toEqual([]);
    expect(ids(await listProducts({ merchantId: mid }, 'zh-CN'))).toEqual([]);
    expect((await partition(`FEED#NEW`)).map((i) => i.SK)).not.toContainEqual(expect.stringContaining(pid));
    const state = IndexStateItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.productIndexState(pid) }))).Item);
    expect(state).toMatchObject({ listed: false, keys: [], card: { productId: pid } });
  });

  it('ignores stale and redelivered events: the index follows the current product item', async () => {
    const [mid, cats] = await Promise.all([merchant('stale'), categoryTree()]);
    const word = uniqueWord();
    const pid = await listedProduct(mid, { title: { 'zh-CN': `普洱 ${word}` }, categoryId: cats.leaf });
    const approvedImage = await productItem(pid);
    await deliver(pid);
    await takeOffShelf(mid, pid);
    const offImage = await productItem(pid);
    await deliver(pid);

    const stale = productRecord({ ...approvedImage, title: { 'zh-CN': `旧标题 ${word}` } }, undefined, 'INSERT');
    const redelivered = productRecord(offImage, approvedImage);
    const res = await indexProducts({ Records: [stale, redelivered, stale] });

    expect(res.batchItemFailures).toEqual([]);
    expect(ids(await searchProducts({ q: word }, 'zh-CN'))).toEqual([]);
    expect(ids(await searchProducts({ q: '旧标题' }, 'zh-CN'))).not.toContain(pid);
    expect(IndexStateItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.productIndexState(pid) }))).Item).listed).toBe(false);
  });

  it('converges when several reindexes of a changed product race', async () => {
    const [mid, cats] = await Promise.all([merchant('race'), categoryTree()]);
    const word = uniqueWord();
    const pid = await listedProduct(mid, { title: { 'zh-CN': `六安瓜片 ${word}` }, categoryId: cats.leaf });
    await deliver(pid);
    await takeOffShelf(mid, pid);
    await updateProduct(mid, pid, contentOf(mid, { title: { 'zh-CN': `太平猴魁 ${word}` }, categoryId: cats.leaf }), null);
    await putOnShelf(mid, pid);
    await approveProduct(pid);

    await Promise.all([reindexProduct(pid), reindexProduct(pid), reindexProduct(pid, true), reindexProduct(pid)]);

    expect(ids(await searchProducts({ q: `太平猴魁 ${word}` }, 'zh-CN'))).toEqual([pid]);
    expect(ids(await searchProducts({ q: `六安瓜片 ${word}` }, 'zh-CN'))).toEqual([]);
    const state = IndexStateItem.parse((await db().send(new GetCommand({ TableName: tableName(), Key: keys.productIndexState(pid) }))).Item);
    const stored = await Promise.all(
      state.keys.slice(0, 5).map(async (k) => (await db().send(new GetCommand({ TableName: tableName(), Key: keyFromString(k) }))).Item),
    );
    expect(stored.every((i) => i !== undefined)).toBe(true);
  });

  it('writes nothing when a redelivered event finds the index up to date', async () => {
    const [mid, cats] = await Promise.all([merchant('dup'), categoryTree()]);
    const pid = await listedProduct(mid, { title: { 'zh-CN': `红茶 ${uniqueWord()}` }, categoryId: cats.leaf });
    await deliver(pid);
    const before = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.productIndexState(pid) }))).Item;

    await deliver(pid, pid);

    const after = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.productIndexState(pid) }))).Item;
    expect(after).toEqual(before);
  });
});

describe('AP51 listOnSaleByCategory', () => {
  it('lists a category with its descendants and a store, sorted, filtered and paged', async () => {
    const [mid, otherMid, cats] = await Promise.all([merchant('list'), merchant('list2'), categoryTree()]);
    const a = await listedProduct(mid, { title: { 'zh-CN': '甲' }, categoryId: cats.leaf, prices: [300] });
    const b = await listedProduct(otherMid, { title: { 'zh-CN': '乙' }, categoryId: cats.otherLeaf, prices: [100], stock: 0 });
    const c = await listedProduct(mid, { title: { 'zh-CN': '丙' }, categoryId: cats.otherLeaf, prices: [200] });
    await setSales(b, 7);
    await deliver(a, b, c);

    expect(ids(await listProducts({ categoryId: cats.top }, 'zh-CN'))).toEqual([b, c, a]);
    expect(ids(await listProducts({ categoryId: cats.middle, sort: 'newest' }, 'zh-CN'))).toEqual([c, b, a]);
    expect(ids(await listProducts({ categoryId: cats.otherLeaf, sort: 'price_asc' }, 'zh-CN'))).toEqual([b, c]);
    expect(ids(await listProducts({ categoryId: cats.top, sort: 'price_desc', maxPrice: 250 }, 'zh-CN'))).toEqual([c, b]);
    expect(ids(await listProducts({ categoryId: cats.top, sort: 'sales', minPrice: 150 }, 'zh-CN'))).toEqual([c, a]);
    expect(ids(await listProducts({ categoryId: cats.top, inStock: true, sort: 'price_asc' }, 'zh-CN'))).toEqual([c, a]);
    expect(ids(await listProducts({ categoryId: cats.top, merchantId: mid, sort: 'price_asc' }, 'zh-CN'))).toEqual([c, a]);
    expect(ids(await listProducts({ merchantId: mid, sort: 'price_asc' }, 'zh-CN'))).toEqual([c, a]);

    const first = await listProducts({ categoryId: cats.top, sort: 'price_asc', limit: 2 }, 'zh-CN');
    const second = await listProducts({ categoryId: cats.top, sort: 'price_asc', limit: 2, cursor: first.nextCursor! }, 'zh-CN');
    expect([...ids(first), ...ids(second)]).toEqual([b, c, a]);
    expect(second.nextCursor).toBeNull();
    await expect(listProducts({ categoryId: cats.top, cursor: 'not-a-cursor' }, 'zh-CN')).rejects.toMatchObject({ status: 400 });
  });
});

describe('AP54 getHomeFeed', () => {
  it('shows new arrivals newest first and best sellers by sales, with top-level categories', async () => {
    const [mid, cats] = await Promise.all([merchant('home'), categoryTree()]);
    const older = await listedProduct(mid, { title: { 'zh-CN': '老品', en: 'Old one' }, categoryId: cats.leaf });
    const newer = await listedProduct(mid, { title: { 'zh-CN': '新品', en: 'New one' }, categoryId: cats.leaf });
    await setSales(older, 1_000_000);
    await deliver(older, newer);

    const home = await getHome('en');

    const arrivals = ids({ items: home.newArrivals });
    expect(arrivals).toContain(newer);
    expect(arrivals).toContain(older);
    expect(arrivals.indexOf(newer)).toBeLessThan(arrivals.indexOf(older));
    expect(home.newArrivals.find((p) => p.id === newer)!.title).toBe('New one');
    expect(home.bestSellers[0]!.id).toBe(older);
    expect(home.categories.map((c) => c.id)).toContain(cats.top);
    expect(home.categories.map((c) => c.id)).not.toContain(cats.middle);
    expect(home.banners.length).toBeGreaterThan(0);
    const feed = await partition('FEED#SALES');
    expect(feed.find((i) => String(i.SK).endsWith(older))).toMatchObject({ SK: `000001000000#${older}`, entity: 'HomeFeedEntry' });
  });
});
