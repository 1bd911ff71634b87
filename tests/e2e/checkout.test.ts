/**
 * "From cart to payment", end to end on H5 in Chromium: a signed-out shopper taps "add to cart", signs in
 * and comes back with the item added; fills the cart from both demo stores; sees a line flagged when its
 * store cuts the stock below the quantity and deletes it in edit mode; adds an address with the region
 * cascader; checks out once into two orders; and pays on the WeChat Pay simulator's cashier page, coming
 * back to the result page showing paid; both stores ship (Panda in two parcels), the carrier simulator
 * pushes events, the order page shows them and the shopper confirms receipt. Then the pages' other states: cart error, empty cart, addresses.
 * Screenshots: test-artifacts/e2e/checkout-*.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { CheckoutResult, ProductDetail } from '@wxshop/shared';
import { API, call, randomPhone, smsLogin, SIMS } from '../support/api-client';
import {
  apiResponse,
  cutApi,
  fillField as fill,
  launchChromium,
  openApp,
  rawMessageKeys,
  signInWithSms,
  type AppPage,
  type StoredSession,
} from '../support/browser';

jest.setTimeout(240_000);

/** Demo stores (infra/local/seed.ts) and their owners. */
const JADE = { id: '01HZZZZZZZZZZZZZZZZZZZZZZA', owner: '+8613800000002' };
const PANDA = { id: '01HZZZZZZZZZZZZZZZZZZZZZZB', owner: '+8613800000003' };
/** 浙江省 > 杭州市 > 西湖区 (GB/T 2260). */
const REGION = ['330000', '330100', '330106'];
const zh = CATALOG['zh-CN'];

/** In-stock, purchasable products of a store whose first buyable SKU has at least `minStock` units. */
async function productsOf(merchantId: string, minStock: number, count: number): Promise<ProductDetail[]> {
  const page = await call<{ items: { id: string }[] }>('GET', `/products?merchantId=${merchantId}&inStock=true&limit=20&lang=zh-CN`);
  expect(page.status).toBe(200);
  const out: ProductDetail[] = [];
  for (const card of page.body.items) {
    const detail = await call<ProductDetail>('GET', `/products/${card.id}?lang=zh-CN`);
    if (detail.status === 200 && detail.body.purchasable && detail.body.skus.some((s) => !s.soldOut && s.stock >= minStock)) out.push(detail.body);
    if (out.length === count) return out;
  }
  throw new Error(`store ${merchantId} has fewer than ${count} products with ${minStock}+ units`);
}

/** Chooses, on the product page, the chips of the product's first SKU with 3+ units; resolves with its id. */
async function chooseSku(page: Page, product: ProductDetail): Promise<string> {
  const sku = product.skus.find((s) => !s.soldOut && s.stock >= 3)!;
  for (let round = 0; round < 2; round += 1)
    for (let d = 0; d < product.specs.length; d += 1) {
      const chip = page.locator(`#sku-chip-${d}-${sku.specIndexes[d]}`);
      if ((await chip.getAttribute('data-state')) !== 'selected') await chip.click();
    }
  for (let d = 0; d < product.specs.length; d += 1)
    await expect(page.locator(`#sku-chip-${d}-${sku.specIndexes[d]}`).getAttribute('data-state')).resolves.toBe('selected');
  return sku.id;
}

/** Opens a product and adds its chosen SKU to the cart (signed in); resolves with the SKU id. */
async function addFromProductPage(app: AppPage, product: ProductDetail, times = 1): Promise<string> {
  await app.open(`/shop/pages/product/index?id=${product.id}`, '#add-to-cart');
  const skuId = await chooseSku(app.page, product);
  for (let i = 0; i < times; i += 1) {
    const added = apiResponse(app.page, 'POST', '/me/cart/items');
    await app.page.locator('#add-to-cart').click();
    expect((await added).status()).toBe(200);
  }
  return skuId;
}

