import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Application, Category, ImportReport, MerchantProductView } from '@wxshop/shared';
import { withSimulators } from '../support/integration-env';
import { invoke, type Answer, type Invocation } from '../support/lambda';
import type { Simulators } from '../../infra/local/sims';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import { getCategoryTree } from '../../functions/categories/categories';
import { listUserApplications } from '../../functions/merchants/applications';
import { getMerchant } from '../../functions/merchants/merchants';
import { listMerchantProducts } from '../../functions/catalog/products';
import { handler as createCategoryRoute } from '../../functions/categories/create-category';
import { handler as submitRoute } from '../../functions/merchants/submit-application';
import { handler as resubmitRoute } from '../../functions/merchants/resubmit-application';
import { handler as rejectRoute } from '../../functions/merchants/reject-application';
import { handler as inviteRoute } from '../../functions/merchants/invite-merchant-staff';
import { handler as importRoute } from '../../functions/catalog/import-products';
import { handler as createStaffRoute } from '../../functions/admin/create-platform-staff';
import { handler as createProductRoute } from '../../functions/catalog/create-product';
import { handler as approveProductRoute } from '../../functions/catalog/approve-product';
import { handler as rejectProductRoute } from '../../functions/catalog/reject-product';
import { handler as putOnShelfRoute } from '../../functions/catalog/put-product-on-shelf';
import { handler as setStatusRoute } from '../../functions/merchants/set-merchant-status';
import { createProduct, updateProduct } from '../../functions/catalog/product-content';
import { approveProduct, submitProduct, takeOffShelf } from '../../functions/catalog/product-lifecycle';
import {
  account,
  applicationBody,
  freshPhone,
  platformAccount,
  storeName,
  topCategory,
  uploadDocument,
  withUploads,
  type TestAccount,
} from './merchants-support';
import { categories, content, imageKey, merchantWithOwner, uniqueCode } from './catalog-fixtures';

/**
 * Exactly once after a crash, for the routes that CREATE something (ADR 0034, the audit's last row):
 * the handler's write lands, the host dies before the Idempotency-Key record is completed
 * (IDEMPOTENCY_FAULT), and the client's retry after the takeover time runs the handler again. It must
 * answer what the first run created (same id, 2xx) and leave exactly one of it. On the code before the
 * effect markers, create-category made a second category, and the others answered 409 (or an import
 * report refusing every row for "code in use") to a request that had succeeded.
 */
jest.setTimeout(60_000);

let sims: Simulators;
let s3: { stop(): Promise<void> };
let admin: TestAccount;
let reviewer: TestAccount;

