import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckoutResult, Order, OrderPage, Preview, ShippingTemplate } from '@wxshop/shared';
import { invoke } from '../support/lambda';
import { db, dynamoCallCount, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { checkStockReconciles } from '../../functions/catalog/stock';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { cancelCheckout, markCheckoutPaid, preview, submit } from '../../functions/orders/checkout';
import { confirmReceipt, shipOrder } from '../../functions/orders/orders';
import { sweepDueCheckouts, sweepDueReceipts } from '../../functions/orders/sweep';
import { handler as createTemplateRoute } from '../../functions/shipping/create-shipping-template';
import { handler as listTemplatesRoute } from '../../functions/shipping/list-shipping-templates';
import { handler as previewRoute } from '../../functions/orders/preview-checkout';
import { handler as submitRoute } from '../../functions/orders/submit-checkout';
import { handler as listMyOrdersRoute } from '../../functions/orders/list-my-orders';
import { handler as listMerchantOrdersRoute } from '../../functions/orders/list-merchant-orders';
import { handler as shipRoute } from '../../functions/orders/ship-order';
import { handler as confirmRoute } from '../../functions/orders/confirm-receipt';
import { handler as cancelRoute } from '../../functions/orders/cancel-my-order';
import { handler as searchRoute } from '../../functions/orders/search-orders';
import { setPlatformRole } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';
import { categoryTree, listedProduct, merchant, productRecord, shopper } from './browse-fixtures';
import { handler as clearCartLines } from '../../functions/orders/clear-ordered-cart-lines';
import { addItem, countCart } from '../../functions/cart/cart';
import { merchantWithOwner, type Actor } from './catalog-fixtures';

jest.setTimeout(120_000);

let leaf: string;
let storeA: string;
let storeB: string;
let unsellable: string;
let ownerA: Actor;

const HANGZHOU = '330106';

beforeAll(async () => {
  ({ leaf } = await categoryTree());
  [{ merchantId: storeA, owner: ownerA }, storeB, unsellable] = await Promise.all([merchantWithOwner('Order A'), merchant('Order B'), merchant('No pay')]);
  await setStoreSubMchid(storeA, '1900000201');
  await setStoreSubMchid(storeB, '1900000202');
});

const skuOf = async (productId: string): Promise<{ id: string; stock: number }> => {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
      ConsistentRead: true,
    }),
  );
  return out.Items![0] as { id: string; stock: number };
};
const stockOf = async (productId: string) => (await skuOf(productId)).stock;
const inStockOf = async (productId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(productId), ConsistentRead: true }))).Item as {
    inStock: boolean;
    stockedSkuCount: number;
  };

async function line(merchantId: string, price: number, stock = 10) {
  const productId = await listedProduct(merchantId, { title: { 'zh-CN': '下单测试' }, categoryId: leaf, prices: [price], stock });
  return { productId, skuId: (await skuOf(productId)).id };
}

async function buyer() {
  const me = await shopper();
  const address = await createAddress(me.id, { recipient: '李四', phone: '13900139000', country: 'CN', regionCode: HANGZHOU, detail: '文一路 1 号' });
  return { ...me, addressId: address.id };
}

let keySeq = 0;
const idemKey = () => `test-key-${Date.now()}-${(keySeq += 1)}`;

async function place(me: { id: string; addressId: string }, lines: { productId: string; skuId: string; quantity: number }[]) {
  const p = await preview(me.id, me.addressId, lines, 'zh-CN');
  return submit(me.id, idemKey(), { addressId: me.addressId, lines, fingerprint: p.fingerprint }, 'zh-CN');
}

const paymentOf = (r: CheckoutResult, transactionId = `TX${Date.now()}${keySeq++}`) => ({
  transactionId,
  subOrders: r.orders.map((o) => ({
    outTradeNo: o.outTradeNo,
    amount: o.total.amount,
    currency: o.total.currency,
    subMchid: o.subMchid,
    transactionId: `${transactionId}-${o.id}`,
  })),
});

