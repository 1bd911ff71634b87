/**
 * Share to earn, first part (ADR 0064-0066) through the handlers against DynamoDB Local, a private
 * local S3 and the simulators: the rules and their profit-sharing cap, applications and their review,
 * shares (scene and a mini-program code made once), binding by the rules, and commission to the fen:
 * a three-tier chain, a two-store checkout paid at the WeChat Pay simulator, a partial refund through
 * the real after-sale path, then the rest refunded. The stream consumer gets the events the order and
 * after-sale code wrote, delivered twice.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckoutResult } from '@wxshop/shared/orders';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import type { AfterSale } from '@wxshop/shared/after-sales';
import {
  SCENE_PATTERN,
  type BindResult,
  type DistributionRules,
  type DistributorPage,
  type Earnings,
  type MyDistributor,
  type Share,
  type TeamPage,
} from '@wxshop/shared/distribution';
import { invoke } from '../support/lambda';
import { startWechatpayWebhook, type WechatpayWebhook } from '../support/wechatpay-webhook';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { preview, submit } from '../../functions/orders/checkout';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as requestRoute } from '../../functions/after-sales/request-after-sale';
import { readCase } from '../../functions/after-sales/repo';
import { handler as getRulesRoute } from '../../functions/distribution/get-distribution-rules';
import { handler as saveRulesRoute } from '../../functions/distribution/save-distribution-rules';
import { handler as getMineRoute } from '../../functions/distribution/get-my-distributor';
import { handler as applyRoute } from '../../functions/distribution/apply-distributor';
import { handler as queueRoute } from '../../functions/distribution/list-distributor-queue';
import { handler as approveRoute } from '../../functions/distribution/approve-distributor';
import { handler as rejectRoute } from '../../functions/distribution/reject-distributor';
import { handler as shareRoute } from '../../functions/distribution/create-share';
import { handler as visitRoute } from '../../functions/distribution/record-share-visit';
import { handler as bindRoute } from '../../functions/distribution/bind-referral';
import { handler as earningsRoute } from '../../functions/distribution/get-my-earnings';
import { handler as teamRoute } from '../../functions/distribution/list-my-team';
import { handler as accrueCommissions } from '../../functions/distribution/accrue-commissions';
import { bind } from '../../functions/distribution/binding';
import { readSnapshot } from '../../functions/distribution/accrual';
import { CHECKS, reconcile } from '../../functions/ops/reconcile';
import { categoryTree, listedProduct, productRecord, shopper } from './browse-fixtures';
import { merchantWithOwner } from './catalog-fixtures';
import { platformAccount, withUploads } from './merchants-support';

jest.setTimeout(180_000);
ownTable('distribution');

let sims: Simulators;
let s3: { stop(): Promise<void> };
let webhook: WechatpayWebhook;
let leaf: string;
let otherLeaf: string;
let storeA: string;
let storeB: string;
let admin: string;
let operator: string;

type Shopper = { id: string; token: string };

beforeAll(async () => {
  sims = await withSimulators();
  s3 = await withUploads();
  webhook = await startWechatpayWebhook();
  resetAdapterConfig();
  ({ leaf, otherLeaf } = await categoryTree());
  const [a, b] = await Promise.all([merchantWithOwner('Share A'), merchantWithOwner('Share B')]);
  storeA = a.merchantId;
  storeB = b.merchantId;
  await Promise.all([setStoreSubMchid(storeA, '1900000101'), setStoreSubMchid(storeB, '1900000102')]);
  const [sa, op] = await Promise.all([platformAccount('super_admin'), platformAccount('operator')]);
  [admin, operator] = await Promise.all([sa.token(), op.token()]);
});

afterAll(async () => {
  await webhook.close();
  await sims.close();
  await s3.stop();
});

const RULES = {
  enabled: true,
  tiers: 3,
  rates: [1000, 500, 300],
  categoryRates: [] as { categoryId: string; rates: number[] }[],
  selfPurchase: false,
  joinMode: 'apply',
  spendThreshold: null as { amount: number; currency: string } | null,
  bindingMode: 'permanent',
  bindingDays: null as number | null,
  settlementDelayDays: 7,
  minimumWithdrawal: { amount: 100, currency: 'CNY' },
  withdrawalFeeBp: 0,
  dailyWithdrawalCap: { amount: 50_000, currency: 'CNY' },
};

/** Saves `changes` over RULES at the version in force. */
async function setRules(changes: Partial<typeof RULES>): Promise<DistributionRules> {
  const now = await invoke<DistributionRules>(getRulesRoute, { token: admin });
  const saved = await invoke<DistributionRules>(saveRulesRoute, { token: admin, body: { ...RULES, ...changes, expectedVersion: now.body.version } });
  expect(saved.status).toBe(200);
  return saved.body;
}