beforeAll(async () => {
  [sims, s3] = await Promise.all([withSimulators(), withUploads()]);
  admin = await platformAccount('super_admin');
  reviewer = await platformAccount('operator');
});
afterAll(async () => {
  await Promise.all([sims.close(), s3.stop()]);
});
afterEach(() => {
  delete process.env.IDEMPOTENCY_FAULT;
  delete process.env.IDEMPOTENCY_TAKEOVER_S;
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Handler = Parameters<typeof invoke>[0];

/** The first call writes and "crashes" (500, record left in_progress); the retry after the takeover time, and one more, answer. */
async function crashThenRetry<T>(route: Handler, request: Invocation): Promise<{ retried: Answer<T>; again: Answer<T> }> {
  process.env.IDEMPOTENCY_TAKEOVER_S = '1';
  process.env.IDEMPOTENCY_FAULT = 'crash-before-complete';
  const crashed = await invoke(route, request);
  delete process.env.IDEMPOTENCY_FAULT;
  expect(crashed.status).toBe(500);
  await sleep(2_200); // the takeover compares whole seconds
  const retried = await invoke<T>(route, request);
  const again = await invoke<T>(route, request);
  expect(again.headers['idempotent-replayed'] ?? again.headers['Idempotent-Replayed']).toBe('true');
  return { retried, again };
}

const key = (label: string): Record<string, string> => ({ 'Idempotency-Key': `crash-${label}-${Date.now().toString(36)}` });

describe('a create whose request crashed after its write, retried with the same Idempotency-Key', () => {
  it('create-category: one category, and the retry answers it', async () => {
    const name = `崩溃分类${Date.now()}`;
    const { retried, again } = await crashThenRetry<Category>(createCategoryRoute, {
      body: { parentId: null, name: { 'zh-CN': name } },
      token: await admin.token(),
      headers: key('category'),
    });
    expect(retried.status).toBe(201);
    const named = (await getCategoryTree()).filter((c) => c.name['zh-CN'] === name);
    expect(named.map((c) => c.id)).toEqual([retried.body.id]);
    expect(again.body.id).toBe(retried.body.id);
  });

  it('create-category under a parent: one child, counted once on the parent', async () => {
    const { parentId } = await categories();
    const name = `子分类${Date.now()}`;
    const { retried } = await crashThenRetry<Category>(createCategoryRoute, {
      body: { parentId, name: { 'zh-CN': name } },
      token: await admin.token(),
      headers: key('child'),
    });
    expect(retried.status).toBe(201);
    const parent = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.category(parentId), ConsistentRead: true }))).Item!;
    // categories() made one leaf under it already
    expect(parent.childCount).toBe(2);
    const children = (await getCategoryTree()).find((c) => c.id === parentId)!.children.filter((c) => c.name['zh-CN'] === name);
    expect(children.map((c) => c.id)).toEqual([retried.body.id]);
  });

  it('submit-application: one application, and the retry answers it (not 409 "open application")', async () => {
    const applicant = await account('crash applicant');
    const categoryId = await topCategory();
    const { retried, again } = await crashThenRetry<Application>(submitRoute, {
      body: applicationBody(storeName('崩溃'), categoryId, [await uploadDocument(applicant)]),
      token: await applicant.token(),
      headers: key('apply'),
    });
    expect(retried.status).toBe(201);
    const mine = await listUserApplications(applicant.id);
    expect(mine.map((a) => a.id)).toEqual([retried.body.id]);
    expect(again.body.id).toBe(retried.body.id);
  });

  it('resubmit-application: version 2 once, and the retry answers it (not 409 "only a rejected application")', async () => {
    const applicant = await account('crash resubmitter');
    const categoryId = await topCategory();
    const first = await invoke<Application>(submitRoute, {
      body: applicationBody(storeName('重交'), categoryId, [await uploadDocument(applicant)]),
      token: await applicant.token(),
    });
    expect(first.status).toBe(201);
    const rejected = await invoke(rejectRoute, { params: { applicationId: first.body.id }, body: { reason: '照片模糊' }, token: await reviewer.token() });
    expect(rejected.status).toBe(200);
    const { retried } = await crashThenRetry<Application>(resubmitRoute, {
      method: 'PUT',
      params: { applicationId: first.body.id },
      body: applicationBody(storeName('重交'), categoryId, [await uploadDocument(applicant)]),
      token: await applicant.token(),
      headers: key('resubmit'),
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: first.body.id, status: 'submitted', version: 2 });
    const versions = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
        ExpressionAttributeValues: { ':pk': keys.applicationPartition(first.body.id).PK, ':v': keys.applicationVersionsPrefix(first.body.id).SKPrefix },
        ConsistentRead: true,
      }),
    );
    expect(versions.Items?.length).toBe(2);
  });

  it('invite-merchant-staff (an existing account): added once, staff counted once, and the retry answers "added"', async () => {
    const { merchantId, owner } = await merchantWithOwner('CrashStaff');
    const before = (await getMerchant(merchantId)).staffCount ?? 0;
    const colleague = await account('crash colleague');
    const { retried } = await crashThenRetry<{ outcome: string; staff: { userId: string } }>(inviteRoute, {
      params: { merchantId },
      body: { userId: colleague.id, role: 'operator' },
      token: await owner.token(),
      headers: key('invite'),
    });
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ outcome: 'added', staff: { userId: colleague.id } });
    expect((await getMerchant(merchantId)).staffCount).toBe(before + 1);
  });

  it('import-products: each product once, and the retry answers the first import with the same product ids (not "code in use")', async () => {
    const { merchantId, owner } = await merchantWithOwner('CrashImport');
    const { leafId } = await categories();
    const header = 'handle,title_zh,description_zh,category_id,image_keys,sku_code,price,stock';
    const title = `导入${Date.now()}`;
    const csv = [
      header,
      `a,${title}甲,描述,${leafId},${imageKey(merchantId)},${uniqueCode('CR')},9.90,3`,
      `b,${title}乙,描述,${leafId},${imageKey(merchantId)},${uniqueCode('CR')},19.90,4`,
    ].join('\n');
    const { retried, again } = await crashThenRetry<ImportReport>(importRoute, {
      params: { merchantId },
      body: { csv },
      token: await owner.token(),
      headers: key('import'),
    });
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ accepted: 2, refused: 0 });
    const listed = await listMerchantProducts(merchantId, { limit: 50 });
    const mine = listed.items.filter((p) => p.title['zh-CN']?.startsWith(title));
    expect(mine).toHaveLength(2);
    expect(mine.map((p) => p.id).sort()).toEqual(retried.body.products.map((p) => p.productId).sort());
    expect(again.body.id).toBe(retried.body.id);
  });

  it('create-platform-staff: one role, and the retry answers the same staff member', async () => {
    const phone = freshPhone();
    const { retried } = await crashThenRetry<{ userId: string }>(createStaffRoute, {
      body: { phone, role: 'operator' },
      token: await admin.token(),
      headers: key('staff'),
    });
    expect(retried.status).toBe(201);
    const role = await db().send(new GetCommand({ TableName: tableName(), Key: keys.platformRole(retried.body.userId), ConsistentRead: true }));
    expect(role.Item).toMatchObject({ role: 'operator' });
    const identities = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byOwner,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'PLATFORM_STAFF' },
      }),
    );
    expect((identities.Items ?? []).filter((i) => i.userId === retried.body.userId)).toHaveLength(1);
  });
});