describe('shipping templates', () => {
  it('AP72 getShippingTemplates: a store keeps its templates in one item; the first is the default; the fee applies to the preview', async () => {
    const { merchantId: store, owner } = await merchantWithOwner('Tpl');
    await setStoreSubMchid(store, '1900000299');
    const token = await owner.token();
    const made = await invoke<ShippingTemplate>(createTemplateRoute, {
      token,
      params: { merchantId: store },
      body: {
        name: '标准',
        basis: 'count',
        defaultRule: { first: 1, firstFee: 800, additional: 1, additionalFee: 200 },
        regionRules: [{ regionCodes: ['540000'], first: 1, firstFee: 2000, additional: 1, additionalFee: 1000 }],
        freeAbove: 10000,
      },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ isDefault: true, freeAbove: 10000 });
    const list = await invoke<{ items: ShippingTemplate[] }>(listTemplatesRoute, { token, params: { merchantId: store } });
    expect(list.body.items.map((t) => t.id)).toEqual([made.body.id]);
    const item = await db().send(new GetCommand({ TableName: tableName(), Key: keys.shippingTemplates(store) }));
    expect(item.Item).toMatchObject({ entity: 'ShippingTemplates', revision: 1 });

    const me = await buyer();
    const l = await line(store, 1500);
    const p = await invoke<Preview>(previewRoute, { token: me.token, body: { addressId: me.addressId, lines: [{ ...l, quantity: 3 }] } });
    expect(p.body).toMatchObject({ subtotal: { amount: 4500 }, shipping: { amount: 1200 }, total: { amount: 5700, currency: 'CNY' }, problems: [] });
  });
});

