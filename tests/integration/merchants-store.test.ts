import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { InboxMessage, MerchantAdminView, PublicStore, StoreProfile, UploadTicket } from '@wxshop/shared';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import { createMerchant, isStoreNameTaken, isStoreSelling, listUserMerchants } from '../../functions/merchants/merchants';
import { inviteStaff } from '../../functions/merchants/staff';
import { listMerchantsByStatus, setMerchantStatus } from '../../functions/merchants/store';
import { createCategory } from '../../functions/categories/categories';
import { createProduct } from '../../functions/catalog/products';
import { categories, content } from './catalog-fixtures';
import { handler as getProfile } from '../../functions/merchants/get-store-profile';
import { handler as updateProfile } from '../../functions/merchants/update-store-profile';
import { handler as updateLayout } from '../../functions/merchants/update-store-layout';
import { handler as createUpload } from '../../functions/merchants/create-store-upload';
import { handler as inbox } from '../../functions/merchants/list-merchant-inbox';
import { handler as getStore } from '../../functions/merchants/get-store';
import { handler as listMerchants } from '../../functions/merchants/list-merchants';
import { handler as getForAdmin } from '../../functions/merchants/get-merchant-for-admin';
import { handler as setStatus } from '../../functions/merchants/set-merchant-status';
import { account, digestOf, imageBytes, platformAccount, put, storeName, withUploads, type TestAccount } from './merchants-support';

jest.setTimeout(30_000);

type ErrorAnswer = { error: { code: string; fields?: Record<string, string> } };

let s3: { stop(): Promise<void> };
let owner: TestAccount;
let merchantId: string;
let reviewer: TestAccount;

beforeAll(async () => {
  s3 = await withUploads();
  [owner, reviewer] = await Promise.all([account('store-owner'), platformAccount('operator')]);
  merchantId = (await createMerchant({ name: storeName('Profile'), ownerId: owner.id })).id;
});
afterAll(() => s3.stop());

async function storeImage(mid: string, who: TestAccount): Promise<string> {
  const body = imageBytes(256);
  const ticket = await invoke<UploadTicket>(createUpload, {
    params: { merchantId: mid },
    body: { contentType: 'image/jpeg', size: body.length },
    token: await who.token(),
  });
  expect(ticket.status).toBe(200);
  expect(await put(ticket.body, body)).toBe(200);
  return ticket.body.key;
}