/**
 * The same for create-product and for the STATE TRANSITIONS (ADR 0034's second row): their writes were
 * always conditional on the state read, so a re-run changed nothing, but it answered 409 (or 400 "code
 * in use") to a request that had succeeded. The transition's transaction now carries an effect marker;
 * a refused re-run that finds it answers the object as it is. Each test checks the answer AND that the
 * effect happened once (versions, inbox messages, listing).
 */
describe('a state transition whose request crashed after its write, retried with the same Idempotency-Key', () => {
  const productIn = async (label: string, status: 'draft' | 'submitted' | 'approved') => {
    const { merchantId, owner } = await merchantWithOwner(label);
    const { leafId } = await categories();
    const product = await createProduct(merchantId, content(merchantId, leafId), owner.id);
    if (status !== 'draft') await submitProduct(merchantId, product.id);
    if (status === 'approved') await approveProduct(product.id);
    return { merchantId, owner, leafId, productId: product.id };
  };

  it('create-product: one product, and the retry answers it (not 400 "code in use")', async () => {
    const { merchantId, owner } = await merchantWithOwner('CrashCreate');
    const { leafId } = await categories();
    const title = `崩溃商品${Date.now()}`;
    const { retried, again } = await crashThenRetry<MerchantProductView>(createProductRoute, {
      params: { merchantId },
      body: content(merchantId, leafId, { title: { 'zh-CN': title } }),
      token: await owner.token(),
      headers: key('product'),
    });
    expect(retried.status).toBe(201);
    const mine = (await listMerchantProducts(merchantId, { limit: 50 })).items.filter((p) => p.title['zh-CN'] === title);
    expect(mine.map((p) => p.id)).toEqual([retried.body.id]);
    expect(again.body.id).toBe(retried.body.id);
  });

  it('approve-product: approved once, and the retry answers it (not 409 "only a submitted product")', async () => {
    const { productId } = await productIn('CrashApprove', 'submitted');
    const { retried } = await crashThenRetry<MerchantProductView>(approveProductRoute, {
      params: { productId },
      token: await reviewer.token(),
      headers: key('approve'),
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: productId, status: 'approved', version: 1 });
  });

  it('reject-product: rejected once with its reason, and the retry answers it', async () => {
    const { productId } = await productIn('CrashRejectP', 'submitted');
    const { retried } = await crashThenRetry<MerchantProductView>(rejectProductRoute, {
      params: { productId },
      body: { reason: '图片不清楚' },
      token: await reviewer.token(),
      headers: key('reject-product'),
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: productId, status: 'rejected', rejectReason: '图片不清楚' });
  });

  it('put-product-on-shelf of edited content (back to review): submitted once, and the retry answers it', async () => {
    const { merchantId, owner, leafId, productId } = await productIn('CrashShelf', 'approved');
    await takeOffShelf(merchantId, productId);
    await updateProduct(merchantId, productId, content(merchantId, leafId, { title: { 'zh-CN': '改过的标题' } }), owner.id);
    const { retried } = await crashThenRetry<MerchantProductView>(putOnShelfRoute, {
      params: { merchantId, productId },
      token: await owner.token(),
      headers: key('shelf'),
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: productId, status: 'submitted' });
  });

  it('reject-application: rejected once, and the retry answers it (not 409 "only a submitted application")', async () => {
    const applicant = await account('crash rejected applicant');
    const submitted = await invoke<Application>(submitRoute, {
      body: applicationBody(storeName('拒绝'), await topCategory(), [await uploadDocument(applicant)]),
      token: await applicant.token(),
    });
    expect(submitted.status).toBe(201);
    const { retried } = await crashThenRetry<Application>(rejectRoute, {
      params: { applicationId: submitted.body.id },
      body: { reason: '营业执照不清楚' },
      token: await reviewer.token(),
      headers: key('reject-app'),
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: submitted.body.id, status: 'rejected' });
  });

  it('set-merchant-status: suspended once with one inbox message, and the retry answers it (not 409 "already suspended")', async () => {
    const { merchantId } = await merchantWithOwner('CrashStatus');
    const { retried } = await crashThenRetry<{ status: string }>(setStatusRoute, {
      params: { merchantId },
      body: { status: 'suspended', reason: '投诉核查' },
      token: await admin.token(),
      headers: key('status'),
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'suspended' });
    const inbox = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': keys.merchantInboxPrefix(merchantId).PK, ':sk': keys.merchantInboxPrefix(merchantId).SKPrefix },
        ConsistentRead: true,
      }),
    );
    expect((inbox.Items ?? []).filter((m) => m.kind === 'status_changed')).toHaveLength(1);
  });
});