describe('checkout', () => {
  it('AP73+AP74: one checkout pays for two stores; one order per store; stock reserved with postings, in at most 3 DynamoDB calls', async () => {
    const me = await buyer();
    const a = await line(storeA, 1990);
    const b = await line(storeB, 500);
    const lines = [
      { ...a, quantity: 2 },
      { ...b, quantity: 3 },
    ];
    const p = await preview(me.id, me.addressId, lines, 'zh-CN');
    expect(p.problems).toEqual([]);
    const before = dynamoCallCount();
    const result = await submit(me.id, idemKey(), { addressId: me.addressId, lines, fingerprint: p.fingerprint }, 'zh-CN');
    expect(dynamoCallCount() - before).toBeLessThanOrEqual(3);

    expect(result.orders).toHaveLength(2);
    expect(result.checkout).toMatchObject({
      status: 'pending_payment',
      combineOutTradeNo: result.checkout.id,
      total: { amount: 3980 + 1500, currency: 'CNY' },
    });
    expect(result.orders.map((o) => [o.merchantId, o.subMchid, o.total.amount]).sort()).toEqual(
      [
        [storeA, '1900000201', 3980],
        [storeB, '1900000202', 1500],
      ].sort(),
    );
    expect(await stockOf(a.productId)).toBe(8);
    expect(await stockOf(b.productId)).toBe(7);
    expect(
      await checkStockReconciles([
        { productId: a.productId, skuId: a.skuId },
        { productId: b.productId, skuId: b.skuId },
      ]),
    ).toEqual([]);
    const events = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.order(result.orders[0]!.id).PK, ':p': 'EVENT#' },
      }),
    );
    expect(events.Items?.map((e) => e.type)).toEqual(['OrderPlaced']);
  });

  it("ADR 0051: the lines naming their stores price in the session check's read (preview 1 call, submit 3); a missing or wrong store hint prices the same", async () => {
    const me = await buyer();
    const a = await line(storeA, 1990);
    const b = await line(storeB, 500);
    const plain = [
      { ...a, quantity: 2 },
      { ...b, quantity: 1 },
    ];
    const hinted = [
      { ...a, merchantId: storeA, quantity: 2 },
      { ...b, merchantId: storeB, quantity: 1 },
    ];
    const wrong = [
      { ...a, merchantId: storeB, quantity: 2 },
      { ...b, quantity: 1 },
    ];
    const previewVia = async (lines: typeof plain) => {
      const before = dynamoCallCount();
      const r = await invoke<Preview>(previewRoute, { token: me.token, body: { addressId: me.addressId, lines } });
      expect(r.status).toBe(200);
      return { preview: r.body, calls: dynamoCallCount() - before };
    };
    const [p0, p1, p2] = [await previewVia(plain), await previewVia(hinted), await previewVia(wrong)];
    expect(p1.calls).toBe(1);
    expect(p0.calls).toBe(2);
    expect(p2.calls).toBe(2);
    expect(p1.preview).toEqual(p0.preview);
    expect(p2.preview).toEqual(p0.preview);
    expect(p1.preview.problems).toEqual([]);

    const before = dynamoCallCount();
    const placed = await invoke<CheckoutResult>(submitRoute, {
      token: me.token,
      body: { addressId: me.addressId, lines: hinted, fingerprint: p1.preview.fingerprint },
      headers: { 'Idempotency-Key': idemKey() },
    });
    expect(placed.status).toBe(201);
    // the session check with the pricing read and the marker, the rate window, the placing transaction
    expect(dynamoCallCount() - before).toBe(3);
    expect(placed.body.orders.map((o) => o.total.amount).sort((x, y) => x - y)).toEqual(
      [
        500 + p1.preview.stores.find((s) => s.merchantId === storeB)!.shipping.amount,
        3980 + p1.preview.stores.find((s) => s.merchantId === storeA)!.shipping.amount,
      ].sort((x, y) => x - y),
    );
    // the combine order's descriptions come from the checkout: every sub-order carries its order's store name
    const checkoutItem = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.checkout(placed.body.checkout.id), ConsistentRead: true })))
      .Item as {
      subOrders: { orderId: string; storeName?: string }[];
    };
    expect(checkoutItem.subOrders.map((s) => s.storeName).sort()).toEqual(placed.body.orders.map((o) => o.storeName).sort());
  });

  it('a retried submit returns the same checkout; the route needs an Idempotency-Key', async () => {
    const me = await buyer();
    const a = await line(storeA, 1000);
    const lines = [{ ...a, quantity: 1 }];
    const p = await preview(me.id, me.addressId, lines, 'zh-CN');
    const key = idemKey();
    const body = { addressId: me.addressId, lines, fingerprint: p.fingerprint };
    const [first, second] = await Promise.all([submit(me.id, key, body, 'zh-CN'), submit(me.id, key, body, 'zh-CN')]);
    expect(second.checkout.id).toBe(first.checkout.id);
    const third = await submit(me.id, key, body, 'zh-CN');
    expect(third.checkout.id).toBe(first.checkout.id);
    expect(await stockOf(a.productId)).toBe(9);

    const viaRoute = await invoke<CheckoutResult>(submitRoute, { token: me.token, body, headers: { 'Idempotency-Key': key } });
    expect(viaRoute.status).toBe(201);
    expect(viaRoute.body.checkout.id).toBe(first.checkout.id);
    expect((await invoke(submitRoute, { token: me.token, body })).status).toBe(400);
    // the same key with another request (a note added): refused, nothing placed
    const reused = await invoke<{ error: { code: string } }>(submitRoute, {
      token: me.token,
      body: { ...body, notes: { [storeA]: '另一个请求' } },
      headers: { 'Idempotency-Key': key },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await stockOf(a.productId)).toBe(9);
  });

  it('answers 409 price_changed with the new preview when a price changed since the preview, and never takes a price from the client', async () => {
    const me = await buyer();
    const a = await line(storeA, 1000);
    const lines = [{ ...a, quantity: 1 }];
    const p = await preview(me.id, me.addressId, lines, 'zh-CN');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.productSku(a.productId, a.skuId),
        UpdateExpression: 'SET price = :p',
        ExpressionAttributeValues: { ':p': { amount: 1200, currency: 'CNY' } },
      }),
    );
    const reply = await invoke<{ error: { code: string; details: { preview: Preview } } }>(submitRoute, {
      token: me.token,
      body: { addressId: me.addressId, lines, fingerprint: p.fingerprint },
      headers: { 'Idempotency-Key': idemKey() },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('price_changed');
    expect(reply.body.error.details.preview.total).toEqual({ amount: 1200, currency: 'CNY' });
    expect(await stockOf(a.productId)).toBe(10);
    const withPrice = await invoke(submitRoute, {
      token: me.token,
      body: { addressId: me.addressId, lines: [{ ...lines[0], price: 1 }], fingerprint: p.fingerprint },
      headers: { 'Idempotency-Key': idemKey() },
    });
    expect(withPrice.status).toBe(400);
  });

  it('a store without a WeChat Pay sub-merchant cannot sell (422)', async () => {
    const me = await buyer();
    const a = await line(unsellable, 1000);
    const lines = [{ ...a, quantity: 1 }];
    const p = await preview(me.id, me.addressId, lines, 'zh-CN');
    expect(p.problems).toEqual([{ kind: 'store_cannot_sell', skuId: null, merchantId: unsellable }]);
    await expect(submit(me.id, idemKey(), { addressId: me.addressId, lines, fingerprint: p.fingerprint }, 'zh-CN')).rejects.toMatchObject({ status: 422 });
  });

  it('30 shoppers against 10 units: exactly 10 orders, stock 0, never negative, postings reconcile', async () => {
    const a = await line(storeA, 1000, 10);
    const buyers = await Promise.all(Array.from({ length: 30 }, () => buyer()));
    const lines = [{ ...a, quantity: 1 }];
    const fp = (await preview(buyers[0]!.id, buyers[0]!.addressId, lines, 'zh-CN')).fingerprint;
    const results = await Promise.allSettled(buyers.map((me) => submit(me.id, idemKey(), { addressId: me.addressId, lines, fingerprint: fp }, 'zh-CN')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { status: number }).status).toBeGreaterThanOrEqual(409);
    expect(await stockOf(a.productId)).toBe(0);
    expect(await checkStockReconciles([{ productId: a.productId, skuId: a.skuId }])).toEqual([]);
    // NOTE: under this race the product's inStock flag may stay true (the last unit went to an order whose read did not predict the sell-out): ADR 0041, known gap
  });
});

