/**
 * After-sale on H5 in Chromium (ADR 0055, 0056, 0058): a fresh shopper buys 2 units of a product made for
 * this file (no other e2e file moves its stock), paid at the WeChat Pay simulator's cashier; the store
 * ships and the shopper confirms receipt through the API; then, on the pages: the shopper asks for a
 * return and refund of ONE unit with a photo (the refund the server computes shows before sending), the
 * store approves it with the return address, the shopper sends the return, the store confirms 1 unit
 * arrived, the refund goes out through the simulator and settles by its notification, and the shopper's
 * page shows it refunded. The stock is back by exactly one; the refund is exactly one unit's share.
 * A second test: a refund before shipment, approved by rule, refunded, from the order's page.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { formatMoney, type AfterSale, type CheckoutResult, type Order, type Preview, type ProductDetail } from '@wxshop/shared';
import { call, randomPhone, smsLogin } from '../support/api-client';
import { apiResponse, cutApi, holdApi, launchChromium, openApp, rawMessageKeys, type StoredSession } from '../support/browser';
import { pngBytes } from '../support/files';
import { payAtCashier } from '../support/pay-and-track';

jest.setTimeout(240_000);

/** Seeded by infra/local/seed.ts. */
const JADE_TEA = { id: '01HZZZZZZZZZZZZZZZZZZZZZZA', ownerPhone: '+8613800000002' };
const SUPER_ADMIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };
/** The same email sign-in tests/e2e/merchant.test.ts adds to the demo owner (one SMS per stack). */
const OWNER_LOGIN = { email: 'owner.jade-tea@wxshop.local', password: 'wxshop-owner-e2e-2026' };
/** 19.99 a unit: two units are 39.98, one unit's share is exactly 19.99 (no discount on the order: checked below). */
const PRICE = 1999;
const en = CATALOG.en;
const zh = CATALOG['zh-CN'];

type Login = Omit<StoredSession, 'expiresAt'> & { expiresIn?: number };
const stored = ({ accessToken, refreshToken, expiresIn, profile }: Login): StoredSession => ({
  accessToken,
  refreshToken,
  expiresAt: Date.now() + (expiresIn ?? 900) * 1000,
  profile,
});
const ok = <T>(what: string, res: { status: number; body: T }, status = 200): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function emailSession(login: { email: string; password: string }): Promise<StoredSession> {
  return stored(ok(`email login ${login.email}`, await call<Login>('POST', '/auth/email/login', { body: login })));
}

/** The demo owner signed in by email (binding the email once with an SMS sign-in). */
async function ownerSession(): Promise<StoredSession> {
  const first = await call<Login>('POST', '/auth/email/login', { body: OWNER_LOGIN });
  if (first.status === 200) return stored(first.body);
  const owner = await smsLogin(JADE_TEA.ownerPhone);
  ok('bind email', await call('POST', '/me/identities/email', { body: OWNER_LOGIN, token: owner.accessToken }));
  return emailSession(OWNER_LOGIN);
}

/** A product of the demo tea house for this file only (created, submitted, approved by the platform), with 10 units. */
async function ownProduct(owner: string, admin: string): Promise<{ productId: string; skuId: string }> {
  const list = ok('list products', await call<{ items: { id: string }[] }>('GET', `/products?merchantId=${JADE_TEA.id}&limit=1`));
  const model = ok('product', await call<ProductDetail>('GET', `/products/${list.items[0]!.id}`));
  const body = {
    title: { 'zh-CN': `售后测试茶 ${Date.now().toString(36)}` },
    description: { 'zh-CN': '售后端到端测试专用' },
    categoryId: model.categoryId,
    // the model's first image (its key is the URL's path after the bucket)
    imageKeys: [new URL(model.imageUrls[0]!).pathname.split('/').slice(2).join('/')],
    specs: [],
    skus: [{ specIndexes: [], code: `E2E-AS-${Date.now()}`, price: PRICE, initialStock: 10 }],
  };
  const made = ok(
    'create product',
    await call<{ id: string; skus: { id: string }[] }>('POST', `/merchants/${JADE_TEA.id}/products`, { token: owner, body }),
    201,
  );
  ok('submit product', await call('POST', `/merchants/${JADE_TEA.id}/products/${made.id}/submit`, { token: owner }));
  ok('approve product', await call('POST', `/admin/products/${made.id}/approve`, { token: admin }));
  for (const until = Date.now() + 30_000; ; await wait(300)) {
    const p = await call<ProductDetail>('GET', `/products/${made.id}`);
    if (p.status === 200 && p.body.purchasable) break;
    if (Date.now() > until) throw new Error(`product ${made.id} is not purchasable 30 s after approval`);
  }
  return { productId: made.id, skuId: made.skus[0]!.id };
}

