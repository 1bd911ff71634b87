/**
 * "The checkout nobody pays", end to end on H5 in Chromium: a shopper places a checkout, opens the WeChat
 * Pay cashier and backs out without paying. When its pay-by time has passed, the sweeper (every minute on
 * AWS; every 5 s in the test stack, with pay-by 60 s: tests/support/stack-setup.ts) asks WeChat Pay, closes
 * the combine order there and cancels the checkout: its stock is back (through the API and on the product
 * page), the order shows cancelled in the orders list with its reason, and the simulator reports the
 * combine order CLOSED. Screenshots: test-artifacts/e2e/unpaid-cancel-*.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { CheckoutResult, Preview, ProductDetail } from '@wxshop/shared';
import { call, randomPhone, smsLogin, SIMS } from '../support/api-client';
import { launchChromium, openApp, rawMessageKeys, type StoredSession } from '../support/browser';
import { combineAtWechatPay } from '../support/pay-and-track';

jest.setTimeout(240_000);

const JADE = { id: '01HZZZZZZZZZZZZZZZZZZZZZZA' };
const en = CATALOG.en;
/** The test stack's pay-by is about a minute; a stack started otherwise (`npm start`: 30 minutes) is refused, not waited for. */
const LONGEST_WAIT_MS = 180_000;

const ok = <T>(what: string, res: { status: number; body: T }, status = 200): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** A purchasable Jade Tea product whose first buyable SKU has 3+ units. */
async function productInStock(): Promise<{ product: ProductDetail; skuId: string }> {
  const page = ok('list', await call<{ items: { id: string }[] }>('GET', `/products?merchantId=${JADE.id}&inStock=true&limit=20`));
  for (const card of page.items) {
    const detail = await call<ProductDetail>('GET', `/products/${card.id}`);
    const sku = detail.body.skus?.find((s) => !s.soldOut && s.stock >= 3);
    if (detail.status === 200 && detail.body.purchasable && sku) return { product: detail.body, skuId: sku.id };
  }
  throw new Error('the demo tea house has no product with 3+ units');
}

const stockOf = async (productId: string, skuId: string): Promise<number> =>
  ok('product', await call<ProductDetail>('GET', `/products/${productId}`)).skus.find((s) => s.id === skuId)!.stock;

/** Chooses the SKU's chips on the product page and reads the stock it shows. */
async function stockOnProductPage(page: Page, product: ProductDetail, skuId: string): Promise<number> {
  const sku = product.skus.find((s) => s.id === skuId)!;
  for (let round = 0; round < 2; round += 1)
    for (let d = 0; d < product.specs.length; d += 1) {
      const chip = page.locator(`#sku-chip-${d}-${sku.specIndexes[d]}`);
      if ((await chip.getAttribute('data-state')) !== 'selected') await chip.click();
    }
  return Number(await page.locator('#sku-stock').getAttribute('data-stock'));
}

let browser: Browser;
let session: StoredSession;

beforeAll(async () => {
  browser = await launchChromium();
  const login = await smsLogin(randomPhone());
  session = {
    accessToken: login.accessToken,
    refreshToken: login.refreshToken,
    expiresAt: Date.now() + 900_000,
    profile: login.profile as StoredSession['profile'],
  };
});
afterAll(() => browser?.close());