/** An approved distributor (applied under `apply`, approved by the operator). */
async function distributor(nickname = '分销员'): Promise<Shopper> {
  const me = await shopper(nickname);
  expect((await invoke(applyRoute, { token: me.token, body: {} })).status).toBe(201);
  expect((await invoke(approveRoute, { token: operator, params: { userId: me.id } })).status).toBe(200);
  return me;
}

const inviteOf = async (who: Shopper): Promise<string> => (await invoke<Share>(shareRoute, { token: who.token, body: { kind: 'invite' } })).body.scene;
const bindTo = async (who: Shopper, scene: string) => (await invoke<BindResult>(bindRoute, { token: who.token, body: { scene, channel: 'qr' } })).body;

describe('rules (AP129)', () => {
  it('starts off at version 0, and refuses any setting whose pool with the 600 bp platform fee could pass 30%', async () => {
    const first = await invoke<DistributionRules>(getRulesRoute, { token: admin });
    expect(first.body).toMatchObject({ enabled: false, version: 0 });

    const save = (body: Record<string, unknown>) =>
      invoke<{ error: { code: string } }>(saveRulesRoute, { token: admin, body: { ...RULES, expectedVersion: 0, ...body } });
    expect((await save({ rates: [1500, 600, 400] })).status).toBe(400); // 2500 + 600 > 3000
    expect((await save({ rates: [1000, 500, 300], categoryRates: [{ categoryId: leaf, rates: [2000, 300, 200] }] })).status).toBe(400); // a category's 2500
    expect((await save({ rates: [1000, 500] })).status).toBe(400); // one rate per tier
    expect((await save({ joinMode: 'spend' })).status).toBe(400); // a threshold with spend
    expect((await save({ bindingMode: 'days' })).status).toBe(400); // days with days
    expect((await save({ commissionPool: 2400 })).status).toBe(400); // strict
    expect((await save({ minimumWithdrawal: { amount: 100, currency: 'USD' } })).status).toBe(400);
    expect((await invoke(saveRulesRoute, { token: operator, body: { ...RULES, expectedVersion: 0 } })).status).toBe(403);

    const atCap = await save({ rates: [1600, 500, 300] }); // exactly 2400 + 600
    expect(atCap.status).toBe(200);
    expect(atCap.body).toMatchObject({ version: 1, enabled: true, rates: [1600, 500, 300] });
    expect((await save({})).status).toBe(409); // written against version 0 again
    expect((await setRules({})).version).toBe(2);
  });
});

