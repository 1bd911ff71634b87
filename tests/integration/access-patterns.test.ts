import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { uniquePhone, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import { bindIdentity, createAccount, findIdentity, getAccount, setPlatformRole } from '../../functions/identity/accounts';
import { endAllSessions, rotateSession, startSession } from '../../functions/identity/sessions';
import { sendCode, verifyCode } from '../../functions/identity/sms';
import { hit } from '../../functions/lib/rate-limit';
import { claim, complete } from '../../functions/lib/idempotency';
import { listStaff } from '../../functions/admin/staff';
import { countMerchantStaff, createMerchant, getMerchant, listUserMerchants } from '../../functions/merchants/merchants';
import { handler as countSignups, businessDay } from '../../functions/events/count-signups';
import { handler as rollup } from '../../functions/events/rollup-daily-stats';
import { RateLimitedError } from '../../functions/lib/errors';
import { ulid } from 'ulid';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { recordTrackingPush } from '../../functions/delivery/tracking';
import { acceptMessageSubscriptions, getMessageSubscriptions, listShopperInbox, postShopperMessage } from '../../functions/notifications/shopper-inbox';
import { getPaymentAccount, submitPaymentApplyment } from '../../functions/payment-accounts/applyments';
import { randomUUID } from 'node:crypto';
import { TransactionConditionError, putIfAbsent, putNew, transact } from '../../functions/lib/table-ops';
import type { ReviewItem } from '../../functions/reviews/items';
import { hideItems, putReview, showItems } from '../../functions/reviews/visibility';
import { UnknownMediaCheck, applyMediaVerdict, readReview } from '../../functions/reviews/reviews';
import { listMyReviews, listProductReviews, listStoreReviews, ratingSummary } from '../../functions/reviews/queries';
import type { AfterSaleItem } from '../../functions/after-sales/items';
import {
  arbitrationQueuePut,
  caseEventPut,
  casePut,
  dueDecision,
  evidencePut,
  listArbitrationQueue,
  listEvidence,
  ledgerPut,
  listMerchantCases,
  listShopperCases,
  newLedger,
  orderCasePut,
  readCase,
  readLedger,
  refundToDoPut,
} from '../../functions/after-sales/repo';
import { sweepAfterSaleRefunds, sweepDueAfterSaleDecisions } from '../../functions/orders/sweep';

let sims: Simulators;
beforeAll(async () => {
  sims = await withSimulators();
});
afterAll(() => sims.close());

const newUser = async (nickname = 'u') => (await createAccount({ provider: 'phone', subject: uniquePhone(), display: 'x' }, { nickname }))!;

it('AP1+AP2 getUserAccount / listUserIdentities: one query returns the account and its login methods', async () => {
  const id = await newUser('ap1');
  await bindIdentity(id, { provider: 'email', subject: `ap1-${Date.now()}@example.com`, display: 'a***@example.com' });
  const account = await getAccount(id);
  expect(account.user.nickname).toBe('ap1');
  expect(account.identities.map((i) => i.provider).sort()).toEqual(['email', 'phone']);
});

it('AP3 findIdentity: concurrent sign-ups with one phone make exactly one account', async () => {
  const phone = uniquePhone();
  const results = await Promise.all(Array.from({ length: 8 }, () => createAccount({ provider: 'phone', subject: phone, display: 'x' }, { nickname: 'race' })));
  const winners = results.filter(Boolean);
  expect(winners).toHaveLength(1);
  expect((await findIdentity('phone', phone))?.userId).toBe(winners[0]);
});

it('AP4 getSession: a session is stored by id with only the hash of its refresh secret', async () => {
  const id = await newUser();
  const pair = await startSession(id, 'phone', true);
  const [sessionId, secret] = pair.refreshToken.split('.');
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(sessionId!) }));
  expect(out.Item).toMatchObject({ userId: id, revoked: false });
  expect(JSON.stringify(out.Item)).not.toContain(secret);
  expect((await rotateSession(pair.refreshToken)).profile.id).toBe(id);
});

