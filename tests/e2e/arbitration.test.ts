/**
 * Platform arbitration on H5 in Chromium (ADR 0059): a fresh shopper's order of the demo tea house is
 * paid at the simulator's cashier and shipped; the shopper asks for a refund, the store rejects it, the
 * shopper escalates and both sides add evidence (all through the API). A customer-service member (made
 * by the super admin) opens the arbitration queue from the admin home, reads the case with both sides'
 * evidence, and decides for the shopper with a reason and a confirmation: the refund is carried out at
 * the simulator and the case shows refunded.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { CheckoutResult, Order, Preview, ProductDetail, ProductPage } from '@wxshop/shared';
import type { AfterSale } from '@wxshop/shared/after-sales';
import { call, randomPhone, smsLogin } from '../support/api-client';
import { apiResponse, cutApi, holdApi, launchChromium, openApp, rawMessageKeys, type StoredSession } from '../support/browser';
import { payAtCashier } from '../support/pay-and-track';

jest.setTimeout(180_000);

/** Seeded by infra/local/seed.ts. */
const JADE_TEA = { id: '01HZZZZZZZZZZZZZZZZZZZZZZA', ownerPhone: '+8613800000002' };
const OWNER_LOGIN = { email: 'owner.jade-tea@wxshop.local', password: 'wxshop-owner-e2e-2026' };
const SUPER_ADMIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };
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
async function ownerToken(): Promise<string> {
  const first = await call<Login>('POST', '/auth/email/login', { body: OWNER_LOGIN });
  if (first.status === 200) return first.body.accessToken;
  const owner = await smsLogin(JADE_TEA.ownerPhone);
  ok('bind email', await call('POST', '/me/identities/email', { body: OWNER_LOGIN, token: owner.accessToken }));
  return ok('email login', await call<Login>('POST', '/auth/email/login', { body: OWNER_LOGIN })).accessToken;
}

/** A product of the demo tea house with stock, from the end of its list (other e2e files take the first ones). */
async function productInStock(): Promise<{ productId: string; skuId: string }> {
  const page = ok('list products', await call<ProductPage>('GET', `/products?merchantId=${JADE_TEA.id}&inStock=true&limit=20`));
  for (const card of [...page.items].reverse()) {
    const detail = ok('product', await call<ProductDetail>('GET', `/products/${card.id}`));
    const sku = detail.skus.find((s) => s.stock >= 1);
    if (sku) return { productId: detail.id, skuId: sku.id };
  }
  throw new Error('the demo tea house has no product in stock');
}

/** Taps "confirm" on the H5 modal of Taro.showModal. */
async function confirmModal(page: import('playwright-core').Page): Promise<void> {
  await page.locator('.taro__modal .taro-model__confirm:visible').click();
}

let browser: Browser;
let cs: StoredSession;
let caseId: string;
let shopperToken: string;

beforeAll(async () => {
  browser = await launchChromium();
  const shopper = await smsLogin(randomPhone());
  shopperToken = shopper.accessToken;
  const owner = await ownerToken();
  const address = ok(
    'address',
    await call<{ id: string }>('POST', '/me/addresses', {
      token: shopperToken,
      body: { recipient: '孙仲裁', phone: '13900139004', regionCode: '330106', detail: '文一西路 100 号' },
    }),
    201,
  );
  const lines = [{ ...(await productInStock()), quantity: 1 }];
  const preview = ok('preview', await call<Preview>('POST', '/checkout/preview', { token: shopperToken, body: { addressId: address.id, lines } }));
  const placed = ok(
    'submit',
    await call<CheckoutResult>('POST', '/checkout', {
      token: shopperToken,
      headers: { 'Idempotency-Key': `e2e-arbitration-${Date.now()}` },
      body: { addressId: address.id, lines, fingerprint: preview.fingerprint },
    }),
    201,
  );
  await payAtCashier(shopperToken, placed.checkout.id);
  const orderId = placed.orders[0]!.id;
  ok(
    'ship',
    await call<Order>('POST', `/merchants/${JADE_TEA.id}/orders/${orderId}/ship`, {
      token: owner,
      body: { parcels: [{ carrierCode: 'ZTO', trackingNumber: `ZTO${Date.now()}` }] },
    }),
  );
  const asked = ok(
    'request',
    await call<AfterSale>('POST', '/me/after-sales', {
      token: shopperToken,
      headers: { 'Idempotency-Key': `e2e-arbitration-as-${Date.now()}` },
      body: { orderId, kind: 'refund_only', lines: [{ skuId: lines[0]!.skuId, quantity: 1 }], reason: 'not_received', text: 'The parcel never came' },
    }),
    201,
  );
  caseId = asked.id;
  const store = `/merchants/${JADE_TEA.id}/after-sales/${caseId}`;
  ok('reject', await call('POST', `${store}/reject`, { token: owner, body: { reason: 'Tracking shows it was delivered' } }));
  ok('escalate', await call('POST', `/me/after-sales/${caseId}/escalate`, { token: shopperToken, body: { text: 'Nobody signed for it' } }));
  ok(
    'shopper evidence',
    await call('POST', `/me/after-sales/${caseId}/evidence`, { token: shopperToken, body: { text: 'The parcel locker has no record' } }),
    201,
  );
  ok('store evidence', await call('POST', `${store}/evidence`, { token: owner, body: { text: 'The courier marked it delivered at 10:02' } }), 201);

  // a customer-service member, made by the super admin
  const admin = ok('admin login', await call<Login>('POST', '/auth/email/login', { body: SUPER_ADMIN }));
  const phone = randomPhone();
  ok(
    'add staff',
    await call('POST', '/admin/staff', {
      token: admin.accessToken,
      headers: { 'Idempotency-Key': `e2e-cs-${Date.now()}` },
      body: { role: 'customer_service', phone },
    }),
    201,
  );
  cs = stored((await smsLogin(phone)) as unknown as Login);
});
afterAll(() => browser?.close());