describe('distributors (AP130, AP131)', () => {
  it('apply -> queue -> reject with a reason (shown) -> apply again -> approve', async () => {
    await setRules({ joinMode: 'apply' });
    const me = await shopper('想分销');
    const applied = await invoke<MyDistributor>(applyRoute, { token: me.token, body: { note: '朋友多' } });
    expect(applied.status).toBe(201);
    expect(applied.body.distributor).toMatchObject({ status: 'applied', note: '朋友多', reason: null });
    const queue = await invoke<DistributorPage>(queueRoute, { token: operator, query: { status: 'applied' } });
    expect(queue.body.items.map((d) => d.userId)).toContain(me.id);

    expect((await invoke(rejectRoute, { token: operator, params: { userId: me.id }, body: { reason: '资料不全' } })).status).toBe(200);
    const mine = await invoke<MyDistributor>(getMineRoute, { token: me.token });
    expect(mine.body).toMatchObject({ program: { enabled: true, joinMode: 'apply' }, distributor: { status: 'rejected', reason: '资料不全' } });
    expect((await invoke(approveRoute, { token: operator, params: { userId: me.id } })).status).toBe(409); // not waiting

    expect((await invoke<MyDistributor>(applyRoute, { token: me.token, body: {} })).body.distributor).toMatchObject({ status: 'applied', reason: null });
    const approved = await invoke<MyDistributor>(approveRoute, { token: operator, params: { userId: me.id } });
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: expect.any(String) });
    expect((await invoke<DistributorPage>(queueRoute, { token: operator, query: { status: 'applied' } })).body.items.map((d) => d.userId)).not.toContain(me.id);
    expect((await invoke(queueRoute, { token: (await shopper()).token })).status).toBe(403);
  });

  it('everyone: approved at once; spend: refused below the threshold; off: refused', async () => {
    await setRules({ joinMode: 'everyone' });
    expect((await invoke<MyDistributor>(applyRoute, { token: (await shopper()).token, body: {} })).body.distributor?.status).toBe('approved');
    await setRules({ joinMode: 'spend', spendThreshold: { amount: 5000, currency: 'CNY' } });
    const poor = await invoke<{ error: { code: string } }>(applyRoute, { token: (await shopper()).token, body: {} });
    expect(poor.status).toBe(422);
    await setRules({ enabled: false });
    expect((await invoke(applyRoute, { token: (await shopper()).token, body: {} })).status).toBe(422);
    await setRules({});
  });
});

describe('shares (AP132-AP134)', () => {
  it('a product share: a scene of at most 32 allowed characters, a link carrying it, a code made once at WeChat and stored in S3', async () => {
    await setRules({});
    const d = await distributor();
    const productId = await listedProduct(storeA, { title: { 'zh-CN': '分享茶叶' }, categoryId: leaf, prices: [1200], stock: 5 });
    const made = sims.state.wechat.wxacodes.length;

    const first = await invoke<Share>(shareRoute, { token: d.token, body: { kind: 'product', targetId: productId } });
    expect(first.status).toBe(200);
    expect(first.body.scene).toMatch(SCENE_PATTERN);
    expect(first.body.scene.length).toBeLessThanOrEqual(32);
    expect(first.body).toMatchObject({ kind: 'product', targetId: productId, page: 'shop/pages/product/index' });
    expect(new URL(first.body.link).searchParams.get('scene')).toBe(first.body.scene);
    expect(new URL(first.body.link).searchParams.get('id')).toBe(productId);
    const png = Buffer.from(await (await fetch(first.body.qrUrl)).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(sims.state.wechat.wxacodes.slice(made)).toEqual([{ scene: first.body.scene, page: 'shop/pages/product/index' }]);

    const again = await invoke<Share>(shareRoute, { token: d.token, body: { kind: 'product', targetId: productId } });
    expect(again.body).toEqual(first.body);
    expect(sims.state.wechat.wxacodes.length).toBe(made + 1); // reused, not made again

    const visit = await invoke(visitRoute, { params: { scene: first.body.scene }, body: { channel: 'qr' } });
    expect(visit.body).toEqual({ scene: first.body.scene, kind: 'product', targetId: productId, page: 'shop/pages/product/index' });
    const visits = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.share(first.body.scene).PK, ':p': 'VISIT#' },
        ConsistentRead: true,
      }),
    );
    expect(visits.Items?.map((v) => v.channel)).toEqual(['qr']);
    expect((await invoke(visitRoute, { params: { scene: 'nosuchscene1' }, body: { channel: 'qr' } })).status).toBe(404);
  });

  it('refuses a share by a non-distributor (403), of a product not on sale or a store that does not exist (404), and a scene off the charset (400)', async () => {
    const plain = await shopper();
    expect((await invoke(shareRoute, { token: plain.token, body: { kind: 'invite' } })).status).toBe(403);
    const d = await distributor();
    expect((await invoke(shareRoute, { token: d.token, body: { kind: 'store', targetId: '01HZZZZZZZZZZZZZZZZZZZZZZZ' } })).status).toBe(404);
    expect((await invoke(shareRoute, { token: d.token, body: { kind: 'invite', targetId: storeA } })).status).toBe(400);
    const store = await invoke<Share>(shareRoute, { token: d.token, body: { kind: 'store', targetId: storeA } });
    expect(store.body).toMatchObject({ kind: 'store', page: 'shop/pages/store/index' });
    expect((await invoke(visitRoute, { params: { scene: 'a%20b' }, body: { channel: 'qr' } })).status).toBe(400);
  });
});