it("AP5 listUserSessions: a user's sessions are found through GSI1 and all revoked", async () => {
  const id = await newUser();
  await Promise.all([startSession(id, 'phone', false), startSession(id, 'phone', false), startSession(id, 'phone', false)]);
  const p = keys.userSessionsPrefix(id);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byOwner,
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :p)',
      ExpressionAttributeValues: { ':pk': p.GSI1PK, ':p': p.GSI1SKPrefix },
    }),
  );
  expect(out.Items).toHaveLength(3);
  expect(await endAllSessions(id)).toBe(3);
  expect(await endAllSessions(id)).toBe(0);
});

it('AP6 getSmsChallenge: a code is stored hashed, verified once, then gone', async () => {
  const phone = uniquePhone();
  await sendCode(phone, 'login');
  const stored = await db().send(new GetCommand({ TableName: tableName(), Key: keys.smsChallenge(phone, 'login') }));
  const code = sims.state.sms.messages.filter((m) => m.phone === phone).at(-1)!.params[0]!;
  expect(JSON.stringify(stored.Item)).not.toContain(code);
  await verifyCode(phone, 'login', code);
  await expect(verifyCode(phone, 'login', code)).rejects.toMatchObject({ code: 'sms_code_invalid' });
});

it('AP7 countRateWindow: the hit past the limit in a window is refused', async () => {
  const rule = { bucket: 'test', subject: `s${Date.now()}`, limit: 3, per: 60 };
  for (let i = 0; i < 3; i += 1) await hit(rule);
  await expect(hit(rule)).rejects.toBeInstanceOf(RateLimitedError);
});

it('AP8 getIdempotencyRecord: a completed key returns the stored response', async () => {
  const scope = { route: 'test', caller: 'u1', key: `key-${Date.now()}`, request: { a: 1 } };
  expect(await claim(scope)).toBeNull();
  await complete(scope, { status: 201, body: '{"ok":true}' });
  expect(await claim(scope)).toEqual({ status: 201, body: '{"ok":true}' });
  await expect(claim({ ...scope, request: { a: 2 } })).rejects.toMatchObject({ code: 'idempotency_key_reused' });
});

it('AP9 listPlatformStaff: staff are listed from GSI1, a page at a time', async () => {
  const ids = [await newUser('s1'), await newUser('s2'), await newUser('s3')];
  for (const id of ids) await setPlatformRole(id, 'operator', 'test');
  const all: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listStaff(2, cursor);
    all.push(...page.items.map((s) => s.userId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  for (const id of ids) expect(all).toContain(id);
});

it('AP10+AP11+AP12+AP15 merchants: created with its owner, unique by name, listed per user', async () => {
  const owner = await newUser('owner');
  const name = `Tea ${Date.now()}`;
  const m = await createMerchant({ name, ownerId: owner });
  expect((await getMerchant(m.id)).name).toBe(name);
  expect(await countMerchantStaff(m.id)).toBe(1);
  expect(await listUserMerchants(owner)).toEqual([{ id: m.id, name, status: 'open', role: 'owner' }]);
  expect((await getAccount(owner)).user.roles.merchants).toEqual({ [m.id]: 'owner' });
  await expect(createMerchant({ name: ` ${name.toUpperCase()} `, ownerId: owner })).rejects.toMatchObject({ status: 409 });
});

it('AP13+AP14 stream consumer: a redelivered UserRegistered event counts once', async () => {
  const createdAt = '2026-03-01T10:00:00.000Z';
  const record = (eventID: string) => ({
    eventID,
    eventName: 'INSERT' as const,
    dynamodb: {
      SequenceNumber: eventID,
      NewImage: marshall({ PK: 'USER#x', SK: 'PROFILE', entity: 'User', createdAt, signupProvider: 'wechat', roles: {} }) as never,
    },
  });
  const day = businessDay(createdAt);
  const before = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.dailyStat(day, 'signups') }))).Item;
  const event = { Records: [record(`e1-${Date.now()}`), record(`e2-${Date.now()}`)] } as DynamoDBStreamEvent;
  expect(await countSignups(event)).toEqual({ batchItemFailures: [] });
  expect(await countSignups(event)).toEqual({ batchItemFailures: [] });
  const after = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.dailyStat(day, 'signups') }))).Item!;
  expect(after.total - Number(before?.total ?? 0)).toBe(2);
  expect(after.by_wechat - Number(before?.by_wechat ?? 0)).toBe(2);
  // the scheduled roll-up freezes the day once
  const next = new Date(Date.parse(createdAt) + 86400 * 1000).toISOString();
  expect(await rollup({ time: next })).toEqual({ day, written: true });
  expect(await rollup({ time: next })).toEqual({ day, written: false });
});