describe('payment, cancel and the sweeper', () => {
  it('markCheckoutPaid applies once however often it comes, and rejects a wrong amount or sub-merchant', async () => {
    const me = await buyer();
    const result = await place(me, [
      { ...(await line(storeA, 1000)), quantity: 1 },
      { ...(await line(storeB, 2000)), quantity: 1 },
    ]);
    const pay = paymentOf(result);
    const altered = { ...pay, subOrders: pay.subOrders.map((s, i) => (i === 0 ? { ...s, amount: s.amount - 1 } : s)) };
    expect(await markCheckoutPaid(result.checkout.id, altered)).toMatchObject({ outcome: 'rejected' });
    const wrongMch = { ...pay, subOrders: pay.subOrders.map((s, i) => (i === 0 ? { ...s, subMchid: '1900000999' } : s)) };
    expect(await markCheckoutPaid(result.checkout.id, wrongMch)).toMatchObject({ outcome: 'rejected' });

    const outcomes = await Promise.all(Array.from({ length: 15 }, () => markCheckoutPaid(result.checkout.id, pay)));
    expect(outcomes.filter((o) => o.outcome === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'already_applied')).toHaveLength(14);
    for (const o of result.orders) {
      const events = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': keys.order(o.id).PK, ':p': 'EVENT#' },
        }),
      );
      expect(events.Items?.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderPaid']);
    }
    const tab = await invoke<OrderPage>(listMyOrdersRoute, { token: me.token, query: { tab: 'to_ship' } });
    expect(tab.body.items.map((o) => o.id).sort()).toEqual(result.orders.map((o) => o.id).sort());
  });

  it('AP77 listDueCheckouts: an unpaid checkout cancels after its pay-by time and its stock comes back exactly once; a late payment is flagged for refund', async () => {
    const me = await buyer();
    const a = await line(storeA, 1000, 5);
    const result = await place(me, [{ ...a, quantity: 2 }]);
    expect(await stockOf(a.productId)).toBe(3);
    // not due yet
    await sweepDueCheckouts(new Date());
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.checkout(result.checkout.id), ConsistentRead: true }))).Item!.status).toBe(
      'pending_payment',
    );
    const later = new Date(Date.parse(result.checkout.payBy) + 61_000);
    // the sweeper twice and the shopper at the same time: one cancel, one release
    const [, , shopperCancel] = await Promise.allSettled([
      sweepDueCheckouts(later),
      sweepDueCheckouts(later),
      cancelCheckout(result.checkout.id, { kind: 'shopper', id: me.id }, 'changed my mind', { expectUserId: me.id }),
    ]);
    expect(shopperCancel.status).toBe('fulfilled');
    expect(await stockOf(a.productId)).toBe(5);
    expect(await checkStockReconciles([{ productId: a.productId, skuId: a.skuId }])).toEqual([]);
    const checkout = await db().send(new GetCommand({ TableName: tableName(), Key: keys.checkout(result.checkout.id), ConsistentRead: true }));
    expect(checkout.Item!.status).toBe('cancelled');

    const pay = paymentOf(result, 'TXLATE0001');
    expect(await markCheckoutPaid(result.checkout.id, pay)).toEqual({ outcome: 'refund_required', checkoutId: result.checkout.id, reason: 'after_cancel' });
    expect(await markCheckoutPaid(result.checkout.id, pay)).toMatchObject({ outcome: 'refund_required' });
    const late = await db().send(new GetCommand({ TableName: tableName(), Key: keys.latePayment(result.checkout.id, 'TXLATE0001'), ConsistentRead: true }));
    expect(late.Item).toMatchObject({ entity: 'LatePayment', status: 'refund_pending', reason: 'after_cancel', amount: { amount: 2000, currency: 'CNY' } });
    expect(await stockOf(a.productId)).toBe(5);
  });

  it('a payment racing the sweeper: exactly one of them wins, and the stock is released only if the cancel won', async () => {
    const me = await buyer();
    const a = await line(storeA, 1000, 5);
    const result = await place(me, [{ ...a, quantity: 1 }]);
    const later = new Date(Date.parse(result.checkout.payBy) + 61_000);
    const [paid] = await Promise.all([markCheckoutPaid(result.checkout.id, paymentOf(result)), sweepDueCheckouts(later)]);
    const status = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.checkout(result.checkout.id), ConsistentRead: true }))).Item!.status;
    if (paid.outcome === 'applied') {
      expect(status).toBe('paid');
      expect(await stockOf(a.productId)).toBe(4);
    } else {
      expect(paid.outcome).toBe('refund_required');
      expect(status).toBe('cancelled');
      expect(await stockOf(a.productId)).toBe(5);
    }
  });

  it('the shopper cancels an unpaid order through the route (another shopper gets 404)', async () => {
    const me = await buyer();
    const other = await buyer();
    const a = await line(storeA, 1000, 5);
    const result = await place(me, [{ ...a, quantity: 5 }]);
    expect(await inStockOf(a.productId)).toMatchObject({ inStock: false, stockedSkuCount: 0 });
    const orderId = result.orders[0]!.id;
    expect((await invoke(cancelRoute, { token: other.token, params: { orderId }, body: {} })).status).toBe(404);
    const done = await invoke<Order>(cancelRoute, { token: me.token, params: { orderId }, body: { reason: '不想要了' } });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('cancelled');
    expect(done.body.history.at(-1)).toMatchObject({ from: 'pending_payment', to: 'cancelled', actor: { kind: 'shopper', id: me.id }, reason: '不想要了' });
    expect(await stockOf(a.productId)).toBe(5);
    expect(await inStockOf(a.productId)).toMatchObject({ inStock: true, stockedSkuCount: 1 });
    expect(await checkStockReconciles([{ productId: a.productId, skuId: a.skuId }])).toEqual([]);
  });
});