describe('binding (AP135, AP136)', () => {
  it('never to oneself, never a loop up the chain (two and three links)', async () => {
    await setRules({ bindingMode: 'permanent' });
    const [a, b, c] = [await distributor('A'), await distributor('B'), await distributor('C')];
    expect(await bindTo(a, await inviteOf(a))).toMatchObject({ outcome: 'refused', reason: 'self', referrerId: null });
    expect(await bindTo(b, await inviteOf(a))).toMatchObject({ outcome: 'bound', referrerId: a.id });
    expect(await bindTo(a, await inviteOf(b))).toMatchObject({ outcome: 'refused', reason: 'loop' });
    expect(await bindTo(c, await inviteOf(b))).toMatchObject({ outcome: 'bound', referrerId: b.id });
    expect(await bindTo(a, await inviteOf(c))).toMatchObject({ outcome: 'refused', reason: 'loop' });

    const team = await invoke<TeamPage>(teamRoute, { token: a.token, query: { tier: '1' } });
    expect(team.body.items.map((m) => m.userId)).toEqual([b.id]);
    const indirect = await invoke<TeamPage>(teamRoute, { token: a.token, query: { tier: '2' } });
    expect(indirect.body.items).toMatchObject([{ userId: c.id, tier: 2, via: b.id }]);
  });

  it('two bindings racing towards a loop: at most one commits (the chain is re-checked in the transaction)', async () => {
    await setRules({ bindingMode: 'permanent' });
    for (let round = 0; round < 3; round += 1) {
      const [a, b] = [await distributor('甲'), await distributor('乙')];
      const [sa, sb] = [await inviteOf(a), await inviteOf(b)];
      const results = await Promise.allSettled([bind(a.id, sb, 'qr'), bind(b.id, sa, 'qr')]);
      const bound = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'bound');
      expect(bound.length).toBeLessThanOrEqual(1);
      // whichever lost (refused as a loop, or 409 when the check failed in the transaction), no cycle exists
      const [ra, rb] = await Promise.all([bindTo(a, sb), bindTo(b, sa)]);
      expect([ra.referrerId === b.id, rb.referrerId === a.id].filter(Boolean).length).toBeLessThanOrEqual(1);
    }
  });

  it('permanent keeps the first referrer; last click takes the newest; N days ends and then a new share binds', async () => {
    const [a, b] = [await distributor('A'), await distributor('B')];
    const [sa, sb] = [await inviteOf(a), await inviteOf(b)];

    await setRules({ bindingMode: 'permanent' });
    const v1 = await shopper();
    await bindTo(v1, sa);
    expect(await bindTo(v1, sb)).toMatchObject({ outcome: 'kept', referrerId: a.id });

    await setRules({ bindingMode: 'last_click' });
    const v2 = await shopper();
    await bindTo(v2, sa);
    expect(await bindTo(v2, sb)).toMatchObject({ outcome: 'bound', referrerId: b.id });
    expect((await invoke<TeamPage>(teamRoute, { token: a.token })).body.items.map((m) => m.userId)).not.toContain(v2.id);
    expect((await invoke<TeamPage>(teamRoute, { token: b.token })).body.items.map((m) => m.userId)).toContain(v2.id);

    await setRules({ bindingMode: 'days', bindingDays: 3 });
    const v3 = await shopper();
    const t0 = new Date();
    expect(await bind(v3.id, sa, 'link', t0)).toMatchObject({
      outcome: 'bound',
      referrerId: a.id,
      boundUntil: new Date(t0.getTime() + 3 * 86_400_000).toISOString(),
    });
    expect(await bind(v3.id, sb, 'link', new Date(t0.getTime() + 2 * 86_400_000))).toMatchObject({ outcome: 'kept', referrerId: a.id });
    expect(await bind(v3.id, sb, 'link', new Date(t0.getTime() + 4 * 86_400_000))).toMatchObject({ outcome: 'bound', referrerId: b.id });
  });
});

// --- commission: a three-tier chain, a two-store checkout, a partial refund, then the rest