/** Taps "confirm" on the H5 modal of Taro.showModal. */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro__modal .taro-model__confirm:visible').click();
}

let browser: Browser;
let app: AppPage;
let session: StoredSession;
let placed: CheckoutResult;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await app?.close().catch(() => undefined);
  await browser?.close();
});

describe('a shopper buys from two stores at once', () => {
  it('adds to the cart signed out (sign in and back), fills it from both stores, sees a flagged line, adds an address and checks out into two orders', async () => {
    // Prepare: a product of Jade Tea House, two of Panda Outdoor (one to be cut below its quantity)
    const [jade] = await productsOf(JADE.id, 3, 1);
    const [panda, pandaCut] = await productsOf(PANDA.id, 3, 2);
    app = await openApp(browser, 'checkout-cart-pay', { locale: 'zh-CN' });
    const { page } = app;

    // Act: signed out, "add to cart" asks to sign in; after signing in the add happens
    await app.open(`/shop/pages/product/index?id=${jade!.id}`, '#add-to-cart');
    const jadeSku = await chooseSku(page, jade!);
    await page.locator('#add-to-cart').click();
    await page.locator('#product-signin-sheet').waitFor();
    await app.shot('add-signed-out');
    await page.locator('#product-signin-button').click();
    await page.locator('#login-phone').waitFor();
    const addedAfterLogin = apiResponse(page, 'POST', '/me/cart/items');
    await signInWithSms(app, randomPhone());
    expect((await addedAfterLogin).status()).toBe(200);
    await page.locator('#page-product').waitFor();
    session = (await app.stored('wxshop.session')) as StoredSession;

    // Act: two more lines from the other store, each twice
    const pandaSku = await addFromProductPage(app, panda!, 2); // two units: Panda ships them in two parcels
    const cutSku = await addFromProductPage(app, pandaCut!, 2);

    // Act: Panda Outdoor cuts that SKU's stock to 1 (below the 2 in the cart)
    const owner = await smsLogin(PANDA.owner);
    const stockNow = pandaCut!.skus.find((s) => s.id === cutSku)!.stock;
    const cut = await call('POST', `/merchants/${PANDA.id}/products/${pandaCut!.id}/skus/${cutSku}/stock`, {
      token: owner.accessToken,
      headers: { 'Idempotency-Key': `e2e-cut-${Date.now()}` },
      body: { delta: 1 - stockNow, note: 'e2e: below the cart quantity' },
    });
    expect(cut.status).toBeLessThan(300);

    // Assert: the cart, two stores, the flagged line, the badge
    await app.open('/pages/cart/index', '#page-cart');
    await page.locator(`#cart-flag-${cutSku}-insufficient_stock`).waitFor();
    await page.locator(`#cart-store-${JADE.id}`).waitFor();
    await page.locator(`#cart-store-${PANDA.id}`).waitFor();
    await app.shot('cart-two-stores-flagged');
    expect(await app.text(`#cart-flag-${cutSku}-insufficient_stock`)).toBe(zh['cart.flag_short'].replace('{count}', '1'));
    expect(await page.locator('#page-cart').getAttribute('data-lines')).toBe('3');
    expect(await rawMessageKeys(page)).toEqual([]);

    // Act: edit mode, mark the flagged line, delete it
    await page.locator('#cart-edit').click();
    await page.locator(`#cart-mark-${cutSku}`).click();
    const removed = apiResponse(page, 'POST', '/me/cart/remove');
    await page.locator('#cart-delete').click();
    await confirmModal(page);
    expect((await removed).status()).toBe(200);
    await page.locator(`#cart-line-${cutSku}`).waitFor({ state: 'detached' });
    await expect(page.locator(`#cart-select-${jadeSku}`).getAttribute('data-checked')).resolves.toBe('true');
    await expect(page.locator(`#cart-select-${pandaSku}`).getAttribute('data-checked')).resolves.toBe('true');
    await app.shot('cart-after-delete');

    // Act: check out; no address yet, so add one with the region cascader
    await page.locator('#cart-checkout').click();
    await page.locator('#checkout-add-address').waitFor();
    await app.shot('checkout-no-address');
    await page.locator('#checkout-add-address').click();
    await page.locator('#page-address-edit').waitFor();
    await fill(page, 'address-recipient', '林晓');
    await fill(page, 'address-phone', '13912345678');
    await fill(page, 'address-detail', '文三路 90 号 3 幢 501 室');
    await page.locator('#address-region').click();
    await page.locator(`#region-option-${REGION[0]}`).click();
    await page.locator(`#region-option-${REGION[1]}`).waitFor();
    await app.shot('region-picker');
    await page.locator(`#region-option-${REGION[1]}`).click();
    await page.locator(`#region-option-${REGION[2]}`).click();
    await page.locator('#region-sheet').waitFor({ state: 'detached' });
    expect(await app.text('#address-region-value')).toBe('浙江省 杭州市 西湖区');
    await page.locator('#address-label-0').click();
    await app.shot('address-edit');
    await app.axe('address edit, filled in');
    const saved = apiResponse(page, 'POST', '/me/addresses');
    await page.locator('#address-save').click();
    expect((await saved).status()).toBe(201);

    // Assert: the checkout with the address, both stores, shipping and the total
    await page.locator('#checkout-address').waitFor();
    await page.locator(`#checkout-store-${JADE.id}`).waitFor();
    await page.locator(`#checkout-store-${PANDA.id}`).waitFor();
    await fill(page, `checkout-note-${JADE.id}`, '请用纸盒包装');
    await app.shot('checkout');
    expect(await page.locator('#checkout-problems').count()).toBe(0);
    expect(await rawMessageKeys(page)).toEqual([]);

    // Act: place the orders
    const submitted = apiResponse(page, 'POST', '/checkout');
    await page.locator('#checkout-submit').click();
    const answer = await submitted;
    expect(answer.status()).toBe(201);
    placed = (await answer.json()) as CheckoutResult;
    await page.locator('#page-pay[data-status="pending_payment"]').waitFor();
    await app.shot('pay');

    // Assert: one checkout, two orders (one per store), the note kept, the total shown
    expect(placed.orders.map((o) => o.merchantId).sort()).toEqual([JADE.id, PANDA.id].sort());
    expect(placed.orders.find((o) => o.merchantId === JADE.id)!.note).toBe('请用纸盒包装');
    const again = await call<CheckoutResult>('GET', `/me/checkouts/${placed.checkout.id}`, { token: session.accessToken });
    expect(again.body.checkout.status).toBe('pending_payment');
    expect(again.body.orders).toHaveLength(2);
    expect(await page.locator('#pay-orders .co-row').count()).toBe(2);
    expect(app.errors).toEqual([]);
  });

  it('pays on the WeChat Pay cashier page and comes back to the result page showing paid', async () => {
    const { page } = app;
    await page.locator('#pay-submit').click();
    await page.waitForURL((url) => url.toString().startsWith(SIMS), { timeout: 15_000 });
    await page.locator('#pay').waitFor();
    // The simulator's page, not the app's: a plain screenshot (no axe check on a page that is not ours).
    await page.screenshot({ path: join(__dirname, '..', '..', 'test-artifacts', 'e2e', 'checkout-cart-pay', '90-cashier.png') });
    await page.locator('#pay').click();
    await page.locator('#page-pay-result[data-status="paid"]').waitFor({ timeout: 30_000 });
    await app.shot('result-paid');
    expect(await app.text('#result-title')).toBe(zh['checkout.result_paid']);
    const now = await call<CheckoutResult>('GET', `/me/checkouts/${placed.checkout.id}`, { token: session.accessToken });
    expect(now.body.checkout.status).toBe('paid');
    expect(now.body.orders.every((o) => o.status === 'paid')).toBe(true);
  });
});