describe('delivery and receipt', () => {
  it('AP75+AP76: the store ships in two parcels, the shopper confirms receipt; lists follow the status', async () => {
    const me = await buyer();
    const ownerToken = await ownerA.token();
    const a = await line(storeA, 1000);
    const b = await line(storeA, 500);
    const result = await place(me, [
      { ...a, quantity: 2 },
      { ...b, quantity: 1 },
    ]);
    const orderId = result.orders[0]!.id;
    await markCheckoutPaid(result.checkout.id, paymentOf(result));
    const toShip = await invoke<OrderPage>(listMerchantOrdersRoute, { token: ownerToken, params: { merchantId: storeA }, query: { status: 'paid' } });
    expect(toShip.body.items.map((o) => o.id)).toContain(orderId);

    const first = await invoke<Order>(shipRoute, {
      token: ownerToken,
      params: { merchantId: storeA, orderId },
      body: { parcels: [{ carrierCode: 'SF', trackingNumber: 'SF1234567890', lines: [{ skuId: a.skuId, quantity: 2 }] }] },
    });
    expect(first.body.status).toBe('partly_shipped');
    const tooMany = await invoke(shipRoute, {
      token: ownerToken,
      params: { merchantId: storeA, orderId },
      body: { parcels: [{ carrierCode: 'YD', trackingNumber: 'YD000111222', lines: [{ skuId: a.skuId, quantity: 1 }] }] },
    });
    expect(tooMany.status).toBe(422);
    const second = await invoke<Order>(shipRoute, {
      token: ownerToken,
      params: { merchantId: storeA, orderId },
      body: { parcels: [{ carrierCode: 'YD', trackingNumber: 'YD000111222' }] },
    });
    expect(second.body).toMatchObject({
      status: 'shipped',
      parcels: [{ carrierCode: 'SF' }, { carrierCode: 'YD', lines: [{ skuId: b.skuId, quantity: 1 }] }],
    });
    expect(second.body.autoConfirmAt).not.toBeNull();
    const receiving = await invoke<OrderPage>(listMyOrdersRoute, { token: me.token, query: { tab: 'to_receive' } });
    expect(receiving.body.items.map((o) => o.id)).toEqual([orderId]);

    const confirmed = await invoke<Order>(confirmRoute, { token: me.token, params: { orderId } });
    expect(confirmed.body.status).toBe('completed');
    expect(confirmed.body.history.map((h) => h.event)).toEqual(['OrderPlaced', 'OrderPaid', 'OrderShipped', 'OrderShipped', 'OrderCompleted']);
    expect((await invoke(confirmRoute, { token: me.token, params: { orderId } })).status).toBe(409);

    const admin = await shopper('cs');
    await setPlatformRole(admin.id, 'customer_service', 'test');
    const adminToken = (await startSession(admin.id, 'phone', false)).accessToken;
    const found = await invoke<OrderPage>(searchRoute, { token: adminToken, query: { userId: me.id } });
    expect(found.body.items.map((o) => [o.id, o.status])).toEqual([[orderId, 'completed']]);
  });

  it('AP78 listDueReceipts: a shipped order confirms receipt by itself after the configured time', async () => {
    const me = await buyer();
    const result = await place(me, [{ ...(await line(storeA, 1000)), quantity: 1 }]);
    await markCheckoutPaid(result.checkout.id, paymentOf(result));
    const shipped = await shipOrder(storeA, result.orders[0]!.id, { parcels: [{ carrierCode: 'ZTO', trackingNumber: 'ZT778899001' }] }, 'staff');
    expect(shipped.status).toBe('shipped');
    await sweepDueReceipts(new Date());
    expect((await db().send(new GetCommand({ TableName: tableName(), Key: keys.order(shipped.id), ConsistentRead: true }))).Item!.status).toBe('shipped');
    const due = new Date(Date.parse(shipped.autoConfirmAt!) + 3_600_000);
    expect(await sweepDueReceipts(due)).toBeGreaterThanOrEqual(1);
    const after = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.order(shipped.id), ConsistentRead: true }))).Item!;
    expect(after.status).toBe('completed');
    expect((after.history as { actor: { kind: string }; reason: string | null }[]).at(-1)).toMatchObject({
      actor: { kind: 'system' },
      reason: 'confirmed automatically',
    });
    await expect(confirmReceipt(shipped.id, { kind: 'shopper', id: me.id }, { expectUserId: me.id })).rejects.toMatchObject({ status: 409 });
  });
});