describe('an unpaid checkout', () => {
  it('cancels itself when its pay-by time has passed: the stock is back, the order shows cancelled with its reason, the WeChat Pay order is closed', async () => {
    // Prepare: an address, a product in stock, a checkout of two units of it
    const token = session.accessToken;
    const address = ok(
      'address',
      await call<{ id: string }>('POST', '/me/addresses', {
        token,
        body: { recipient: '周小雨', phone: '13900139005', regionCode: '330106', detail: '文二路 38 号' },
      }),
      201,
    );
    const { product, skuId } = await productInStock();
    const before = await stockOf(product.id, skuId);
    const lines = [{ productId: product.id, skuId, quantity: 2 }];
    const preview = ok('preview', await call<Preview>('POST', '/checkout/preview', { token, body: { addressId: address.id, lines } }));
    const placed = ok(
      'submit',
      await call<CheckoutResult>('POST', '/checkout', {
        token,
        headers: { 'Idempotency-Key': `e2e-unpaid-cancel-${Date.now()}` },
        body: { addressId: address.id, lines, fingerprint: preview.fingerprint },
      }),
      201,
    );
    const order = placed.orders[0]!;
    const payByMs = Date.parse(placed.checkout.payBy);
    if (payByMs - Date.now() > LONGEST_WAIT_MS)
      throw new Error(
        `this stack lets a checkout stay unpaid until ${placed.checkout.payBy}: run this test on the test stack (tests/support/stack-setup.ts sets CHECKOUT_PAY_WITHIN_S), not on \`npm start\`'s`,
      );
    const app = await openApp(browser, 'unpaid-cancel', { locale: 'en-US', language: 'en', session });
    const { page } = app;

    // Act: the shopper sees the order to pay, opens the cashier and backs out without paying
    await app.open(`/shop/pages/product/index?id=${product.id}`, '#add-to-cart');
    const shownWhileOrdered = await stockOnProductPage(page, product, skuId);
    await app.open('/orders/pages/list/index?tab=to_pay', `#order-${order.id}`);
    const countdown = await app.text(`#order-countdown-${order.id}`);
    await app.shot('to-pay');
    await app.open(`/orders/pages/detail/index?orderId=${order.id}`, '#order-pay');
    await page.locator('#order-pay').click();
    await page.waitForURL((u) => u.toString().startsWith(SIMS), { timeout: 15_000 });
    await page.locator('#cancel').waitFor();
    await page.screenshot({ path: join(__dirname, '..', '..', 'test-artifacts', 'e2e', 'unpaid-cancel', '20-cashier.png') });
    await page.locator('#cancel').click();
    await page.locator('#page-pay-result').waitFor({ timeout: 15_000 });
    const openAtWechatPay = (await combineAtWechatPay(placed.checkout.combineOutTradeNo)).sub_orders.map((s) => s.trade_state);

    // Act: nobody pays; the pay-by time passes and the sweeper comes
    let now: CheckoutResult;
    for (const deadline = payByMs + 45_000; ; ) {
      now = ok('checkout', await call<CheckoutResult>('GET', `/me/checkouts/${placed.checkout.id}`, { token }));
      if (now.checkout.status !== 'pending_payment') break;
      if (Date.now() > deadline) throw new Error(`the checkout is still unpaid 45 s after its pay-by time ${placed.checkout.payBy}`);
      await page.waitForTimeout(1000);
    }
    const cancelledAfterMs = Date.now() - payByMs;

    // Assert: cancelled after its pay-by time, by the platform, for not being paid; stock back through the API
    expect(shownWhileOrdered).toBe(before - 2);
    expect(countdown).toMatch(/^Pay within \d\d:\d\d$/);
    expect(openAtWechatPay).toEqual(['NOTPAY']);
    expect(now.checkout.status).toBe('cancelled');
    expect(cancelledAfterMs).toBeGreaterThanOrEqual(0);
    expect(now.orders.map((o) => o.status)).toEqual(['cancelled']);
    const cancel = now.orders[0]!.history.find((h) => h.to === 'cancelled')!;
    expect(cancel).toMatchObject({ actor: { kind: 'system' }, reason: 'not paid in time' });
    expect(await stockOf(product.id, skuId)).toBe(before);
    // the combine order is closed at WeChat Pay: nobody can pay it any more
    expect((await combineAtWechatPay(placed.checkout.combineOutTradeNo)).sub_orders.map((s) => s.trade_state)).toEqual(['CLOSED']);

    // Assert: the orders list shows it cancelled with its reason, without "pay"; the product page shows the stock back
    await app.open('/orders/pages/list/index', `#order-${order.id}`);
    await page.locator(`#order-cancel-reason-${order.id}`).waitFor();
    await app.shot('list-cancelled');
    expect(await app.text(`#order-status-${order.id}`)).toBe(en['orders.status.cancelled']);
    expect(await app.text(`#order-cancel-reason-${order.id}`)).toBe(
      en['orders.cancelled_because'].replace('{reason}', en['orders.cancel_reason.not_paid_in_time']),
    );
    expect(await page.locator(`#order-pay-${order.id}, #order-countdown-${order.id}`).count()).toBe(0);
    expect(await rawMessageKeys(page)).toEqual([]);
    await app.open(`/shop/pages/product/index?id=${product.id}`, '#add-to-cart');
    expect(await stockOnProductPage(page, product, skuId)).toBe(before);
    await app.shot('product-stock-back');
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