const stockOf = async (line: { productId: string; skuId: string }): Promise<number> =>
  ok('product', await call<ProductDetail>('GET', `/products/${line.productId}`)).skus.find((s) => s.id === line.skuId)!.stock;

let seq = 0;
/** Preview + submit + pay at the cashier: one paid order of `quantity` units. */
async function paidOrder(token: string, addressId: string, line: { productId: string; skuId: string }, quantity: number): Promise<Order> {
  const lines = [{ ...line, quantity }];
  const preview = ok('preview', await call<Preview>('POST', '/checkout/preview', { token, body: { addressId, lines } }));
  if (preview.problems.length) throw new Error(`preview problems: ${JSON.stringify(preview.problems)}`);
  const placed = ok(
    'submit',
    await call<CheckoutResult>('POST', '/checkout', {
      token,
      headers: { 'Idempotency-Key': `e2e-after-sales-${Date.now()}-${(seq += 1)}` },
      body: { addressId, lines, fingerprint: preview.fingerprint },
    }),
    201,
  );
  await payAtCashier(token, placed.checkout.id);
  return placed.orders[0]!;
}

/** Waits until the shopper's case is in `status` (the simulator's refund notification settles it after its delay). */
async function caseIn(token: string, id: string, status: AfterSale['status'], ms = 60_000): Promise<AfterSale> {
  for (const until = Date.now() + ms; ; await wait(400)) {
    const c = ok('my case', await call<AfterSale>('GET', `/me/after-sales/${id}`, { token }));
    if (c.status === status) return c;
    if (Date.now() > until) throw new Error(`case ${id} is ${c.status}, not ${status}, after ${ms / 1000} s`);
  }
}

let browser: Browser;
let shopper: StoredSession;
let owner: StoredSession;
let addressId: string;
let line: { productId: string; skuId: string };

beforeAll(async () => {
  browser = await launchChromium();
  shopper = stored((await smsLogin(randomPhone())) as unknown as Login);
  owner = await ownerSession();
  const admin = await emailSession(SUPER_ADMIN);
  addressId = ok(
    'address',
    await call<{ id: string }>('POST', '/me/addresses', {
      token: shopper.accessToken,
      body: { recipient: '吴售后', phone: '13900139000', regionCode: '330106', detail: '文一西路 969 号' },
    }),
    201,
  ).id;
  line = await ownProduct(owner.accessToken, admin.accessToken);
});
afterAll(() => browser?.close());