describe('the store profile', () => {
  it('takes a name, intro, logo and banner uploaded under merchants/<mid>/store/', async () => {
    const [logo, banner] = [await storeImage(merchantId, owner), await storeImage(merchantId, owner)];
    expect(logo).toMatch(new RegExp(`^merchants/${merchantId}/store/[0-9A-Z]{26}\\.jpg$`));
    const name = storeName('明前龙井');
    const res = await invoke<StoreProfile>(updateProfile, {
      params: { merchantId },
      body: { name, intro: { 'zh-CN': '百年老店', en: 'A century-old shop' }, logoKey: logo, bannerKey: banner },
      token: await owner.token(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name, intro: { 'zh-CN': '百年老店' }, logoKey: logo, bannerKey: banner, status: 'open', selling: true });
    expect(res.body.logoUrl).toContain(logo);
    // the name moved: the new one is taken, staff items carry it
    expect(await isStoreNameTaken(name)).toBe(true);
    expect((await listUserMerchants(owner.id)).find((m) => m.id === merchantId)?.name).toBe(name);
    // null removes the banner
    const cleared = await invoke<StoreProfile>(updateProfile, { params: { merchantId }, body: { bannerKey: null }, token: await owner.token() });
    expect(cleared.body).toMatchObject({ bannerKey: null, bannerUrl: null, logoKey: logo });
  });

  it('frees the old name on a rename and refuses a taken one (409)', async () => {
    const other = await account('other-owner');
    const taken = storeName('Taken');
    await createMerchant({ name: taken, ownerId: other.id });
    const before = (await invoke<StoreProfile>(getProfile, { method: 'GET', params: { merchantId }, token: await owner.token() })).body.name;
    const res = await invoke(updateProfile, { params: { merchantId }, body: { name: taken.toLowerCase() }, token: await owner.token() });
    expect(res.status).toBe(409);
    const renamed = storeName('Renamed');
    await invoke(updateProfile, { params: { merchantId }, body: { name: renamed }, token: await owner.token() });
    expect(await isStoreNameTaken(before)).toBe(false);
  });

  it("refuses another store's image, an image never uploaded, and client-sent status or ownerId (400), writing nothing", async () => {
    const other = await account('img-owner');
    const otherStore = (await createMerchant({ name: storeName('Img'), ownerId: other.id })).id;
    const foreign = await storeImage(otherStore, other);
    const token = await owner.token();
    const before = await digestOf(merchantId);
    for (const body of [
      { logoKey: foreign },
      { logoKey: `merchants/${merchantId}/store/01HZZZZZZZZZZZZZZZZZZZZZZZ.png` },
      { status: 'open' },
      { ownerId: other.id },
      { merchantId: otherStore },
      { name: 'x', currency: 'USD' },
    ])
      expect((await invoke(updateProfile, { params: { merchantId }, body, token })).status).toBe(400);
    expect(await digestOf(merchantId)).toBe(before);
  });

  it("answers 404 to another store's staff and 403 to a shopper", async () => {
    const other = await account('nosy-owner');
    await createMerchant({ name: storeName('Nosy'), ownerId: other.id });
    const shopper = await account('shopper');
    expect((await invoke(getProfile, { method: 'GET', params: { merchantId }, token: await other.token() })).status).toBe(404);
    expect((await invoke(updateProfile, { params: { merchantId }, body: { name: storeName() }, token: await other.token() })).status).toBe(404);
    expect((await invoke(getProfile, { method: 'GET', params: { merchantId }, token: await shopper.token() })).status).toBe(403);
    expect((await invoke(createUpload, { params: { merchantId }, body: { contentType: 'image/png', size: 10 }, token: await shopper.token() })).status).toBe(
      403,
    );
  });

  it('lets customer service read the profile but not change it (403)', async () => {
    const cs = await account('cs');
    await inviteStaff(merchantId, { userId: cs.id, role: 'customer_service' }, owner.id);
    expect((await invoke(getProfile, { method: 'GET', params: { merchantId }, token: await cs.token() })).status).toBe(200);
    expect((await invoke(updateProfile, { params: { merchantId }, body: { name: storeName() }, token: await cs.token() })).status).toBe(403);
  });
});

describe('the home layout', () => {
  it('stores ordered blocks and shows them to shoppers on the public store page', async () => {
    const image = await storeImage(merchantId, owner);
    const cat = await createCategory({ parentId: null, name: { 'zh-CN': '茶叶' } });
    const productId = (await createProduct(merchantId, content(merchantId, (await categories()).leafId), owner.id)).id;
    const blocks = [
      { type: 'banner', imageKey: image, categoryId: cat.id },
      { type: 'featured_products', title: { 'zh-CN': '新品', en: 'New' }, productIds: [productId] },
      { type: 'category_strip', categoryIds: [cat.id] },
    ];
    const res = await invoke<StoreProfile>(updateLayout, { method: 'PUT', params: { merchantId }, body: { blocks }, token: await owner.token() });
    expect(res.status).toBe(200);
    expect(res.body.blocks.map((b) => b.type)).toEqual(['banner', 'featured_products', 'category_strip']);

    const page = await invoke<PublicStore>(getStore, { method: 'GET', params: { merchantId } });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ id: merchantId, selling: true, status: 'open' });
    expect(page.body.blocks[0]).toMatchObject({ type: 'banner', imageKey: image, categoryId: cat.id, productId: null });
    expect((page.body.blocks[0] as { imageUrl: string }).imageUrl).toContain(image);
    expect(page.body.blocks[1]).toEqual({ type: 'featured_products', title: { 'zh-CN': '新品', en: 'New' }, productIds: [productId] });
  });

  it("refuses products that are not the store's own, unknown or another store's (400), changing nothing", async () => {
    // Prepare: a product of another store
    const other = await createMerchant({ name: storeName('Other'), ownerId: (await account('other-owner')).id });
    const foreign = (await createProduct(other.id, content(other.id, (await categories()).leafId), null)).id;
    const image = await storeImage(merchantId, owner);
    const token = await owner.token();
    const before = await digestOf(merchantId);
    // Act
    const answers = await Promise.all(
      [
        [{ type: 'featured_products', productIds: [foreign] }],
        [{ type: 'featured_products', productIds: ['01J0000000000000000000000P'] }],
        [{ type: 'banner', imageKey: image, productId: foreign }],
      ].map((blocks) => invoke<ErrorAnswer>(updateLayout, { method: 'PUT', params: { merchantId }, body: { blocks }, token })),
    );
    // Assert
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
    expect(answers[0]!.body.error.fields?.['body.blocks']).toContain(foreign);
    expect(await digestOf(merchantId)).toBe(before);
  });

  it('refuses more than 10 blocks, unknown block types, duplicate ids, unknown categories and foreign images (400)', async () => {
    const image = await storeImage(merchantId, owner);
    const token = await owner.token();
    const strip = (ids: string[]) => ({ type: 'category_strip', categoryIds: ids });
    const cat = (await createCategory({ parentId: null, name: { 'zh-CN': '服饰' } })).id;
    const bad = [
      Array.from({ length: 11 }, () => strip([cat])),
      [{ type: 'video', url: 'x' }],
      [strip([cat, cat])],
      [strip(['01HZZZZZZZZZZZZZZZZZZZZZZZ'])],
      [{ type: 'banner', imageKey: image.replace(merchantId, '01HZZZZZZZZZZZZZZZZZZZZZZZ') }],
      [{ type: 'banner', imageKey: image, productId: '01J0000000000000000000000P', categoryId: cat }],
      [{ type: 'banner', imageKey: image, price: 1 }],
    ];
    for (const blocks of bad)
      expect((await invoke<ErrorAnswer>(updateLayout, { method: 'PUT', params: { merchantId }, body: { blocks }, token })).status).toBe(400);
  });

  it('answers 404 for an unknown store', async () => {
    expect((await invoke(getStore, { method: 'GET', params: { merchantId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' } })).status).toBe(404);
  });
});

describe('store status', () => {
  it('is set by the platform with a reason the merchant sees, copied onto every staff item; a suspended store does not sell', async () => {
    const o = await account('status-owner');
    const m = await createMerchant({ name: storeName('Status'), ownerId: o.id });
    const member = await account('status-member');
    await inviteStaff(m.id, { userId: member.id, role: 'operator' }, o.id);

    const res = await invoke<MerchantAdminView>(setStatus, {
      params: { merchantId: m.id },
      body: { status: 'suspended', reason: '售假投诉，暂停营业' },
      token: await reviewer.token(),
      headers: { 'Idempotency-Key': `suspend-${m.id}` },
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'suspended', statusReason: '售假投诉，暂停营业' });
    expect(await isStoreSelling(m.id)).toBe(false);
    for (const uid of [o.id, member.id]) expect((await listUserMerchants(uid)).find((x) => x.id === m.id)?.status).toBe('suspended');
    const profile = await invoke<StoreProfile>(getProfile, { method: 'GET', params: { merchantId: m.id }, token: await member.token() });
    expect(profile.body).toMatchObject({ status: 'suspended', statusReason: '售假投诉，暂停营业', selling: false });
    const page = await invoke<PublicStore>(getStore, { method: 'GET', params: { merchantId: m.id } });
    expect(page.body).toMatchObject({ status: 'suspended', selling: false });

    await setMerchantStatus(m.id, 'warned', '整改完成，观察期');
    expect(await isStoreSelling(m.id)).toBe(true);
  });

  it('keeps closed final, refuses a no-op (409) and needs a reason (400)', async () => {
    const o = await account('closed-owner');
    const m = await createMerchant({ name: storeName('Closed'), ownerId: o.id });
    const token = await reviewer.token();
    expect((await invoke(setStatus, { params: { merchantId: m.id }, body: { status: 'open', reason: 'again' }, token })).status).toBe(409);
    expect((await invoke(setStatus, { params: { merchantId: m.id }, body: { status: 'closed' }, token })).status).toBe(400);
    expect((await invoke(setStatus, { params: { merchantId: m.id }, body: { status: 'closed', reason: 'owner asked' }, token })).status).toBe(200);
    expect((await invoke(setStatus, { params: { merchantId: m.id }, body: { status: 'open', reason: 'reopen' }, token })).status).toBe(409);
    expect((await invoke(updateProfile, { params: { merchantId: m.id }, body: { name: storeName() }, token: await o.token() })).status).toBe(409);
  });

  it('is platform business: the store owner and a customer-service platform role get 403', async () => {
    const cs = await platformAccount('customer_service');
    expect((await invoke(setStatus, { params: { merchantId }, body: { status: 'warned', reason: 'x1' }, token: await owner.token() })).status).toBe(403);
    expect((await invoke(setStatus, { params: { merchantId }, body: { status: 'warned', reason: 'x1' }, token: await cs.token() })).status).toBe(403);
    // customer service may read the merchant list
    expect((await invoke(listMerchants, { method: 'GET', token: await cs.token() })).status).toBe(200);
    expect((await invoke(getForAdmin, { method: 'GET', params: { merchantId }, token: await cs.token() })).status).toBe(200);
  });
});

describe('access patterns', () => {
  it('AP23 listMerchantsByStatus: stores move between status lists, oldest first, paged', async () => {
    const o = await account('ap23');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await createMerchant({ name: storeName(`AP23-${i}`), ownerId: o.id })).id);
    await setMerchantStatus(ids[1]!, 'warned', 'late shipping');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMerchantsByStatus('open', 2, cursor);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toContain(ids[0]);
    expect(seen).not.toContain(ids[1]);
    expect(seen.indexOf(ids[0]!)).toBeLessThan(seen.indexOf(ids[2]!));
    const warned = await invoke<{ items: MerchantAdminView[] }>(listMerchants, {
      method: 'GET',
      query: { status: 'warned', limit: '100' },
      token: await reviewer.token(),
    });
    expect(warned.body.items.map((m) => m.id)).toContain(ids[1]);
    const raw = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byStatus,
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.merchantStatusIndex('warned').GSI2PK },
      }),
    );
    expect(raw.Items?.map((i) => i.id)).toContain(ids[1]);
  });

  it('AP25 getStoreLayout: the layout is one item beside the merchant profile', async () => {
    await invoke(updateLayout, { method: 'PUT', params: { merchantId }, body: { blocks: [] }, token: await owner.token() });
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.storeLayout(merchantId) }));
    expect(out.Item).toMatchObject({ entity: 'StoreLayout', merchantId, blocks: [] });
  });

  it('AP26 listMerchantInbox: opening and status messages, newest first, paged', async () => {
    const o = await account('ap26');
    const m = await createMerchant({ name: storeName('AP26'), ownerId: o.id });
    await setMerchantStatus(m.id, 'warned', 'slow replies');
    await setMerchantStatus(m.id, 'open', 'fixed');
    const token = await o.token();
    const first = await invoke<{ items: InboxMessage[]; nextCursor: string | null }>(inbox, {
      method: 'GET',
      params: { merchantId: m.id },
      query: { limit: '2' },
      token,
    });
    expect(first.body.items.map((i) => [i.kind, i.status, i.reason])).toEqual([
      ['status_changed', 'open', 'fixed'],
      ['status_changed', 'warned', 'slow replies'],
    ]);
    const second = await invoke<{ items: InboxMessage[] }>(inbox, {
      method: 'GET',
      params: { merchantId: m.id },
      query: { limit: '2', cursor: first.body.nextCursor! },
      token,
    });
    expect(second.body.items.map((i) => i.kind)).toEqual(['store_opened']);
    // a cursor of another store's inbox is refused
    const other = await invoke(inbox, { method: 'GET', params: { merchantId }, query: { cursor: first.body.nextCursor! }, token: await owner.token() });
    expect(other.status).toBe(400);
  });
});
