/**
 * The shopper's orders and the admin order search on H5 in Chromium: orders placed through the API
 * (a fresh shopper, a demo store), one paid on the WeChat Pay simulator's cashier, the list by tab with
 * the pay countdown, "pay now" to the cashier and back, cancel with a reason (the stock comes back), a
 * parcel shipped by the store's API whose events the Kuaidi100 simulator pushes, confirm receipt, the
 * empty and error states, and the platform finding the order.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { CheckoutResult, Order, Preview, ProductDetail, ProductPage } from '@wxshop/shared';
import { call, randomPhone, smsLogin, SIMS } from '../support/api-client';
import { apiResponse, cutApi, launchChromium, openApp, rawMessageKeys, type AppPage, type StoredSession } from '../support/browser';
import { payAtCashier, pushTracking } from '../support/pay-and-track';

jest.setTimeout(120_000);

/** Seeded by infra/local/seed.ts. */
const JADE_TEA = { id: '01HZZZZZZZZZZZZZZZZZZZZZZA', ownerPhone: '+8613800000002' };
const SUPER_ADMIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };
/** The same email sign-in tests/e2e/merchant.test.ts adds to the demo owner (one SMS per stack). */
const OWNER_LOGIN = { email: 'owner.jade-tea@wxshop.local', password: 'wxshop-owner-e2e-2026' };
const en = CATALOG.en;

type Login = Omit<StoredSession, 'expiresAt'> & { expiresIn?: number };
const stored = ({ accessToken, refreshToken, expiresIn, profile }: Login): StoredSession => ({
  accessToken,
  refreshToken,
  expiresAt: Date.now() + (expiresIn ?? 900) * 1000,
  profile,
});