describe('from paid to received', () => {
  it('both stores ship (Panda in two parcels), the carrier pushes events, the order page shows the timeline, and the shopper confirms receipt', async () => {
    // Prepare: the paid checkout of the flow above
    expect(placed).toBeDefined();
    const jadeOrder = placed.orders.find((o) => o.merchantId === JADE.id)!;
    const pandaOrder = placed.orders.find((o) => o.merchantId === PANDA.id)!;
    const stamp = Date.now().toString().slice(-8);
    const waybills = { jade: `ZT${stamp}01`, panda1: `ZT${stamp}02`, panda2: `ZT${stamp}03` };
    const ship = async (store: typeof JADE, orderId: string, parcels: unknown[]) => {
      const owner = await smsLogin(store.owner);
      const answer = await call('POST', `/merchants/${store.id}/orders/${orderId}/ship`, { token: owner.accessToken, body: { parcels } });
      expect(answer.status).toBe(200);
    };
    const pandaLine = pandaOrder.lines[0]!;
    expect(pandaLine.quantity).toBe(2);

    // Act: Jade ships everything in one parcel; Panda one unit per parcel
    await ship(JADE, jadeOrder.id, [{ carrierCode: 'ZTO', trackingNumber: waybills.jade }]);
    await ship(PANDA, pandaOrder.id, [
      { carrierCode: 'ZTO', trackingNumber: waybills.panda1, lines: [{ skuId: pandaLine.skuId, quantity: 1 }] },
      { carrierCode: 'ZTO', trackingNumber: waybills.panda2, lines: [{ skuId: pandaLine.skuId, quantity: 1 }] },
    ]);
    // the carrier's scripted events, pushed by the Kuaidi100 simulator once the parcels are subscribed (a stream consumer)
    const push = async (number: string, count: number) => {
      for (const deadline = Date.now() + 30_000; ; ) {
        const r = await fetch(`${SIMS}/_sim/kuaidi100/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ company: 'zhongtong', number, count }),
        });
        if (r.status === 200) return;
        if (Date.now() > deadline) throw new Error(`waybill ${number} was not subscribed at Kuaidi100 in 30 s (${r.status})`);
        await new Promise((done) => setTimeout(done, 500));
      }
    };
    await push(waybills.panda1, 2);
    const { page } = app;
    await app.open(`/orders/pages/detail/index?orderId=${pandaOrder.id}`, '#page-order-detail');
    const first = (await call<{ parcels: { id: string; trackingNumber: string }[] }>('GET', `/me/orders/${pandaOrder.id}`, { token: session.accessToken })).body
      .parcels;
    const tracked = first.find((p) => p.trackingNumber === waybills.panda1)!;
    for (const deadline = Date.now() + 30_000; (await page.locator(`#parcel-timeline-${tracked.id} [role="listitem"]`).count()) < 2; ) {
      if (Date.now() > deadline) throw new Error('the timeline did not show the two pushed events in 30 s');
      await page.waitForTimeout(1000);
      await page.reload();
      await page.locator('#page-order-detail').waitFor();
    }
    await app.shot('order-timeline');

    // Act: the shopper confirms receipt in the app (H5)
    await page.locator('#order-confirm').click();
    await page.locator('#order-confirm-sheet').waitFor();
    await page.locator('#order-confirm-submit').click();
    for (const deadline = Date.now() + 15_000; ; ) {
      const o = await call<{ status: string }>('GET', `/me/orders/${pandaOrder.id}`, { token: session.accessToken });
      if (o.body.status === 'completed') break;
      if (Date.now() > deadline) throw new Error(`the order is ${o.body.status} 15 s after confirming receipt`);
      await new Promise((done) => setTimeout(done, 500));
    }
    await app.shot('order-received');

    // Assert: Jade shipped, Panda completed with two parcels, the pushed events on the first one
    const jadeNow = await call<{ status: string }>('GET', `/me/orders/${jadeOrder.id}`, { token: session.accessToken });
    expect(jadeNow.body.status).toBe('shipped');
    const pandaNow = await call<{ status: string; parcels: { trackingNumber: string; tracking: { events: unknown[] } | null }[] }>(
      'GET',
      `/me/orders/${pandaOrder.id}`,
      { token: session.accessToken },
    );
    expect(pandaNow.body.status).toBe('completed');
    expect(pandaNow.body.parcels).toHaveLength(2);
    expect(pandaNow.body.parcels.find((p) => p.trackingNumber === waybills.panda1)!.tracking!.events).toHaveLength(2);
    expect(app.errors).toEqual([]);
  });
});

describe('the cart, result and address pages in their other states', () => {
  it('shows the cart error when the API is down, the empty cart after checkout, the result of the checkout and the address book', async () => {
    const states = await openApp(browser, 'checkout-states', { locale: 'zh-CN', session });
    const { page, context } = states;
    try {
      // Error: the API cannot be reached
      const restore = await cutApi(context);
      await states.open('/pages/cart/index', '#cart-error');
      await states.shot('cart-error');
      await restore();

      // Empty: the ordered lines leave the cart (the OrderPlaced consumer, off the request path)
      const deadline = Date.now() + 20_000;
      await page.goto(page.url());
      while ((await page.locator('#cart-empty').count()) === 0) {
        if (Date.now() > deadline) throw new Error('the ordered lines did not leave the cart in 20 s');
        await page.waitForTimeout(1000);
        await page.goto(page.url());
        await page.locator('#cart-empty, #page-cart[data-lines]').first().waitFor();
      }
      await states.shot('cart-empty');

      // The result page of the checkout (paid, or still being checked if the payment step did not run)
      await states.open(`/checkout/pages/result/index?id=${placed.checkout.id}`, '#page-pay-result[data-status]');
      await states.shot('result');

      // A checkout nobody pays: the result page asks the server to query the provider once (after ~4 s),
      // then says it is not paid yet (after 30 s), with "pay now" and "check again"
      const [tea] = await productsOf(JADE.id, 3, 1);
      const sku = tea!.skus.find((x) => !x.soldOut && x.stock >= 3)!;
      const addressId = (await call<{ items: { id: string }[] }>('GET', '/me/addresses', { token: session.accessToken })).body.items[0]!.id;
      const lines = [{ productId: tea!.id, skuId: sku.id, quantity: 1 }];
      const priced = await call<{ fingerprint: string }>('POST', '/checkout/preview', { token: session.accessToken, body: { addressId, lines } });
      const unpaid = await call<CheckoutResult>('POST', '/checkout', {
        token: session.accessToken,
        headers: { 'Idempotency-Key': `e2e-unpaid-${Date.now()}` },
        body: { addressId, lines, fingerprint: priced.body.fingerprint },
      });
      expect(unpaid.status).toBe(201);
      const synced = page.waitForRequest((r) => r.method() === 'POST' && r.url() === `${API}/me/checkouts/${unpaid.body.checkout.id}/sync-payment`, {
        timeout: 20_000,
      });
      await states.open(`/checkout/pages/result/index?id=${unpaid.body.checkout.id}`, '#page-pay-result[data-status="pending_payment"]');
      await synced;
      await page.locator('#result-refresh').waitFor({ timeout: 45_000 });
      await states.shot('result-not-paid');
      await states.axe('result, not paid');
      expect(await states.text('#result-title')).toBe(zh['checkout.result_pending']);
      await expect(page.locator('#result-pay').count()).resolves.toBe(1);

      // The address book with the address added during checkout, the default
      await states.open('/checkout/pages/addresses/index', '#page-addresses [data-default="true"]');
      await states.shot('addresses');
      expect(await rawMessageKeys(page)).toEqual([]);
      expect(states.errors).toEqual([]);
    } finally {
      await states.close();
    }
  });
});