describe('payments (AP79-AP82, ADR 0046)', () => {
  it('AP79 getWechatPayer: a WeChat sign-in keeps the openid per app; signing in again rewrites the same item', async () => {
    const { rememberWechatOpenid, wechatOpenidOf } = await import('../../functions/identity/wechat-payer');
    const uid = `U${Date.now()}`;
    expect(await wechatOpenidOf(uid, 'wx-app')).toBeUndefined();
    await rememberWechatOpenid(uid, 'wx-app', 'o-first');
    await rememberWechatOpenid(uid, 'wx-app', 'o-second');
    expect(await wechatOpenidOf(uid, 'wx-app')).toBe('o-second');
    expect(await wechatOpenidOf(uid, 'wx-other-app')).toBeUndefined();
    const items = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.wechatPayer(uid, 'wx-app').PK, ':p': 'WECHAT_OPENID#' },
      }),
    );
    expect(items.Items?.map((i) => i.openid)).toEqual(['o-second']);
  });

  it('AP80 listDuePaymentQueries: a due query is swept once (a checkout that is gone is skipped), the cursor moves on', async () => {
    const { sweepDuePaymentQueries } = await import('../../functions/orders/sweep');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const at = new Date(Date.now() - 30_000).toISOString();
    const due = keys.duePaymentQuery(at.slice(0, 16), 1, at, 'GONE-CHECKOUT');
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...due, entity: 'DuePaymentQuery', checkoutId: 'GONE-CHECKOUT', at } }));
    expect(await sweepDuePaymentQueries(new Date())).toBeGreaterThanOrEqual(1);
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: due, ConsistentRead: true }))).Item).toBeUndefined();
    expect(await sweepDuePaymentQueries(new Date())).toBe(0);
  });

  it('AP81 listPaymentAnomalies: a verified payment naming no checkout of ours is recorded once per notification', async () => {
    const { settleCombine } = await import('../../functions/payments/wechat-pay');
    const combine = {
      combineAppid: sims.keys.wechat.appid,
      combineMchid: sims.keys.wechatpay.mchid,
      combineOutTradeNo: `NOPE${Date.now()}`,
      subOrders: [
        {
          mchid: sims.keys.wechatpay.mchid,
          subMchid: '1900000101',
          outTradeNo: 'NOPE0001',
          tradeState: 'SUCCESS' as const,
          transactionId: '4200000001',
          amount: { amount: 100, currency: 'CNY' },
        },
      ],
    };
    expect(await settleCombine(combine, 'wechatpay_notify', `n-${combine.combineOutTradeNo}`)).toMatchObject({
      outcome: 'rejected',
      reason: 'no such checkout',
    });
    expect(await settleCombine(combine, 'wechatpay_notify', `n-${combine.combineOutTradeNo}`)).toMatchObject({ outcome: 'rejected' });
    const listed = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.paymentAnomaliesPartition().PK },
      }),
    );
    expect(listed.Items?.filter((a) => a.checkoutId === combine.combineOutTradeNo).map((a) => [a.source, a.reason])).toEqual([
      ['wechatpay_notify', 'no such checkout'],
    ]);
  });

  it('AP82 listPendingRefunds: a queued late payment that is already refunded (or gone) leaves the queue without a refund call', async () => {
    const { refundPendingLatePayments } = await import('../../functions/payments/refunds');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const queued = keys.pendingRefund(`C${Date.now()}`, 'TX1');
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...queued, entity: 'PendingRefund', checkoutId: queued.SK.split('#')[0], transactionId: 'TX1' } }),
    );
    const refunds = sims.state.wechatpay.refunds.size;
    expect(await refundPendingLatePayments()).toBe(0);
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: queued, ConsistentRead: true }))).Item).toBeUndefined();
    expect(sims.state.wechatpay.refunds.size).toBe(refunds);
  });
});