async function emailSession(login: { email: string; password: string }): Promise<StoredSession> {
  const res = await call<Login>('POST', '/auth/email/login', { body: login });
  if (res.status !== 200) throw new Error(`email login for ${login.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return stored(res.body);
}

async function ownerToken(): Promise<string> {
  const first = await call<Login>('POST', '/auth/email/login', { body: OWNER_LOGIN });
  if (first.status === 200) return first.body.accessToken;
  const owner = await smsLogin(JADE_TEA.ownerPhone);
  const bound = await call('POST', '/me/identities/email', { body: OWNER_LOGIN, token: owner.accessToken });
  if (bound.status !== 200) throw new Error(`binding ${OWNER_LOGIN.email}: ${bound.status} ${JSON.stringify(bound.body)}`);
  return owner.accessToken;
}

const ok = <T>(what: string, res: { status: number; body: T }, status = 200): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * Two in-stock SKUs of the demo tea house (one product each), taken from the END of its list: the other
 * e2e files (unpaid-cancel, checkout) run beside this one and reserve and release units of its first
 * products, which would move the exact stock figures asserted here.
 */
async function twoSkus(): Promise<{ productId: string; skuId: string }[]> {
  const page = ok('list products', await call<ProductPage>('GET', `/products?merchantId=${JADE_TEA.id}&inStock=true&limit=20`));
  const found: { productId: string; skuId: string }[] = [];
  for (const card of [...page.items].reverse()) {
    const detail = ok('product', await call<ProductDetail>('GET', `/products/${card.id}`));
    const sku = detail.skus.find((s) => s.stock >= 2);
    if (sku) found.push({ productId: detail.id, skuId: sku.id });
    if (found.length === 2) return found;
  }
  throw new Error('the demo tea house has fewer than two products in stock');
}

const stockOf = async (line: { productId: string; skuId: string }): Promise<number> =>
  ok('product', await call<ProductDetail>('GET', `/products/${line.productId}`)).skus.find((s) => s.id === line.skuId)!.stock;

let seq = 0;
/** Preview + submit one checkout of one SKU, as the checkout page would. */
async function placeOrder(token: string, addressId: string, line: { productId: string; skuId: string }): Promise<CheckoutResult> {
  const lines = [{ ...line, quantity: 1 }];
  const preview = ok('preview', await call<Preview>('POST', '/checkout/preview', { token, body: { addressId, lines } }));
  if (preview.problems.length) throw new Error(`preview problems: ${JSON.stringify(preview.problems)}`);
  const key = `e2e-orders-${Date.now()}-${(seq += 1)}`;
  return ok(
    'submit',
    await call<CheckoutResult>('POST', '/checkout', {
      token,
      headers: { 'Idempotency-Key': key },
      body: { addressId, lines, fingerprint: preview.fingerprint },
    }),
    201,
  );
}

async function openTab(app: AppPage, tab: string, expect: string): Promise<void> {
  await app.page.locator(`#orders-tab-${tab}`).click();
  await app.page.locator(expect).first().waitFor();
}

let browser: Browser;
let shopper: StoredSession;
let unpaid: Order;
let shipped: Order;
let lines: { productId: string; skuId: string }[];
let stockBeforeOrders: number;
/** This run's waybill: Kuaidi100 subscribes a number once, and a reused stack keeps its subscriptions. */
const WAYBILL = `ZTO${Date.now().toString().slice(-10)}`;

beforeAll(async () => {
  browser = await launchChromium();
  // A fresh shopper (their tabs start empty) with an address in Hangzhou.
  shopper = stored((await smsLogin(randomPhone())) as unknown as Login);
  const token = shopper.accessToken;
  const address = ok(
    'address',
    await call<{ id: string }>('POST', '/me/addresses', {
      token,
      body: { recipient: '王小明', phone: '13900139000', regionCode: '330106', detail: '文一西路 969 号' },
    }),
    201,
  );
  lines = await twoSkus();
  stockBeforeOrders = await stockOf(lines[0]!);
  unpaid = (await placeOrder(token, address.id, lines[0]!)).orders[0]!;
  const toShip = await placeOrder(token, address.id, lines[1]!);
  await payAtCashier(token, toShip.checkout.id);
  const owner = await ownerToken();
  shipped = ok(
    'ship',
    await call<Order>('POST', `/merchants/${JADE_TEA.id}/orders/${toShip.orders[0]!.id}/ship`, {
      token: owner,
      body: { parcels: [{ carrierCode: 'ZTO', trackingNumber: WAYBILL }] },
    }),
  );
});
afterAll(() => browser?.close());

describe("the shopper's orders on H5", () => {
  it('lists orders by tab from the Me shortcuts, with the pay countdown on the unpaid one and an empty tab', async () => {
    // Prepare
    const app = await openApp(browser, 'orders-list-tabs', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;
    await app.open('/pages/me/index', '#me-orders');
    await app.shot('me-orders-row');

    // Act
    await page.locator('#me-orders-to_pay').click();
    await page.locator(`#order-${unpaid.id}`).waitFor();
    await app.shot('tab-to-pay-countdown');
    const countdown1 = await app.text(`#order-countdown-${unpaid.id}`);
    await page.waitForTimeout(1500);
    const countdown2 = await app.text(`#order-countdown-${unpaid.id}`);
    const toPayIds = await page.locator('#orders-list > [id^="order-"]').evaluateAll((els) => els.map((e) => (e as unknown as { id: string }).id));
    await openTab(app, 'to_receive', `#order-${shipped.id}`);
    await app.shot('tab-to-receive');
    const confirmButtons = await page.locator(`#order-confirm-${shipped.id}`).count();
    await openTab(app, 'to_ship', '#orders-empty');
    await app.shot('tab-to-ship-empty');
    const emptyTitle = await app.text('#orders-empty-title');
    await openTab(app, 'all', `#order-${shipped.id}`);
    await app.shot('tab-all');
    const allIds = await page.locator('#orders-list > [id^="order-"]').evaluateAll((els) => els.map((e) => (e as unknown as { id: string }).id));

    // Assert
    expect(page.url()).toContain('tab=to_pay');
    expect(toPayIds).toEqual([`order-${unpaid.id}`]);
    expect(countdown1).toMatch(/^Pay within \d\d:\d\d$/);
    expect(countdown2).not.toBe(countdown1);
    expect(confirmButtons).toBe(1);
    expect(emptyTitle).toBe(en['orders.empty_title']);
    // Newest first across tabs: the shipped order was placed after the unpaid one.
    expect(allIds).toEqual([`order-${shipped.id}`, `order-${unpaid.id}`]);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('sends "Pay now" to the H5 cashier and back, then cancels the unpaid order with a reason and the stock comes back', async () => {
    // Prepare
    const app = await openApp(browser, 'orders-pay-and-cancel', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;
    const stockWhileOrdered = await stockOf(lines[0]!);
    await app.open(`/orders/pages/detail/index?orderId=${unpaid.id}`, '#order-pay');
    await app.shot('detail-unpaid');

    // Act: "pay now" asks start-payment for the H5 cashier; the shopper backs out there and comes back
    const payRequest = page.waitForRequest((r) => r.url().endsWith(`/me/checkouts/${unpaid.checkoutId}/pay`) && r.method() === 'POST');
    await page.locator('#order-pay').click();
    const payBody = (await payRequest).postDataJSON() as { channel: string; returnUrl?: string };
    await page.waitForURL((u) => u.toString().startsWith(SIMS), { timeout: 15_000 });
    await page.locator('#cancel').click();
    await page.locator('#page-pay-result').waitFor({ timeout: 15_000 });
    await app.open(`/orders/pages/detail/index?orderId=${unpaid.id}`, '#order-cancel');
    await page.locator('#order-cancel').click();
    await page.locator('#order-cancel-sheet').waitFor();
    await page.locator('#order-cancel-reason-wrong_address').click();
    await app.shot('cancel-sheet');
    const cancelled = apiResponse(page, 'POST', `/me/orders/${unpaid.id}/cancel`);
    await page.locator('#order-cancel-submit').click();
    const answer = await cancelled;
    await page.locator('#order-status', { hasText: en['orders.status.cancelled'] }).waitFor();
    await app.shot('detail-cancelled');
    const history = await app.text('#order-history');

    // Assert
    expect(payBody.channel).toBe('wechat_h5');
    expect(payBody.returnUrl).toContain(`/checkout/pages/result/index?id=${unpaid.checkoutId}`);
    expect(answer.status()).toBe(200);
    expect(answer.request().postDataJSON()).toEqual({ reason: en['orders.cancel_reason.wrong_address'] });
    expect(history).toContain(en['orders.cancel_reason.wrong_address']);
    expect(stockWhileOrdered).toBe(stockBeforeOrders - 1);
    expect(await stockOf(lines[0]!)).toBe(stockBeforeOrders);
    expect(await page.locator('#order-pay').count()).toBe(0);
    expect(await rawMessageKeys(page)).toEqual([]);
    await app.close();
  });

  it("shows a shipped order's parcel (carrier, number, waiting for the first scan, then its timeline) and confirms receipt in the app", async () => {
    // Prepare
    const app = await openApp(browser, 'orders-detail-parcel-confirm', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;
    const parcel = shipped.parcels[0]!;

    // Act
    await app.open(`/orders/pages/detail/index?orderId=${shipped.id}`, `#parcel-${parcel.id}`);
    await app.shot('detail-with-parcel');
    const carrier = await app.text(`#parcel-carrier-${parcel.id}`);
    const number = await app.text(`#parcel-number-${parcel.id}`);
    const waiting = await app.text(`#parcel-waiting-${parcel.id}`);
    const status = await app.text('#order-status');
    const next = await app.text('#order-next');
    // the carrier scans the parcel three times; Kuaidi100 pushes each scan to our callback
    await pushTracking('zhongtong', WAYBILL, [
      { state: '1', context: '【杭州市】快件已被揽收', areaName: '浙江,杭州市' },
      { state: '0', context: '【杭州转运中心】已发出', areaName: '浙江,杭州市' },
      { state: '5', context: '【西湖区】快递员正在派送', areaName: '浙江,杭州市,西湖区' },
    ]);
    for (const deadline = Date.now() + 30_000; (await page.locator(`#parcel-timeline-${parcel.id} [role="listitem"]`).count()) < 3; ) {
      if (Date.now() > deadline) throw new Error('the timeline did not show the three pushed events in 30 s');
      await page.waitForTimeout(1000);
      await page.reload();
      await page.locator('#page-order-detail').waitFor();
    }
    await page.locator(`#parcel-timeline-${parcel.id}`).scrollIntoViewIfNeeded();
    await app.shot('detail-with-timeline');
    const steps = await page.locator(`#parcel-timeline-${parcel.id} [role="listitem"]`).allInnerTexts();
    const parcelState = await app.text(`#parcel-state-${parcel.id}`);
    await page.locator('#order-confirm').click();
    await page.locator('#order-confirm-sheet').waitFor();
    await app.shot('confirm-sheet');
    const confirmed = apiResponse(page, 'POST', `/me/orders/${shipped.id}/confirm-receipt`);
    await page.locator('#order-confirm-submit').click();
    const answer = await confirmed;
    await page.locator('#order-status', { hasText: en['orders.status.completed'] }).waitFor();
    await app.shot('detail-completed');

    // Assert
    expect(carrier).toBe('ZTO Express');
    expect(number).toBe(WAYBILL);
    expect(waiting).toBe(en['orders.tracking_waiting']);
    expect(status).toBe(en['orders.status.shipped']);
    expect(next).toContain('On its way');
    // Newest event first, with its state.
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('快递员正在派送');
    expect(steps[0]).toContain(en['orders.tracking_state.delivering']);
    expect(steps[2]).toContain('快件已被揽收');
    expect(parcelState).toBe(en['orders.tracking_state.delivering']);
    expect(answer.status()).toBe(200);
    expect(await page.locator('#order-confirm').count()).toBe(0);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('shows the error state with retry when the API is unreachable', async () => {
    // Prepare
    const app = await openApp(browser, 'orders-error', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;
    const reconnect = await cutApi(app.context);

    // Act
    await app.open('/orders/pages/list/index', '#orders-error');
    await app.shot('list-error');
    const message = await app.text('#orders-error-message');
    await reconnect();
    await page.locator('#orders-error-retry').click();
    await page.locator(`#order-${unpaid.id}`).waitFor();

    // Assert
    expect(message).toBe(en['error.network_error']);
    expect(await rawMessageKeys(page)).toEqual([]);
    await app.close();
  });
});

describe('the admin order search on H5', () => {
  it('finds the order by its number and by the shopper, and opens it read only', async () => {
    // Prepare
    const app = await openApp(browser, 'admin-orders-search', { locale: 'en-US', language: 'en', session: await emailSession(SUPER_ADMIN) });
    const { page } = app;
    await app.open('/admin/pages/entry/index', '#admin-tile-orders');
    await page.locator('#admin-tile-orders').click();
    await page.locator('#admin-orders-start').waitFor();
    await app.shot('search-start');

    // Act
    await page.locator('#admin-orders-search').click();
    const problem = await app.text('#admin-orders-problem');
    await page.locator('#admin-orders-id input').fill(unpaid.id);
    await page.locator('#admin-orders-search').click();
    await page.locator(`#admin-order-${unpaid.id}`).waitFor();
    await app.shot('found-by-id');
    const status = await app.text(`#admin-order-status-${unpaid.id}`);
    await page.locator('#admin-orders-clear').click();
    await page.locator('#admin-orders-user input').fill(shopper.profile.id);
    await page.locator('#admin-orders-search').click();
    await page.locator(`#admin-order-${shipped.id}`).waitFor();
    const byShopper = await page.locator('#admin-orders-list > [id^="admin-order-"]').evaluateAll((els) => els.map((e) => (e as unknown as { id: string }).id));
    await app.shot('found-by-shopper');
    await page.locator(`#admin-order-${shipped.id}`).click();
    await page.locator('#page-admin-order #order-status').waitFor();
    await app.shot('admin-order-detail');

    // Assert
    expect(problem).toBe(en['admin.orders_need_one']);
    expect(status).toBe(en['orders.status.cancelled']);
    expect(byShopper).toEqual([`admin-order-${shipped.id}`, `admin-order-${unpaid.id}`]);
    expect(await app.text('#admin-order-shopper')).toBe(shopper.profile.id);
    expect(await app.text('#order-status')).toBe(en['orders.status.completed']);
    expect(await page.locator('#order-confirm, #order-cancel, #order-pay').count()).toBe(0);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