const waitUntil = async (probe: () => Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

async function skuOf(productId: string): Promise<string> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
      ConsistentRead: true,
    }),
  );
  return String(out.Items![0]!.id);
}

async function line(store: string, categoryId: string, price: number, quantity: number) {
  const productId = await listedProduct(store, { title: { 'zh-CN': '分佣测试' }, categoryId, prices: [price], stock: 20 });
  return { productId, skuId: await skuOf(productId), quantity };
}

/** The stream records of the events of a partition (`ORDER#` or `AFTERSALE#`), as Lambda delivers INSERTs. */
async function eventRecords(pk: string) {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': pk, ':p': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((e) => productRecord(e, undefined, 'INSERT'));
}

async function deliver(...pks: string[]): Promise<void> {
  const records = (await Promise.all(pks.map(eventRecords))).flat();
  expect(await accrueCommissions({ Records: records })).toEqual({ batchItemFailures: [] });
}

async function postingsOf(userId: string) {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.commissionPostingsPrefix(userId).PK, ':p': 'POSTING#' },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []) as { amount: { amount: number }; kind: string; orderId: string; tier: number }[];
}

const statusOf = async (orderId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.order(orderId), ConsistentRead: true }))).Item?.status;

const earnings = async (who: Shopper) => (await invoke<Earnings>(earningsRoute, { token: who.token })).body;

/** Asks for a refund before shipment (approved by rule) and waits until the simulator refunded it. */
async function refundBeforeShipment(buyer: Shopper, orderId: string, lines: { skuId: string; quantity: number }[]): Promise<AfterSale> {
  const asked = await invoke<AfterSale>(requestRoute, { token: buyer.token, body: { orderId, kind: 'refund_only', lines, reason: 'changed_mind' } });
  expect(asked.status).toBe(201);
  await waitUntil(async () => (await readCase(asked.body.id)).status === 'refunded');
  return asked.body;
}