describe('Alipay payments (AP87-AP88, ADR 0047)', () => {
  it('AP87 getAlipayPaidTrades: each store trade is recorded paid once however many copies race; the read says which are still unpaid', async () => {
    const { paidTradesOf, recordPaidTrade } = await import('../../functions/payments/alipay-pay');
    const checkoutId = ulid();
    const paid = (outTradeNo: string, tradeNo: string) => ({
      entity: 'AlipayPaidTrade' as const,
      checkoutId,
      outTradeNo,
      tradeNo,
      smid: '2088000000000101',
      amountFen: 1000,
      source: 'alipay_notify' as const,
      recordedAt: new Date().toISOString(),
    });
    const written = await Promise.all(Array.from({ length: 6 }, () => recordPaidTrade(paid('O-A', 'T-A'))));
    expect(written.filter(Boolean)).toHaveLength(1);
    expect((await paidTradesOf(checkoutId, ['O-A', 'O-B'])).map((p) => p?.tradeNo)).toEqual(['T-A', undefined]);
    expect(await recordPaidTrade({ ...paid('O-B', 'T-B'), source: 'alipay_query' })).toBe(true);
    expect((await paidTradesOf(checkoutId, ['O-A', 'O-B'])).map((p) => [p?.tradeNo, p?.source])).toEqual([
      ['T-A', 'alipay_notify'],
      ['T-B', 'alipay_query'],
    ]);
  });

  it('AP88 getAlipayPayer: the Alipay sign-in identity names the user_id to pay as; an account without one has none', async () => {
    const { alipayUserIdOf } = await import('../../functions/payments/alipay-pay');
    const id = await newUser('ap88');
    expect(await alipayUserIdOf(id)).toBeUndefined();
    await bindIdentity(id, { provider: 'email', subject: `ap88-${Date.now()}@example.com`, display: 'a***@example.com' });
    expect(await alipayUserIdOf(id)).toBeUndefined();
    const alipayUserId = `2088${String(Date.now()).slice(-12)}`;
    await bindIdentity(id, { provider: 'alipay', subject: alipayUserId, display: 'Alipay' });
    expect(await alipayUserIdOf(id)).toBe(alipayUserId);
  });
});

it('AP83 findParcelsByWaybill: a push names a waybill; every parcel under it (and none of another waybill) is looked up', async () => {
  const waybill = `ZT${Date.now()}83`;
  // parcels of orders that do not exist: the lookup finds both, and the push stops at the missing order
  for (const orderId of [ulid(), ulid()]) {
    const parcelId = ulid();
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.waybillParcel('ZTO', waybill, orderId, parcelId),
          entity: 'WaybillParcel',
          carrierCode: 'ZTO',
          trackingNumber: waybill,
          orderId,
          parcelId,
        },
      }),
    );
  }
  const update = {
    carrier: 'ZTO' as const,
    company: 'zhongtong',
    trackingNo: waybill,
    state: 'IN_TRANSIT' as const,
    signed: false,
    subscription: 'polling' as const,
    events: [],
  };
  await expect(recordTrackingPush(update)).rejects.toMatchObject({ status: 404 });
  expect(await recordTrackingPush({ ...update, trackingNo: `${waybill}X` })).toEqual({ parcels: 0, changed: 0 });
  const found = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.waybillParcels('ZTO', waybill).PK, ':sk': 'PARCEL#' },
    }),
  );
  expect(found.Items).toHaveLength(2);
});

it('AP84 listShopperInbox: a message posted twice is stored once; newest first; paged with a cursor bound to the shopper', async () => {
  const userId = await newUser('ap84');
  const message = (id: string) => ({
    entity: 'ShopperMessage' as const,
    id,
    userId,
    kind: 'order_paid' as const,
    orderId: ulid(),
    storeName: 'AP84',
    parcel: null,
    read: false,
    createdAt: new Date().toISOString(),
    wechat: 'pending' as const,
  });
  // a second apart: two ULIDs of one millisecond do not sort by creation
  const [older, newer] = [ulid(Date.now() - 1000), ulid()];
  expect((await postShopperMessage(message(older))).created).toBe(true);
  expect((await postShopperMessage(message(older))).created).toBe(false);
  await postShopperMessage(message(newer));
  const first = await listShopperInbox(userId, { limit: 1 });
  expect(first.items.map((m) => m.id)).toEqual([newer]);
  expect(first.unread).toBe(2);
  const second = await listShopperInbox(userId, { limit: 1, cursor: first.nextCursor! });
  expect(second.items.map((m) => m.id)).toEqual([older]);
  const stranger = await newUser('ap84b');
  await expect(listShopperInbox(stranger, { cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
});

it('AP85 getPaymentAccount: a seeded store sells without an application; a store without either must apply', async () => {
  const owner = await newUser('ap85');
  const seeded = await createMerchant({ name: `AP85 seeded ${Date.now()}`, ownerId: owner });
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...(await getMerchantItem(seeded.id)), subMchid: '1900000185' } }));
  expect(await getPaymentAccount(seeded.id)).toEqual({ merchantId: seeded.id, subMchid: '1900000185', canSell: true, nextStep: 'done', application: null });
  const fresh = await createMerchant({ name: `AP85 fresh ${Date.now()}`, ownerId: owner });
  expect(await getPaymentAccount(fresh.id)).toMatchObject({ subMchid: null, canSell: false, nextStep: 'apply', application: null });
});