describe('after-sale on H5', () => {
  it('return and refund of one of two units: request with a photo, approve, send back, confirm 1 arrived, refunded through the simulator; stock +1, refund = one unit to the fen', async () => {
    // Prepare: 2 units bought, shipped, received
    const token = shopper.accessToken;
    const bought = await paidOrder(token, addressId, line, 2);
    expect(bought.adjustments).toEqual([]);
    const unitShare = Math.floor((bought.subtotal.amount + bought.adjustments.reduce((n, a) => n + a.amount.amount, 0)) / 2);
    ok(
      'ship',
      await call<Order>('POST', `/merchants/${JADE_TEA.id}/orders/${bought.id}/ship`, {
        token: owner.accessToken,
        body: { parcels: [{ carrierCode: 'ZTO', trackingNumber: `ZTO${Date.now().toString().slice(-10)}` }] },
      }),
    );
    ok('confirm receipt', await call<Order>('POST', `/me/orders/${bought.id}/confirm-receipt`, { token }));
    const stockBefore = await stockOf(line);
    const shop = await openApp(browser, 'after-sale-shopper', { locale: 'en-US', language: 'en', session: shopper });
    const sp = shop.page;

    // Act 1: the shopper asks for a return and refund of ONE unit, from the order's page
    await shop.open(`/orders/pages/detail/index?orderId=${bought.id}`, `#order-after-sale-line-${line.skuId}`);
    await sp.locator('#order-after-sale-card').scrollIntoViewIfNeeded();
    await shop.shot('order-after-sale-block');
    await sp.locator(`#order-after-sale-line-${line.skuId}`).click();
    await sp.locator('#asr-form').waitFor();
    await sp.locator('#asr-quote-total').waitFor();
    await shop.shot('request-form');
    await sp.locator('#asr-submit').click();
    const refusedWithoutReason = await shop.text('#asr-error');
    await sp.locator('#asr-reason-damaged').click();
    await sp.locator('#asr-text textarea').fill('One tin arrived dented. 一罐压坏了');
    const chooser = sp.waitForEvent('filechooser');
    await sp.locator('#asr-add-photos').click();
    await (await chooser).setFiles({ name: 'dent.png', mimeType: 'image/png', buffer: pngBytes(64) });
    await sp.locator('#asr-photos-progress').filter({ hasText: '1 of 1' }).waitFor();
    const quoted = await shop.text('#asr-quote-total');
    const maxUnits = (await sp.locator(`#asr-qty-${line.skuId}-plus`).isDisabled()) ? 1 : 2;
    await shop.shot('request-form-filled');
    const requested = apiResponse(sp, 'POST', '/me/after-sales');
    await sp.locator('#asr-submit').click();
    const requestAnswer = await requested;
    const asked = (await requestAnswer.json()) as AfterSale;
    await sp.locator('#page-after-sale #as-status').waitFor();
    await shop.shot('case-requested');
    const requestedStatus = await shop.text('#as-status');

    // Act 2: the store finds it in its queue with its deadline and approves it with the return address
    const store = await openApp(browser, 'after-sale-store', { locale: 'zh-CN', session: owner });
    const mp = store.page;
    await store.open(`/merchant/pages/dashboard/index?merchantId=${JADE_TEA.id}`, '#dash-after-sales');
    await mp.locator('#dash-after-sales-count').waitFor();
    await store.shot('dashboard-after-sales');
    await mp.locator('#dash-after-sales').click();
    await mp.locator(`#as-case-${asked.id}`).waitFor();
    const deadline = await store.text(`#as-deadline-${asked.id}`);
    await store.shot('queue-to-answer');
    await mp.locator('#as-tab-escalated').click();
    await mp.locator('#as-queue-empty').waitFor();
    await store.shot('queue-empty-tab');
    await mp.locator('#as-tab-requested').click();
    await mp.locator(`#as-case-${asked.id}`).click();
    await mp.locator('#page-merchant-after-sale #as-approve').waitFor();
    await mp.locator('#as-photos').scrollIntoViewIfNeeded();
    await store.shot('case-to-answer');
    await mp.locator('#as-approve').click();
    await mp.locator('#as-approve-form').waitFor();
    await mp.locator('#as-approve-submit').click();
    const missingFields = await mp.locator('#as-approve-form .as-error').count();
    await mp.locator('#as-address-recipient input').fill('玉茶坊售后部');
    await mp.locator('#as-address-phone input').fill('0571-88886666');
    await mp.locator('#as-address-region input').fill('浙江省杭州市西湖区');
    await mp.locator('#as-address-detail input').fill('龙井路 1 号');
    await mp.locator('#as-approve-form').scrollIntoViewIfNeeded();
    await store.shot('approve-form');
    const approved = apiResponse(mp, 'POST', `/merchants/${JADE_TEA.id}/after-sales/${asked.id}/approve`);
    await mp.locator('#as-approve-submit').click();
    expect((await approved).status()).toBe(200);
    await mp.locator('#as-status').filter({ hasText: zh['after_sale.m.tab.approved'] }).waitFor();
    await store.shot('case-approved');

    // Act 3: the shopper sees the address and sends the return
    await sp.reload();
    await sp.locator('#as-return-address').waitFor();
    const returnTo = await shop.text('#as-return-address');
    await sp.locator('#as-send-return-submit').click();
    const noCarrier = await shop.text('#as-send-return-error');
    await sp.locator('#as-carrier-SF').click();
    await sp.locator('#as-tracking input').fill('SF7700000001');
    await sp.locator('#as-send-return').scrollIntoViewIfNeeded();
    await shop.shot('send-return-form');
    const sent = apiResponse(sp, 'POST', `/me/after-sales/${asked.id}/return`);
    await sp.locator('#as-send-return-submit').click();
    expect((await sent).status()).toBe(200);
    await sp.locator('#as-return-parcel').waitFor();
    await shop.shot('return-sent');

    // Act 4: the store confirms 1 unit arrived
    await mp.reload();
    await mp.locator('#as-confirm-form').waitFor();
    const arrivedDefault = await store.text(`#as-got-${line.skuId}`);
    await mp.locator('#as-confirm-form').scrollIntoViewIfNeeded();
    await store.shot('confirm-return-form');
    const confirmed = apiResponse(mp, 'POST', `/merchants/${JADE_TEA.id}/after-sales/${asked.id}/confirm-return`);
    await mp.locator('#as-confirm-submit').click();
    const confirmAnswer = await confirmed;
    await mp.locator('#as-status').filter({ hasText: zh['after_sale.m.tab.refunding'] }).waitFor();
    await store.shot('case-refunding');
    expect(store.errors).toEqual([]);
    expect(await rawMessageKeys(mp)).toEqual([]);
    await store.close();

    // Act 5: the simulator refunds and notifies; the shopper's page shows it refunded
    const refunded = await caseIn(token, asked.id, 'refunded');
    await sp.reload();
    await sp.locator('#as-status').filter({ hasText: en['after_sale.status.refunded'] }).waitFor();
    await shop.shot('case-refunded');
    const history = await sp.locator('#as-history [role="listitem"]').count();
    const shownTotal = await shop.text('#as-total');
    await shop.open('/orders/pages/after-sales/index', `#as-case-${asked.id}`);
    await shop.shot('my-after-sales');
    const listed = await shop.text(`#as-case-status-${asked.id}`);
    expect(await rawMessageKeys(sp)).toEqual([]);
    expect(shop.errors).toEqual([]);
    await shop.close();

    // Assert
    expect(refusedWithoutReason).toBe(en['after_sale.err_reason']);
    expect(maxUnits).toBe(2);
    expect(quoted).toBe(formatMoney({ amount: unitShare, currency: 'CNY' }, 'en'));
    expect(requestAnswer.status()).toBe(201);
    expect(asked).toMatchObject({ kind: 'return_refund', status: 'requested', reason: 'damaged', lines: [{ skuId: line.skuId, quantity: 1 }] });
    expect(asked.photoKeys).toHaveLength(1);
    expect(requestedStatus).toBe(en['after_sale.status.requested']);
    expect(deadline).toContain(zh['after_sale.m.answer_by'].split('{time}')[0]!);
    expect(missingFields).toBe(4);
    expect(returnTo).toContain('龙井路 1 号');
    expect(noCarrier).toBe(en['after_sale.err_carrier']);
    expect(arrivedDefault).toBe('1');
    expect(confirmAnswer.status()).toBe(200);
    expect(refunded.total).toEqual({ amount: unitShare, currency: 'CNY' });
    expect(refunded.refund).toMatchObject({ status: 'SUCCESS', amount: { amount: unitShare, currency: 'CNY' } });
    expect(refunded.lines).toEqual([expect.objectContaining({ skuId: line.skuId, quantity: 1, received: 1, amount: { amount: unitShare, currency: 'CNY' } })]);
    expect(unitShare).toBe(PRICE);
    expect(shownTotal).toBe(formatMoney({ amount: PRICE, currency: 'CNY' }, 'en'));
    expect(history).toBe(refunded.history.length);
    expect(refunded.history.map((h) => h.to)).toEqual(['requested', 'approved', 'return_shipped', 'refunding', 'refunded']);
    expect(listed).toBe(en['after_sale.status.refunded']);
    expect(await stockOf(line)).toBe(stockBefore + 1);
    // the order goes on (partly refunded); the other unit can still be asked for
    const after = ok('order', await call<Order>('GET', `/me/orders/${bought.id}`, { token }));
    expect(after.status).toBe('completed');
  });

  it('a refund before shipment is approved by rule and refunded; the empty and error states of the list', async () => {
    // Prepare: a fresh shopper's paid order of 1 unit, not shipped
    const buyer = stored((await smsLogin(randomPhone())) as unknown as Login);
    const token = buyer.accessToken;
    const address = ok(
      'address',
      await call<{ id: string }>('POST', '/me/addresses', {
        token,
        body: { recipient: '郑退款', phone: '13900139001', regionCode: '330106', detail: '文二路 1 号' },
      }),
      201,
    );
    const shop = await openApp(browser, 'after-sale-before-shipment', { locale: 'en-US', language: 'en', session: buyer });
    const sp = shop.page;
    await shop.open('/pages/me/index', '#me-after-sales');
    await shop.shot('me-after-sales-link');
    await sp.locator('#me-after-sales').click();
    await sp.locator('#as-list-empty').waitFor();
    await shop.shot('my-after-sales-empty');
    const bought = await paidOrder(token, address.id, line, 1);
    const stockBefore = await stockOf(line);

    // Act
    await shop.open(`/orders/pages/detail/index?orderId=${bought.id}`, '#order-after-sale');
    await sp.locator('#order-after-sale').click();
    await sp.locator('#asr-form').waitFor();
    const returnOff = await sp.locator('#asr-kind-return_refund').getAttribute('aria-disabled');
    await sp.locator('#asr-reason-changed_mind').click();
    await sp.locator('#asr-quote-total').waitFor();
    const quoted = await shop.text('#asr-quote-total');
    await shop.shot('refund-before-shipment');
    const requested = apiResponse(sp, 'POST', '/me/after-sales');
    await sp.locator('#asr-submit').click();
    const asked = (await (await requested).json()) as AfterSale;
    await sp.locator('#page-after-sale #as-status').waitFor();
    const refunded = await caseIn(token, asked.id, 'refunded');
    await sp.reload();
    await sp.locator('#as-status').filter({ hasText: en['after_sale.status.refunded'] }).waitFor();
    await shop.shot('refunded-before-shipment');
    const order = ok('order', await call<Order>('GET', `/me/orders/${bought.id}`, { token }));
    await shop.open(`/orders/pages/detail/index?orderId=${bought.id}`, '#order-after-sales-link');
    await sp.locator('#order-after-sales-link').click();
    await sp.locator(`#as-case-${asked.id}`).waitFor();
    const held = await holdApi(shop.context, 'GET', '/me/after-sales');
    await sp.reload();
    await held.held;
    await sp.locator('#as-list-loading').waitFor();
    await shop.shot('my-after-sales-loading');
    held.release();
    await sp.locator(`#as-case-${asked.id}`).waitFor();
    await shop.context.unrouteAll();
    const restore = await cutApi(shop.context);
    await sp.reload();
    await sp.locator('#as-list-error').waitFor();
    await shop.shot('my-after-sales-error');
    await restore();
    await sp.locator('#as-list-error-retry').click();
    await sp.locator(`#as-case-${asked.id}`).waitFor();
    expect(shop.errors).toEqual([]);
    await shop.close();

    // Assert
    expect(returnOff).toBe('true');
    expect(asked.status).toBe('refunding');
    expect(asked.history.map((h) => [h.to, h.actor.kind])).toEqual([
      ['requested', 'shopper'],
      ['refunding', 'system'],
    ]);
    expect(quoted).toBe(formatMoney(bought.total, 'en'));
    expect(refunded.total).toEqual(bought.total);
    expect(refunded.refund).toMatchObject({ status: 'SUCCESS', amount: bought.total });
    expect(order.status).toBe('refunded');
    expect(await stockOf(line)).toBe(stockBefore + 1);
  });
});
