import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Category, CategoryRoot, UploadTicket } from '@wxshop/shared';
import { invoke, type Answer } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { assertLeafCategory, assertTopLevelCategory, getCategory } from '../../functions/categories/categories';
import { handler as list } from '../../functions/categories/list-categories';
import { handler as create } from '../../functions/categories/create-category';
import { handler as update } from '../../functions/categories/update-category';
import { handler as remove } from '../../functions/categories/delete-category';
import { handler as iconUpload } from '../../functions/categories/create-category-icon-upload';
import { account, digestOf, imageBytes, platformAccount, put, withUploads, type TestAccount } from './merchants-support';

jest.setTimeout(30_000);

let s3: { stop(): Promise<void> };
let operator: TestAccount;

beforeAll(async () => {
  s3 = await withUploads();
  operator = await platformAccount('operator');
});
afterAll(() => s3.stop());

async function add(parentId: string | null, zh: string, extra: Record<string, unknown> = {}): Promise<Category> {
  const res = await invoke<Category>(create, { body: { parentId, name: { 'zh-CN': zh, en: `${zh}-en` }, ...extra }, token: await operator.token() });
  expect(res.status).toBe(201);
  return res.body;
}

const findRoot = (items: CategoryRoot[], id: string) => items.find((c) => c.id === id);