it('AP86 getMessageConsents: each acceptance allows one message per topic', async () => {
  const userId = await newUser('ap86');
  await acceptMessageSubscriptions(userId, ['order_paid', 'order_paid', 'parcel_update']);
  const subs = await getMessageSubscriptions(userId);
  expect(Object.fromEntries(subs.topics.map((t) => [t.topic, t.remaining]))).toEqual({ order_paid: 2, order_shipped: 0, order_delivered: 0, parcel_update: 1 });
});

it('AP95 listOpenApplyments: an application is in the sparse index while not final, least recently asked first, and leaves it when final', async () => {
  const owner = await newUser('ap95');
  const store = await createMerchant({ name: `AP95 ${Date.now()}`, ownerId: owner });
  const input = { organizationType: '2401' as const, merchantShortname: 'AP95小店', contact: { name: '王五', mobile: '13800138095' } };
  const submitted = await submitPaymentApplyment(store.id, input, new Date('2020-01-01T00:00:00.000Z'));
  const open = async () =>
    (
      await db().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: INDEX.byStatus,
          KeyConditionExpression: 'GSI2PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.openApplymentsIndex().GSI2PK },
        }),
      )
    ).Items ?? [];
  const listed = await open();
  const mine = listed.find((i) => i.merchantId === store.id);
  expect(mine).toMatchObject({ GSI2SK: `2020-01-01T00:00:00.000Z#${store.id}`, state: 'CHECKING' });
  // the oldest check sorts first (the seeded date is older than any other test's)
  expect(listed[0]!.GSI2SK <= mine!.GSI2SK).toBe(true);
  await fetch(`${sims.baseUrl}/_sim/wechatpay/applyments/${submitted.application!.outRequestNo}/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: 'REJECTED', reasons: [{ param_name: 'contact_name', reject_reason: '不符' }] }),
  });
  expect((await getPaymentAccount(store.id)).application).toMatchObject({ state: 'REJECTED' });
  expect((await open()).some((i) => i.merchantId === store.id)).toBe(false);
});

async function getMerchantItem(id: string): Promise<Record<string, unknown>> {
  return (await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(id), ConsistentRead: true }))).Item!;
}

describe('after-sale and refunds (AP97-AP104, ADR 0055, 0056)', () => {
  /** A case item as the service writes it, in any status (no order behind it: these tests are about the keys). */
  const caseItem = (over: Partial<AfterSaleItem> = {}): AfterSaleItem => {
    const at = new Date().toISOString();
    return {
      entity: 'AfterSale',
      version: 1,
      id: ulid(),
      orderId: ulid(),
      userId: 'U',
      merchantId: 'M',
      storeName: 'AP97',
      kind: 'refund_only',
      status: 'requested',
      reason: 'other',
      text: null,
      photoKeys: [],
      lines: [],
      goods: { amount: 100, currency: 'CNY' },
      shipping: { amount: 0, currency: 'CNY' },
      total: { amount: 100, currency: 'CNY' },
      decideBy: at,
      returnAddress: null,
      returnParcel: null,
      rejectReason: null,
      escalation: null,
      refund: null,
      history: [],
      createdAt: at,
      updatedAt: at,
      subMchid: '1900000101',
      transactionId: null,
      orderTotal: 100,
      restock: null,
      dueKey: null,
      arbitration: null,
      replacementParcel: null,
      queueKey: null,
      evidenceCount: { shopper: 0, merchant: 0 },
      ...over,
    };
  };
  const put = (c: AfterSaleItem, prev?: AfterSaleItem) => transact([casePut(prev, c)]);

  it('AP97 getAfterSale: the case and its events in one partition; a write on a stale version is refused', async () => {
    const c = caseItem();
    await put(c);
    const entry = {
      from: null,
      to: 'requested' as const,
      event: 'AfterSaleRequested',
      actor: { kind: 'shopper' as const, id: 'U' },
      at: c.createdAt,
      reason: null,
    };
    await transact([caseEventPut(c, entry, new Date())]);
    const partition = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.afterSale(c.id).PK },
        ConsistentRead: true,
      }),
    );
    expect(partition.Items!.map((i) => i.entity).sort()).toEqual(['AfterSale', 'AfterSaleEvent']);
    expect((await readCase(c.id)).id).toBe(c.id);
    await put({ ...c, status: 'cancelled', version: 2 }, c);
    await expect(put({ ...c, status: 'rejected', version: 2 }, c)).rejects.toBeInstanceOf(TransactionConditionError);
  });

  it("AP98 listShopperAfterSales + AP99 listMerchantAfterSales: the shopper's newest first; the store's requested queue nearest deadline first", async () => {
    const userId = ulid();
    const merchantId = ulid();
    const soon = new Date(Date.now() + 60_000).toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const a = caseItem({ userId, merchantId, decideBy: later, createdAt: '2026-12-01T00:00:00.000Z' });
    const b = caseItem({ userId, merchantId, decideBy: soon, createdAt: '2026-12-02T00:00:00.000Z' });
    const c = caseItem({ userId, merchantId, status: 'refunded', decideBy: null, createdAt: '2026-12-03T00:00:00.000Z' });
    for (const x of [a, b, c]) await put(x);
    const first = await listShopperCases(userId, { limit: 2 });
    expect(first.items.map((x) => x.id)).toEqual([c.id, b.id]);
    expect((await listShopperCases(userId, { limit: 2, cursor: first.nextCursor! })).items.map((x) => x.id)).toEqual([a.id]);
    expect((await listMerchantCases(merchantId, { status: 'requested' })).items.map((x) => x.id)).toEqual([b.id, a.id]);
    expect((await listMerchantCases(merchantId, { status: 'refunded' })).items.map((x) => x.id)).toEqual([c.id]);
    await expect(listShopperCases(ulid(), { cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
  });

  it('AP100 getRefundLedger: two claims from the same read: one is written, the other refused by the version', async () => {
    const orderId = ulid();
    const fresh = newLedger(orderId);
    const claimOf = (units: number) => ({ ...fresh, lines: { S: { units, amount: units * 100 } } });
    await transact([ledgerPut(undefined, claimOf(1))]);
    await expect(transact([ledgerPut(undefined, claimOf(1))])).rejects.toBeInstanceOf(TransactionConditionError);
    const read = (await readLedger(orderId))!;
    const results = await Promise.allSettled([transact([ledgerPut(read, claimOf(2))]), transact([ledgerPut(read, claimOf(2))])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await readLedger(orderId)).toMatchObject({ version: 2, lines: { S: { units: 2, amount: 200 } } });
  });

  it('AP101 listOrderAfterSales: the markers of an order’s cases', async () => {
    const orderId = ulid();
    const cases = [caseItem({ orderId }), caseItem({ orderId })];
    for (const c of cases) await transact([orderCasePut(c)]);
    const p = keys.orderAfterSalesPrefix(orderId);
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
        ConsistentRead: true,
      }),
    );
    expect(out.Items!.map((i) => i.afterSaleId).sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it('AP102 listDueAfterSaleDecisions: a due case no longer requested leaves the queue unchanged', async () => {
    const now = new Date();
    const c = caseItem({ status: 'cancelled', decideBy: null });
    await put(c);
    const due = dueDecision(c.id, new Date(now.getTime() - 1000).toISOString(), now);
    await transact([due.put]);
    await sweepDueAfterSaleDecisions(now);
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: due.key, ConsistentRead: true }))).Item).toBeUndefined();
    expect(await readCase(c.id)).toMatchObject({ status: 'cancelled', version: 1 });
  });

  it('AP103 listRefundsToDo: a refund to do of a case that is not refunding leaves the queue without a refund call', async () => {
    const c = caseItem({ status: 'refunded', decideBy: null });
    await put(c);
    await transact([refundToDoPut(c.id, new Date(Date.now() - 1000).toISOString())]);
    const refunds = sims.state.wechatpay.refunds.size;
    await sweepAfterSaleRefunds(new Date());
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.refundToDo(c.id), ConsistentRead: true }))).Item).toBeUndefined();
    expect(sims.state.wechatpay.refunds.size).toBe(refunds);
  });

  it('AP104 findRefundNotification: a notification id is recorded once', async () => {
    const id = randomUUID();
    const item = { ...keys.refundNotification(id), entity: 'RefundNotification', outcome: 'refunded' };
    expect(await putIfAbsent(item)).toBe(true);
    expect(await putIfAbsent({ ...item, outcome: 'already_settled' })).toBe(false);
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.refundNotification(id), ConsistentRead: true }))).Item?.outcome).toBe(
      'refunded',
    );
  });
});

describe('arbitration (AP111-AP112, ADR 0059)', () => {
  const escalatedCase = (escalatedAt: string): AfterSaleItem => {
    const id = ulid();
    const money = { amount: 100, currency: 'CNY' as const };
    return {
      entity: 'AfterSale',
      version: 1,
      id,
      orderId: ulid(),
      userId: 'U',
      merchantId: 'M',
      storeName: 'AP111',
      kind: 'refund_only',
      status: 'escalated',
      reason: 'other',
      text: null,
      photoKeys: [],
      lines: [],
      goods: money,
      shipping: { amount: 0, currency: 'CNY' },
      total: money,
      decideBy: null,
      returnAddress: null,
      returnParcel: null,
      rejectReason: 'no',
      escalation: { text: 'yes', at: escalatedAt },
      refund: null,
      arbitration: null,
      replacementParcel: null,
      history: [],
      createdAt: escalatedAt,
      updatedAt: escalatedAt,
      subMchid: '1900000101',
      transactionId: null,
      orderTotal: 100,
      restock: null,
      dueKey: null,
      queueKey: keys.arbitrationQueueEntry(escalatedAt, id),
      evidenceCount: { shopper: 0, merchant: 0 },
    };
  };

  it('AP111 listArbitrationQueue: the longest waiting first, paged with a cursor bound to the queue; a decided case leaves it', async () => {
    const cases = ['2020-01-03T00:00:00.000Z', '2020-01-01T00:00:00.000Z', '2020-01-02T00:00:00.000Z'].map(escalatedCase);
    for (const c of cases) await transact([casePut(undefined, c), arbitrationQueuePut(c)]);
    const first = await listArbitrationQueue({ limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual([cases[1]!.id, cases[2]!.id]);
    const second = await listArbitrationQueue({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.id)[0]).toBe(cases[0]!.id);
    await expect(listShopperCases('U', { cursor: first.nextCursor! })).rejects.toMatchObject({ status: 400 });
    await transact([{ Delete: { TableName: tableName(), Key: cases[1]!.queueKey! } }]);
    expect((await listArbitrationQueue({ limit: 1 })).items.map((c) => c.id)).toEqual([cases[2]!.id]);
  });

  it('AP112 listAfterSaleEvidence: both sides in the case partition, oldest first; an evidence id is written once', async () => {
    const c = escalatedCase(new Date().toISOString());
    const ids = [ulid(Date.now() - 1000), ulid(Date.now())];
    const e = (id: string, side: 'shopper' | 'merchant') => ({ id, afterSaleId: c.id, side, actorId: side, text: side, photoKeys: [], createdAt: c.createdAt });
    await transact([evidencePut(e(ids[0]!, 'shopper'))]);
    await transact([evidencePut(e(ids[1]!, 'merchant'))]);
    await expect(transact([evidencePut(e(ids[1]!, 'merchant'))])).rejects.toBeInstanceOf(TransactionConditionError);
    expect((await listEvidence(c.id)).map((x) => [x.id, x.side])).toEqual([
      [ids[0], 'shopper'],
      [ids[1], 'merchant'],
    ]);
  });
});

describe('reviews (AP105-AP110, ADR 0057)', () => {
  const reviewOf = (over: Partial<ReviewItem> = {}): ReviewItem => ({
    entity: 'Review',
    id: ulid(),
    orderId: ulid(),
    productId: ulid(),
    skuId: ulid(),
    merchantId: ulid(),
    userId: ulid(),
    productTitle: '茶',
    specValues: [],
    stars: { product: 4, service: 5, delivery: 5 },
    text: '好',
    photoKeys: [],
    video: null,
    anonymous: false,
    authorName: 'ap',
    status: 'visible',
    rejection: null,
    checks: {},
    followUp: null,
    reply: null,
    createdAt: new Date().toISOString(),
    fingerprint: 'f',
    version: 1,
    ...over,
  });

  it('AP105+AP106+AP108 getReview / listProductReviews / listStoreReviews: showing writes the entries and the summary with the review; hiding takes them back', async () => {
    const shown = reviewOf({ photoKeys: ['reviews/x/1.png'] });
    await transact([putReview(shown, null), ...showItems(shown)]);
    expect((await readReview(shown.id)).status).toBe('visible');
    expect((await listProductReviews(shown.productId, { filter: 'photos' })).items.map((r) => r.id)).toEqual([shown.id]);
    expect((await listProductReviews(shown.productId, { filter: 'stars', stars: 4 })).items.map((r) => r.id)).toEqual([shown.id]);
    expect((await listStoreReviews(shown.merchantId, {})).items.map((r) => r.id)).toEqual([shown.id]);
    expect(await ratingSummary(shown.productId)).toEqual({ productId: shown.productId, count: 1, average: 4, perStar: [0, 0, 0, 1, 0], withPhotos: 1 });
    const hidden: ReviewItem = { ...shown, status: 'hidden', version: 2 };
    await transact([putReview(hidden, 1), ...hideItems(shown)]);
    expect((await listProductReviews(shown.productId, { filter: 'all' })).items).toEqual([]);
    expect((await listStoreReviews(shown.merchantId, {})).items).toEqual([]);
    expect(await ratingSummary(shown.productId)).toMatchObject({ count: 0, withPhotos: 0, perStar: [0, 0, 0, 0, 0] });
    // a write on a stale version is refused
    await expect(transact([putReview({ ...shown, version: 2 }, 1)])).rejects.toThrow();
  });

  it('AP107 listAuthorReviews: every state of the author’s reviews, newest first', async () => {
    const userId = ulid();
    const a = reviewOf({ userId, status: 'hidden', createdAt: '2026-01-01T00:00:00.000Z' });
    const b = reviewOf({ userId, status: 'checking', createdAt: '2026-01-02T00:00:00.000Z' });
    await transact([putReview(a, null), putReview(b, null)]);
    expect((await listMyReviews(userId, {})).items.map((r) => [r.id, r.status])).toEqual([
      [b.id, 'checking'],
      [a.id, 'hidden'],
    ]);
  });

  it('AP109 orderLineReview: one claim per order line', async () => {
    const claim = { ...keys.orderLineReview('01ORDER00000000000000000000', 'SKU1'), entity: 'OrderLineReview', reviewId: ulid() };
    expect(await putIfAbsent(claim)).toBe(true);
    expect(await putIfAbsent({ ...claim, reviewId: ulid() })).toBe(false);
  });

  it('AP110 getMediaCheck: a verdict is applied once, however often it is pushed', async () => {
    const traceId = `trace-${ulid()}`;
    const r = reviewOf({
      status: 'checking',
      photoKeys: ['reviews/x/2.png'],
      checks: { 'reviews/x/2.png': { part: 'review', verdict: 'pending', label: null, traceId } },
    });
    await transact([
      putReview(r, null),
      putNew({ ...keys.mediaCheck(traceId), entity: 'MediaCheck', traceId, reviewId: r.id, mediaKey: 'reviews/x/2.png', startedAt: r.createdAt }),
    ]);
    const applied = await Promise.all([
      applyMediaVerdict(traceId, 'pass', 100),
      applyMediaVerdict(traceId, 'pass', 100),
      applyMediaVerdict(traceId, 'risky', 1),
    ]);
    expect(applied.filter(Boolean)).toHaveLength(1);
    const after = await readReview(r.id);
    expect(after.status).toBe(after.checks['reviews/x/2.png']!.verdict === 'pass' ? 'visible' : 'hidden');
    expect((await ratingSummary(r.productId)).count).toBe(after.status === 'visible' ? 1 : 0);
    await expect(applyMediaVerdict(`trace-${ulid()}`, 'pass', 100)).rejects.toThrow(UnknownMediaCheck);
  });
});