describe('commission (AP137-AP140)', () => {
  it('three tiers, two stores, category rates: exact to the fen; once per delivery; a partial refund reverses in proportion, the rest reverses all', async () => {
    await setRules({ bindingMode: 'permanent', tiers: 3, rates: [1000, 500, 300], categoryRates: [{ categoryId: otherLeaf, rates: [1200, 600, 200] }] });
    // D1 <- D2 <- D3 <- buyer: D3 earns tier 1, D2 tier 2, D1 tier 3
    const [d1, d2, d3] = [await distributor('一级'), await distributor('二级'), await distributor('三级')];
    await bindTo(d2, await inviteOf(d1));
    await bindTo(d3, await inviteOf(d2));
    const buyer = await shopper('买家');
    expect(await bindTo(buyer, await inviteOf(d3))).toMatchObject({ outcome: 'bound', referrerId: d3.id });

    const address = await createAddress(buyer.id, { recipient: '赵六', phone: '13900139003', country: 'CN', regionCode: '330106', detail: '文三路 9 号' });
    await rememberWechatOpenid(buyer.id, sims.keys.wechat.appid, `o-share-${buyer.id}`);
    const tea = await line(storeA, leaf, 3333, 2); // 6666 at 10% / 5% / 3%
    const cup = await line(storeA, otherLeaf, 1999, 1); // 1999 at 12% / 6% / 2%
    const pot = await line(storeB, leaf, 789, 3); // 2367 at 10% / 5% / 3%
    const lines = [tea, cup, pot];
    const p = await preview(buyer.id, address.id, lines, 'zh-CN');
    const placed: CheckoutResult = await submit(buyer.id, `share-${Date.now()}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
    const orderA = placed.orders.find((o) => o.merchantId === storeA)!;
    const orderB = placed.orders.find((o) => o.merchantId === storeB)!;
    expect([orderA.total.amount, orderB.total.amount]).toEqual([8665, 2367]); // no shipping templates: free

    // OrderPlaced: the snapshot; a rule change afterwards does not change it
    await deliver(keys.order(orderA.id).PK, keys.order(orderB.id).PK);
    await setRules({ tiers: 3, rates: [100, 100, 100] });
    expect((await readSnapshot(orderA.id))?.tiers).toEqual([
      { tier: 1, distributorId: d3.id, amount: 906 }, // floor((6666 x 1000 + 1999 x 1200) / 10000) = floor(906.48)
      { tier: 2, distributorId: d2.id, amount: 453 }, // floor(453.24)
      { tier: 3, distributorId: d1.id, amount: 239 }, // floor(239.96)
    ]);
    expect((await readSnapshot(orderB.id))?.tiers.map((t) => t.amount)).toEqual([236, 118, 71]); // 236.7, 118.35, 71.01

    // paid at the simulator; OrderPaid delivered twice
    const started = await invoke<StartPaymentResult>(startRoute, {
      token: buyer.token,
      params: { checkoutId: placed.checkout.id },
      body: { channel: 'wechat_jsapi' },
      ip: '203.0.113.9',
    });
    if (started.body.channel !== 'wechat_jsapi') throw new Error('JSAPI expected');
    const paid = await fetch(`${sims.baseUrl}/_sim/wechatpay/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(started.body.requestPayment),
    });
    expect(paid.status).toBe(200);
    await waitUntil(async () => (await Promise.all([orderA.id, orderB.id].map(statusOf))).every((x) => x === 'paid'));
    await deliver(keys.order(orderA.id).PK, keys.order(orderB.id).PK);
    await deliver(keys.order(orderA.id).PK, keys.order(orderB.id).PK);

    expect(await earnings(d3)).toMatchObject({ pending: { amount: 906 + 236 }, available: { amount: 0 }, withdrawn: { amount: 0 }, owed: { amount: 0 } });
    expect((await earnings(d2)).pending.amount).toBe(453 + 118);
    expect((await earnings(d1)).pending.amount).toBe(239 + 71);
    expect((await earnings(buyer)).pending.amount).toBe(0);
    expect(await postingsOf(d3.id)).toHaveLength(2);

    // a partial refund: one unit of the tea (3333 of order A's 8665), delivered twice
    const first = await refundBeforeShipment(buyer, orderA.id, [{ skuId: tea.skuId, quantity: 1 }]);
    await deliver(keys.afterSale(first.id).PK);
    await deliver(keys.afterSale(first.id).PK);
    // floor(906 x 3333 / 8665) = 348, floor(453 x 3333 / 8665) = 174, floor(239 x 3333 / 8665) = 91
    expect((await earnings(d3)).pending.amount).toBe(906 + 236 - 348);
    expect((await earnings(d2)).pending.amount).toBe(453 + 118 - 174);
    expect((await earnings(d1)).pending.amount).toBe(239 + 71 - 91);

    // the rest of order A: every fen of its commission comes back, never more
    const rest = await refundBeforeShipment(buyer, orderA.id, [
      { skuId: tea.skuId, quantity: 1 },
      { skuId: cup.skuId, quantity: 1 },
    ]);
    await deliver(keys.afterSale(rest.id).PK);
    expect((await earnings(d3)).pending.amount).toBe(236);
    expect((await earnings(d2)).pending.amount).toBe(118);
    expect((await earnings(d1)).pending.amount).toBe(71);

    // every balance equals the sum of its postings
    for (const d of [d1, d2, d3]) {
      const sum = (await postingsOf(d.id)).reduce((s, x) => s + x.amount.amount, 0);
      expect((await earnings(d)).pending.amount).toBe(sum);
    }
    const reversals = (await postingsOf(d3.id)).filter((x) => x.kind === 'reversal').map((x) => x.amount.amount);
    expect(reversals.sort((x, y) => x - y)).toEqual([-558, -348]); // 348 + 558 = 906

    // reconciliation: the balances and postings agree; a balance changed behind the ledger's back is reported
    const check = { checks: CHECKS.filter((c) => c.name === 'commission-balances'), settleMs: 0 };
    expect((await reconcile(check)).results[0]!.differences).toEqual([]);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.commissionBalance(d2.id),
        UpdateExpression: 'ADD pending :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    expect((await reconcile(check)).results[0]!.differences).toEqual([
      { key: `DISTRIBUTOR#${d2.id}|BALANCE`, detail: 'balance 119/0, postings 118/0 (pending/available)' },
    ]);
  });

  it('a crash before the accrual commits loses nothing (the stream retries it), and the retry applies it once', async () => {
    await setRules({ bindingMode: 'permanent', tiers: 1, rates: [1000], categoryRates: [] });
    const d = await distributor('一级');
    const buyer = await shopper('买家');
    await bindTo(buyer, await inviteOf(d));
    const address = await createAddress(buyer.id, { recipient: '孙八', phone: '13900139005', country: 'CN', regionCode: '330106', detail: '文三路 11 号' });
    await rememberWechatOpenid(buyer.id, sims.keys.wechat.appid, `o-crash-${buyer.id}`);
    const lines = [await line(storeA, leaf, 4321, 1)];
    const p = await preview(buyer.id, address.id, lines, 'zh-CN');
    const placed = await submit(buyer.id, `crash-${Date.now()}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
    const started = await invoke<StartPaymentResult>(startRoute, {
      token: buyer.token,
      params: { checkoutId: placed.checkout.id },
      body: { channel: 'wechat_jsapi' },
      ip: '203.0.113.9',
    });
    if (started.body.channel !== 'wechat_jsapi') throw new Error('JSAPI expected');
    await fetch(`${sims.baseUrl}/_sim/wechatpay/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(started.body.requestPayment),
    });
    const orderId = placed.orders[0]!.id;
    await waitUntil(async () => (await statusOf(orderId)) === 'paid');
    const records = await eventRecords(keys.order(orderId).PK);

    // the accrual's transaction dies (the function crashed, or the table was unreachable) before it commits
    const client = db();
    const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
    let crashed = 0;
    const spy = jest.spyOn(client, 'send').mockImplementation(((command: unknown) => {
      if (command instanceof TransactWriteCommand && crashed === 0) {
        crashed += 1;
        return Promise.reject(new Error('crashed mid-write'));
      }
      return send(command);
    }) as never);
    const failed = await accrueCommissions({ Records: records });
    spy.mockRestore();
    expect(crashed).toBe(1);
    expect(failed.batchItemFailures).toHaveLength(1); // reported: Lambda delivers it again
    expect((await earnings(d)).pending.amount).toBe(0);
    expect((await readSnapshot(orderId))?.accruedAt).toBeNull();

    // the retry applies it, and a further delivery changes nothing: floor(4321 x 10%) = 432
    expect(await accrueCommissions({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(await accrueCommissions({ Records: records })).toEqual({ batchItemFailures: [] });
    expect((await earnings(d)).pending.amount).toBe(432);
    expect(await postingsOf(d.id)).toHaveLength(1);
  });

  it('spend: a shopper whose paid orders reach the threshold becomes a distributor when the order is paid', async () => {
    await setRules({ joinMode: 'spend', spendThreshold: { amount: 1000, currency: 'CNY' } });
    const buyer = await shopper('老顾客');
    const address = await createAddress(buyer.id, { recipient: '钱七', phone: '13900139004', country: 'CN', regionCode: '330106', detail: '文三路 10 号' });
    await rememberWechatOpenid(buyer.id, sims.keys.wechat.appid, `o-spend-${buyer.id}`);
    const lines = [await line(storeA, leaf, 1200, 1)];
    const p = await preview(buyer.id, address.id, lines, 'zh-CN');
    const placed = await submit(buyer.id, `spend-${Date.now()}`, { addressId: address.id, lines, fingerprint: p.fingerprint }, 'zh-CN');
    const started = await invoke<StartPaymentResult>(startRoute, {
      token: buyer.token,
      params: { checkoutId: placed.checkout.id },
      body: { channel: 'wechat_jsapi' },
      ip: '203.0.113.9',
    });
    if (started.body.channel !== 'wechat_jsapi') throw new Error('JSAPI expected');
    await fetch(`${sims.baseUrl}/_sim/wechatpay/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(started.body.requestPayment),
    });
    const orderPk = keys.order(placed.orders[0]!.id).PK;
    await waitUntil(async () => (await eventRecords(orderPk)).length >= 2);
    expect((await invoke<MyDistributor>(getMineRoute, { token: buyer.token })).body.distributor).toBeNull();
    await deliver(orderPk);
    expect((await invoke<MyDistributor>(getMineRoute, { token: buyer.token })).body).toMatchObject({
      program: { spent: { amount: 1200 } },
      distributor: { status: 'approved', decidedBy: 'rules' },
    });
    await setRules({});
  });
});
