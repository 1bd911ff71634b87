/**
 * Reviews on H5 in Chromium (ADR 0057): a fresh shopper receives an order of the demo tea house
 * (placed and shipped through the API), writes a photo review from the order's detail page; the
 * simulator's media check passes it by the message push; the store replies from its reviews page; the
 * product page shows the rating summary and the photo review with the store's reply.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { CheckoutResult, MyReviewPage, Order, Preview, ProductDetail, ProductPage } from '@wxshop/shared';
import { call, randomPhone, smsLogin } from '../support/api-client';
import { apiResponse, launchChromium, openApp, rawMessageKeys, type StoredSession } from '../support/browser';
import { pngBytes } from '../support/files';
import { payAtCashier } from '../support/pay-and-track';

jest.setTimeout(180_000);

/** Seeded by infra/local/seed.ts. */
const JADE_TEA = { id: '01HZZZZZZZZZZZZZZZZZZZZZZA', ownerPhone: '+8613800000002' };
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

const ok = <T>(what: string, res: { status: number; body: T }, status = 200): T => {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** The demo owner signed in by email (binding the email once with an SMS sign-in). */
async function ownerSession(): Promise<StoredSession> {
  const first = await call<Login>('POST', '/auth/email/login', { body: OWNER_LOGIN });
  if (first.status === 200) return stored(first.body);
  const owner = await smsLogin(JADE_TEA.ownerPhone);
  ok('bind email', await call('POST', '/me/identities/email', { body: OWNER_LOGIN, token: owner.accessToken }));
  return stored(ok('email login', await call<Login>('POST', '/auth/email/login', { body: OWNER_LOGIN })));
}

/** A fresh product of the demo tea house with stock, reviewed by nobody yet (so its summary is this test's). */
async function productInStock(): Promise<{ productId: string; skuId: string }> {
  const page = ok('list products', await call<ProductPage>('GET', `/products?merchantId=${JADE_TEA.id}&inStock=true&limit=20`));
  for (const card of page.items) {
    const detail = ok('product', await call<ProductDetail>('GET', `/products/${card.id}`));
    const sku = detail.skus.find((s) => s.stock >= 1);
    if (sku) return { productId: detail.id, skuId: sku.id };
  }
  throw new Error('the demo tea house has no product in stock');
}

let browser: Browser;
let shopper: StoredSession;
let owner: StoredSession;
let order: Order;
let line: { productId: string; skuId: string };

beforeAll(async () => {
  browser = await launchChromium();
  shopper = stored((await smsLogin(randomPhone())) as unknown as Login);
  owner = await ownerSession();
  const token = shopper.accessToken;
  const address = ok(
    'address',
    await call<{ id: string }>('POST', '/me/addresses', {
      token,
      body: { recipient: '周评价', phone: '13900139000', regionCode: '330106', detail: '文一西路 969 号' },
    }),
    201,
  );
  line = await productInStock();
  const lines = [{ ...line, quantity: 1 }];
  const preview = ok('preview', await call<Preview>('POST', '/checkout/preview', { token, body: { addressId: address.id, lines } }));
  const placed = ok(
    'submit',
    await call<CheckoutResult>('POST', '/checkout', {
      token,
      headers: { 'Idempotency-Key': `e2e-reviews-${Date.now()}` },
      body: { addressId: address.id, lines, fingerprint: preview.fingerprint },
    }),
    201,
  );
  await payAtCashier(token, placed.checkout.id);
  const orderId = placed.orders[0]!.id;
  ok(
    'ship',
    await call<Order>('POST', `/merchants/${JADE_TEA.id}/orders/${orderId}/ship`, {
      token: owner.accessToken,
      body: { parcels: [{ carrierCode: 'ZTO', trackingNumber: `ZTO${Date.now()}` }] },
    }),
  );
  order = ok('confirm', await call<Order>('POST', `/me/orders/${orderId}/confirm-receipt`, { token }));
});
afterAll(() => browser?.close());

describe('reviews on H5', () => {
  it('a photo review written from the order appears on the product page with the store’s reply', async () => {
    // Prepare: the shopper on the received order
    const app = await openApp(browser, 'reviews-write', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;

    // Act 1: write the review with a photo
    await app.open(`/orders/pages/detail/index?orderId=${order.id}`, `#order-write-review-${line.skuId}`);
    await page.locator(`#order-write-review-${line.skuId}`).scrollIntoViewIfNeeded();
    await app.shot('order-with-review-button');
    await page.locator(`#order-write-review-${line.skuId}`).click();
    await page.locator('#review-form').waitFor();
    await page.locator('#review-star-service-4').click();
    await page.locator('#review-text textarea').fill('Fragrant tea, well packed. 茶香浓郁');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#review-add-photos').click();
    await (await chooser).setFiles({ name: 'tea.png', mimeType: 'image/png', buffer: pngBytes(64) });
    await page.locator('.review-form__thumb').first().waitFor();
    await app.shot('review-form');
    await app.axe('review-form');
    const created = apiResponse(page, 'POST', `/me/orders/${order.id}/reviews`);
    await page.locator('#review-submit').click();
    const createdAnswer = await created;
    await page.locator('#review-state').waitFor();
    const stateText = await app.text('#review-state');
    await app.shot('review-submitted');
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();

    // the simulator's media check answers by the message push after its delay
    let status = 'checking';
    let reviewId = '';
    for (const until = Date.now() + 20_000; status === 'checking' && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 300));
      const mine = ok('my reviews', await call<MyReviewPage>('GET', '/me/reviews', { token: shopper.accessToken }));
      const r = mine.items.find((i) => i.orderId === order.id)!;
      ({ status, id: reviewId } = r);
    }

    // Act 2: the store replies from its reviews page
    const merchant = await openApp(browser, 'reviews-reply', { locale: 'en-US', language: 'en', session: owner });
    await merchant.open(`/merchant/pages/reviews/index?merchantId=${JADE_TEA.id}`, `#merchant-review-${reviewId}`);
    await merchant.shot('merchant-reviews');
    await merchant.page.locator(`#merchant-reply-text-${reviewId} textarea`).fill('Thank you for choosing Jade Tea House!');
    const replied = apiResponse(merchant.page, 'POST', `/merchants/${JADE_TEA.id}/reviews/${reviewId}/reply`);
    await merchant.page.locator(`#merchant-reply-send-${reviewId}`).click();
    const replyAnswer = await replied;
    await merchant.page.locator(`#review-${reviewId} .review-reply`).waitFor();
    await merchant.shot('merchant-replied');
    expect(merchant.errors).toEqual([]);
    await merchant.close();

    // Act 3: anyone opens the product page
    const visitor = await openApp(browser, 'reviews-product', { locale: 'en-US', language: 'en' });
    await visitor.open(`/shop/pages/product/index?id=${line.productId}`, `#product-reviews #review-${reviewId}`);
    await visitor.page.locator('#product-reviews').scrollIntoViewIfNeeded();
    await visitor.shot('product-reviews');
    const photoCount = await visitor.page.locator(`#product-reviews #review-${reviewId} .review-photo`).count();
    const replyText = await visitor.text(`#product-reviews #review-${reviewId} .review-reply`);
    const withPhotos = await visitor.text('#rating-with-photos');
    await visitor.page.locator('#product-reviews-all').click();
    await visitor.page.locator(`#reviews-list #review-${reviewId}`).waitFor();
    await visitor.page.locator('#reviews-filter-stars1').click();
    await visitor.page.locator('#reviews-empty').waitFor();
    await visitor.shot('reviews-page-empty-filter');
    expect(visitor.errors).toEqual([]);
    await visitor.close();

    // Assert
    expect(createdAnswer.status()).toBe(201);
    expect(stateText).toContain(en['reviews.status.checking'].split(':')[0]!);
    expect(status).toBe('visible');
    expect(replyAnswer.status()).toBe(200);
    expect(photoCount).toBe(1);
    expect(replyText).toContain('Thank you for choosing Jade Tea House!');
    expect(withPhotos).toMatch(/With photos \(\d+\)/);
  });
});