describe('arbitration on H5', () => {
  it('customer service decides an escalated case for the shopper: the refund is carried out and the case shows refunded', async () => {
    // Prepare
    const app = await openApp(browser, 'arbitration-decide', { locale: 'en-US', language: 'en', session: cs });
    const { page } = app;

    // Act 1: from the admin home to the queue and the case
    await app.open('/admin/pages/entry/index', '#admin-tile-arbitration');
    await app.shot('admin-home');
    await page.locator('#admin-tile-arbitration').click();
    await page.locator(`#arbitration-item-${caseId}`).waitFor();
    await app.shot('arbitration-queue');
    await page.locator(`#arbitration-item-${caseId}`).click();
    await page.locator('#arbitration-decide').waitFor();
    const evidence = await app.text('#arbitration-evidence');
    const rejection = await app.text('#arbitration-rejection');
    await app.shot('arbitration-case');

    // Act 2: decide for the shopper, first without a reason (refused by the form), then with one
    await page.locator('#arbitration-decide').scrollIntoViewIfNeeded();
    await page.locator('#arbitration-submit').click();
    await page.locator('#arbitration-reason-error').waitFor();
    await app.shot('arbitration-reason-missing');
    await page.locator('#arbitration-reason textarea').fill('No signature on record: refund the shopper');
    await page.locator('#arbitration-submit').click();
    await page.locator('.taro__modal .taro-model__confirm:visible').waitFor();
    await app.shot('arbitration-confirm');
    const decided = apiResponse(page, 'POST', `/admin/after-sales/${caseId}/decide`);
    await confirmModal(page);
    const answer = await decided;
    await page.locator('#arbitration-outcome').waitFor();

    // the refund settles at the simulator (its notification after a short delay): the case shows refunded
    let status = '';
    for (const until = Date.now() + 30_000; status !== 'refunded' && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 500));
      status = ok('case', await call<AfterSale>('GET', `/me/after-sales/${caseId}`, { token: shopperToken })).status;
    }
    await page.reload();
    await page.locator('#arbitration-outcome').waitFor();
    const shown = await app.text('#arbitration-status');
    await app.shot('arbitration-refunded');
    const keys = await rawMessageKeys(page);
    const errors = app.errors;
    await app.close();

    // the queue no longer has it (empty or without this case)
    const queue = await openApp(browser, 'arbitration-queue-after', { locale: 'en-US', language: 'en', session: cs });
    await queue.open('/admin/pages/arbitrations/index', '#arbitrations-list, #arbitrations-empty');
    const stillListed = await queue.page.locator(`#arbitration-item-${caseId}`).count();
    await queue.shot('arbitration-queue-after');
    await queue.close();

    // the queue's loading and error states
    const slow = await openApp(browser, 'arbitration-queue-loading', { locale: 'en-US', language: 'en', session: cs });
    const held = await holdApi(slow.context, 'GET', '/admin/after-sales');
    await slow.open('/admin/pages/arbitrations/index', '#arbitrations-loading');
    await slow.shot('arbitration-queue-loading');
    held.release();
    await slow.close();
    const broken = await openApp(browser, 'arbitration-queue-error', { locale: 'en-US', language: 'en', session: cs });
    const restore = await cutApi(broken.context);
    await broken.open('/admin/pages/arbitrations/index', '#state-error');
    await broken.shot('arbitration-queue-error');
    await restore();
    await broken.close();

    // Assert
    expect(evidence).toContain('The parcel locker has no record');
    expect(evidence).toContain('The courier marked it delivered at 10:02');
    expect(rejection).toBe('Tracking shows it was delivered');
    expect(answer.status()).toBe(200);
    expect(status).toBe('refunded');
    expect(shown).toBe(en['admin.arbitration_status.refunded']);
    expect(stillListed).toBe(0);
    expect(keys).toEqual([]);
    expect(errors).toEqual([]);
  });
});