describe('the category tree', () => {
  it('is built three levels deep and served whole to anyone, names as LocalizedText, siblings in order', async () => {
    const top = await add(null, '户外');
    const tents = await add(top.id, '帐篷', { order: 20 });
    const bags = await add(top.id, '睡袋', { order: 10 });
    const dome = await add(tents.id, '穹顶帐');

    const res = await invoke<{ items: CategoryRoot[] }>(list, { method: 'GET' });

    expect(res.status).toBe(200);
    const root = findRoot(res.body.items, top.id)!;
    expect(root).toMatchObject({ level: 1, parentId: null, name: { 'zh-CN': '户外', en: '户外-en' } });
    expect(root.children.map((c) => c.id)).toEqual([bags.id, tents.id]);
    expect(root.children[1]!.children).toEqual([expect.objectContaining({ id: dome.id, level: 3, parentId: tents.id, children: [] })]);
  });

  it('refuses a fourth level and an unknown parent (400)', async () => {
    const l1 = await add(null, '数码');
    const l2 = await add(l1.id, '手机');
    const l3 = await add(l2.id, '智能手机');
    const token = await operator.token();
    expect((await invoke(create, { body: { parentId: l3.id, name: { 'zh-CN': '太深' } }, token })).status).toBe(400);
    expect((await invoke(create, { body: { parentId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', name: { 'zh-CN': '孤儿' } }, token })).status).toBe(400);
  });

  it('refused children leave their parents as they were: the scoped digest covers the parents and their counters', async () => {
    const top = await add(null, `顶-${process.pid}-${Date.now()}`);
    const mid = await add(top.id, '中');
    const leaf = await add(mid.id, '底');
    const child = `子-${process.pid}-${Date.now()}`;
    const scope = [top.id, mid.id, leaf.id, child];
    const token = await operator.token();
    const before = await digestOf(...scope);
    for (const body of [
      { parentId: leaf.id, name: { 'zh-CN': child } }, // a fourth level
      { parentId: mid.id, name: { 'zh-CN': child }, childCount: 0 },
      { parentId: top.id, name: { 'zh-CN': child }, level: 2 },
    ])
      expect((await invoke(create, { body, token })).status).toBe(400);
    expect(await digestOf(...scope)).toBe(before);
    // The same digest sees what an accepted child changes on its parent (childCount), so it can fail.
    await add(mid.id, child);
    expect(await digestOf(...scope)).not.toBe(before);
    const parent = await db().send(new GetCommand({ TableName: tableName(), Key: keys.category(mid.id), ConsistentRead: true }));
    expect(parent.Item).toMatchObject({ childCount: 2 });
  });

  it('needs a Chinese name and refuses unknown fields such as level or childCount (400), writing nothing', async () => {
    const token = await operator.token();
    const zh = `茶-${process.pid}-${Date.now()}`;
    const before = await digestOf(zh, 'Tea-refused');
    for (const body of [
      { parentId: null, name: { en: 'Tea-refused' } },
      { parentId: null, name: { 'zh-CN': zh }, level: 2 },
      { parentId: null, name: { 'zh-CN': zh }, childCount: 5 },
      { parentId: null, name: { 'zh-CN': zh, jp: 'お茶' } },
    ])
      expect((await invoke(create, { body, token })).status).toBe(400);
    expect(await digestOf(zh, 'Tea-refused')).toBe(before);
    expect(before).toMatch(/^0:/);
  });

  it('renames, reorders and sets an uploaded icon', async () => {
    const c = await add(null, '美妆');
    const body = imageBytes(64);
    const ticket = await invoke<UploadTicket>(iconUpload, { body: { contentType: 'image/png', size: body.length }, token: await operator.token() });
    expect(await put(ticket.body, body)).toBe(200);

    const res = await invoke<Category>(update, {
      params: { categoryId: c.id },
      body: { name: { 'zh-CN': '美妆个护', en: 'Beauty' }, order: 5, iconKey: ticket.body.key },
      token: await operator.token(),
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: { 'zh-CN': '美妆个护', en: 'Beauty' }, order: 5, iconKey: ticket.body.key });
    expect(res.body.iconUrl).toContain(ticket.body.key);
    const missingIcon = await invoke(update, {
      method: 'PUT',
      params: { categoryId: c.id },
      body: { iconKey: 'categories/01HZZZZZZZZZZZZZZZZZZZZZZZ.png' },
      token: await operator.token(),
    });
    expect(missingIcon.status).toBe(400);
    expect((await invoke(update, { params: { categoryId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' }, body: { order: 1 }, token: await operator.token() })).status).toBe(
      404,
    );
  });

  it('deletes only a category without children (409 otherwise)', async () => {
    const parent = await add(null, '母婴');
    const child = await add(parent.id, '奶粉');
    const token = await operator.token();
    expect((await invoke(remove, { method: 'DELETE', params: { categoryId: parent.id }, token })).status).toBe(409);
    expect((await invoke(remove, { method: 'DELETE', params: { categoryId: child.id }, token })).status).toBe(200);
    expect((await invoke(remove, { method: 'DELETE', params: { categoryId: parent.id }, token })).status).toBe(200);
    await expect(getCategory(parent.id)).rejects.toMatchObject({ status: 404 });
  });

  it('never gets an orphan when a parent is deleted while a child is added (both orders occur over the trials)', async () => {
    const token = await operator.token();
    const outcomes = new Set<string>();
    for (let trial = 0; trial < 12; trial += 1) {
      const parent = await add(null, `家居 ${trial}`);
      // the two requests start in either order: the race has to be run both ways round, not just once
      const first = trial % 2 === 0 ? 'create' : 'delete';
      const creating = (): Promise<Answer<Category>> => invoke<Category>(create, { body: { parentId: parent.id, name: { 'zh-CN': '收纳' } }, token });
      const deleting = (): Promise<Answer> => invoke(remove, { method: 'DELETE', params: { categoryId: parent.id }, token });
      const [created, deleted] =
        first === 'create'
          ? await (async () => {
              const c = creating();
              const d = deleting();
              return Promise.all([c, d]);
            })()
          : await (async () => {
              const d = deleting();
              const c = creating();
              return Promise.all([c, d]);
            })();
      const tree = (await invoke<{ items: CategoryRoot[] }>(list, { method: 'GET' })).body.items;
      if (created.status === 201) {
        expect(deleted.status).toBe(409);
        expect(findRoot(tree, parent.id)?.children.map((c) => c.id)).toEqual([created.body.id]);
        outcomes.add('child created, delete refused');
      } else {
        // 400 when the parent was gone before the create read it, 409 when it went between the read and the write
        expect([400, 409]).toContain(created.status);
        expect(deleted.status).toBe(200);
        expect(findRoot(tree, parent.id)).toBeUndefined();
        outcomes.add('parent deleted, child refused');
      }
    }
    expect([...outcomes].sort()).toEqual(['child created, delete refused', 'parent deleted, child refused']);
  });

  it('is written only with platform:category:write (a shopper and platform customer service get 403)', async () => {
    const shopper = await account('shopper');
    const cs = await platformAccount('customer_service');
    for (const who of [shopper, cs])
      expect((await invoke(create, { body: { parentId: null, name: { 'zh-CN': '食品' } }, token: await who.token() })).status).toBe(403);
  });
});

describe('for the catalog', () => {
  it('tells a leaf from a branch and a top-level category from a deeper one', async () => {
    const top = await add(null, '茶叶');
    const leaf = await add(top.id, '绿茶');
    await expect(assertLeafCategory(leaf.id)).resolves.toMatchObject({ id: leaf.id });
    await expect(assertLeafCategory(top.id)).rejects.toMatchObject({ status: 400 });
    await expect(assertLeafCategory('01HZZZZZZZZZZZZZZZZZZZZZZZ')).rejects.toMatchObject({ status: 400 });
    await expect(assertTopLevelCategory(top.id)).resolves.toMatchObject({ level: 1 });
    await expect(assertTopLevelCategory(leaf.id)).rejects.toMatchObject({ status: 400 });
  });
});

describe('access patterns', () => {
  it('AP27 listAllCategories: every category in one partition, fetched by one query', async () => {
    const top = await add(null, '服饰');
    await add(top.id, '女装');
    const p = keys.categoriesPrefix();
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
      }),
    );
    expect(out.Items?.map((i) => i.id)).toEqual(expect.arrayContaining([top.id]));
    expect(out.Items?.find((i) => i.id === top.id)).toMatchObject({ entity: 'Category', childCount: 1 });
  });
});