describe('platform order search', () => {
  it('AP75+AP76 with a placing-date range: the platform finds orders of a store or a shopper placed in [from, to)', async () => {
    // Prepare
    const store = await merchant('Search by date');
    await setStoreSubMchid(store, '1900000209');
    const me = await buyer();
    const first = (await place(me, [{ ...(await line(store, 500)), quantity: 1 }])).orders[0]!;
    const second = (await place(me, [{ ...(await line(store, 600)), quantity: 1 }])).orders[0]!;
    expect(first.createdAt < second.createdAt).toBe(true);
    const admin = await shopper('cs-dates');
    await setPlatformRole(admin.id, 'customer_service', 'test');
    const token = (await startSession(admin.id, 'phone', false)).accessToken;
    const search = async (query: Record<string, string>) => (await invoke<OrderPage>(searchRoute, { token, query })).body.items.map((o) => o.id);

    // Act
    const byStore = await search({ merchantId: store });
    const storeFrom = await search({ merchantId: store, from: second.createdAt });
    const storeTo = await search({ merchantId: store, status: 'pending_payment', to: second.createdAt });
    const shopperFrom = await search({ userId: me.id, from: second.createdAt });
    const idOutside = await search({ orderId: first.id, from: second.createdAt });
    const idInside = await search({ orderId: first.id, to: second.createdAt });
    const backwards = await invoke(searchRoute, { token, query: { merchantId: store, from: second.createdAt, to: first.createdAt } });

    // Assert
    expect(byStore).toEqual([second.id, first.id]);
    expect(storeFrom).toEqual([second.id]);
    expect(storeTo).toEqual([first.id]);
    expect(shopperFrom).toEqual([second.id]);
    expect(idOutside).toEqual([]);
    expect(idInside).toEqual([first.id]);
    expect(backwards.status).toBe(400);
  });
});

describe('order events', () => {
  it('OrderPlaced takes the ordered SKUs out of the cart once: a redelivery leaves a SKU added again alone', async () => {
    const me = await buyer();
    const a = await line(storeA, 1000);
    const keep = await line(storeA, 700);
    await addItem(me.id, { skuId: a.skuId, quantity: 1 });
    await addItem(me.id, { skuId: keep.skuId, quantity: 1 });
    const result = await place(me, [{ ...a, quantity: 1 }]);
    const events = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.order(result.orders[0]!.id).PK, ':p': 'EVENT#' },
      }),
    );
    const record = productRecord(events.Items![0], undefined, 'INSERT');
    expect(await clearCartLines({ Records: [record] })).toEqual({ batchItemFailures: [] });
    expect(await countCart(me.id)).toEqual({ lines: 1 });
    await addItem(me.id, { skuId: a.skuId, quantity: 1 });
    expect(await clearCartLines({ Records: [record] })).toEqual({ batchItemFailures: [] });
    expect(await countCart(me.id)).toEqual({ lines: 2 });
  });
});
