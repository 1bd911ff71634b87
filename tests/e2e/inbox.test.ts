/**
 * The shopper's inbox on H5 in Chromium (ADR 0054): an order paid and shipped through the store's
 * API (as tests/e2e/orders.test.ts does) reaches the Messages page by the stream consumer
 * (notify-shopper); the Me tab shows the unread count, opening the shipping message marks it read and
 * shows its order, the count drops; "mark all read" clears it; the empty and error states.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { CheckoutResult, Order, Preview, ProductDetail, ProductPage, ShopperInboxPage } from '@wxshop/shared';
import { call, randomPhone, smsLogin } from '../support/api-client';
import { cutApi, launchChromium, openApp, rawMessageKeys, type StoredSession } from '../support/browser';

jest.setTimeout(120_000);

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

async function ownerToken(): Promise<string> {
  const first = await call<Login>('POST', '/auth/email/login', { body: OWNER_LOGIN });
  if (first.status === 200) return first.body.accessToken;
  const owner = await smsLogin(JADE_TEA.ownerPhone);
  const bound = await call('POST', '/me/identities/email', { body: OWNER_LOGIN, token: owner.accessToken });
  if (bound.status !== 200) throw new Error(`binding ${OWNER_LOGIN.email}: ${bound.status} ${JSON.stringify(bound.body)}`);
  return owner.accessToken;
}

async function oneSku(): Promise<{ productId: string; skuId: string }> {
  const page = ok('list products', await call<ProductPage>('GET', `/products?merchantId=${JADE_TEA.id}&inStock=true&limit=20`));
  for (const card of page.items) {
    const detail = ok('product', await call<ProductDetail>('GET', `/products/${card.id}`));
    const sku = detail.skus.find((s) => s.stock >= 1);
    if (sku) return { productId: detail.id, skuId: sku.id };
  }
  throw new Error('the demo tea house has no product in stock');
}

/** Settles a checkout as WeChat Pay's notification would (the function the notification handler calls), as orders.test.ts does. */
async function settleInTable(result: CheckoutResult): Promise<void> {
  process.env.DYNAMODB_ENDPOINT ??= 'http://127.0.0.1:8000';
  process.env.TABLE_NAME ??= 'wxshop-local';
  const { markCheckoutPaid } = await import('../../functions/orders/checkout');
  const transactionId = `TXINBOX${Date.now()}`;
  const outcome = await markCheckoutPaid(result.checkout.id, {
    transactionId,
    subOrders: result.orders.map((o) => ({
      outTradeNo: o.outTradeNo,
      amount: o.total.amount,
      currency: o.total.currency,
      subMchid: o.subMchid,
      transactionId: `${transactionId}-${o.id}`,
    })),
  });
  if (outcome.outcome !== 'applied') throw new Error(`settling the checkout: ${JSON.stringify(outcome)}`);
}

/** The shopper's inbox through the API, once it holds `n` messages (the stream consumer is asynchronous). */
async function inboxWith(token: string, n: number): Promise<ShopperInboxPage> {
  for (const deadline = Date.now() + 30_000; ; ) {
    const page = ok('inbox', await call<ShopperInboxPage>('GET', '/me/inbox', { token }));
    if (page.items.length >= n) return page;
    if (Date.now() > deadline) throw new Error(`the inbox has ${page.items.length} messages, not ${n}, 30 s after shipping`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

let browser: Browser;
let shopper: StoredSession;
let order: Order;

beforeAll(async () => {
  browser = await launchChromium();
  shopper = stored((await smsLogin(randomPhone())) as unknown as Login);
  const token = shopper.accessToken;
  const address = ok(
    'address',
    await call<{ id: string }>('POST', '/me/addresses', {
      token,
      body: { recipient: '李小红', phone: '13900139003', regionCode: '330106', detail: '文三路 8 号' },
    }),
    201,
  );
  const lines = [{ ...(await oneSku()), quantity: 1 }];
  const preview = ok('preview', await call<Preview>('POST', '/checkout/preview', { token, body: { addressId: address.id, lines } }));
  const placed = ok(
    'submit',
    await call<CheckoutResult>('POST', '/checkout', {
      token,
      headers: { 'Idempotency-Key': `e2e-inbox-${Date.now()}` },
      body: { addressId: address.id, lines, fingerprint: preview.fingerprint },
    }),
    201,
  );
  await settleInTable(placed);
  order = ok(
    'ship',
    await call<Order>('POST', `/merchants/${JADE_TEA.id}/orders/${placed.orders[0]!.id}/ship`, {
      token: await ownerToken(),
      body: { parcels: [{ carrierCode: 'ZTO', trackingNumber: `ZTI${Date.now()}` }] },
    }),
  );
});
afterAll(() => browser?.close());

describe("the shopper's inbox on H5", () => {
  it('shows the shipping news with the unread count on Me; opening it marks it read, shows the order, and the count drops', async () => {
    // Prepare: paid + shipped = two unread messages
    const before = await inboxWith(shopper.accessToken, 2);
    const shippedMessage = before.items.find((m) => m.kind === 'order_shipped' && m.orderId === order.id)!;
    expect(shippedMessage).toMatchObject({ read: false, parcel: null });
    expect(before.unread).toBe(2);
    const app = await openApp(browser, 'inbox-open', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;

    // Act: the Me tab's entry with its count, then the page
    await app.open('/pages/me/index', '#me-inbox-unread');
    await app.shot('me-inbox-unread');
    const countOnMe = await app.text('#me-inbox-unread');
    await app.axe('me with unread messages');
    await page.locator('#me-inbox-link').click();
    await page.locator(`#inbox-${shippedMessage.id}`).waitFor();
    await app.shot('inbox-list');
    await app.axe('inbox list');
    const listed = await page.locator('#inbox-list > [data-read]').evaluateAll((els) => els.map((e) => (e as unknown as { id: string }).id));
    const title = await app.text(`#inbox-${shippedMessage.id} .o-inbox__title`);
    const unreadBefore = await page.locator(`#inbox-${shippedMessage.id}`).getAttribute('data-read');
    const raw = await rawMessageKeys(page);
    await page.locator(`#inbox-${shippedMessage.id}`).click();
    await page.waitForURL(/orders\/pages\/detail\/index/);
    await page.locator('#page-order-detail').waitFor();
    await app.shot('inbox-opened-order');
    // the page posts the read on its way to the order: wait for it to land
    let after = await inboxWith(shopper.accessToken, 2);
    for (const deadline = Date.now() + 10_000; after.unread !== 1 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      after = await inboxWith(shopper.accessToken, 2);
    }
    await page.goBack();
    await page.locator(`#inbox-${shippedMessage.id}[data-read="true"]`).waitFor();
    await page.goto(page.url().replace(/\/orders\/pages\/inbox\/index.*$/, '/pages/me/index'));
    await page.locator('#me-inbox-unread').waitFor();
    const countAfter = await app.text('#me-inbox-unread');

    // Assert
    expect(countOnMe).toBe('2');
    expect(listed[0]).toBe(`inbox-${before.items[0]!.id}`); // newest first
    expect(listed).toHaveLength(2);
    expect(title).toContain(en['inbox.kind.order_shipped']);
    expect(unreadBefore).toBe('false');
    expect(raw).toEqual([]);
    expect(page.url()).toContain('/pages/me/index');
    expect(after.items.find((m) => m.id === shippedMessage.id)!.read).toBe(true);
    expect(after.unread).toBe(1);
    expect(countAfter).toBe('1');
    expect(app.errors).toEqual([]);
  });

  it('marks all read (the Me count goes), and shows the empty and error states', async () => {
    // Prepare
    const app = await openApp(browser, 'inbox-mark-all', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;
    const newcomer = stored((await smsLogin(randomPhone())) as unknown as Login);

    // Act
    await app.open('/orders/pages/inbox/index', '#inbox-mark-all');
    await page.locator('#inbox-mark-all').click();
    await page.locator('#inbox-list [data-read="false"]').waitFor({ state: 'detached' });
    await app.shot('inbox-all-read');
    const unreadText = await app.text('#inbox-unread');
    const api = ok('inbox', await call<ShopperInboxPage>('GET', '/me/inbox', { token: shopper.accessToken }));
    await app.open('/pages/me/index', '#me-inbox-link');
    const badges = await page.locator('#me-inbox-unread').count();

    const empty = await openApp(browser, 'inbox-empty', { locale: 'en-US', language: 'en', session: newcomer });
    await empty.open('/orders/pages/inbox/index', '#inbox-empty');
    await empty.shot('inbox-empty');
    await empty.axe('inbox empty');
    const emptyTitle = await empty.page.locator('#inbox-empty').innerText();

    const broken = await openApp(browser, 'inbox-error', { locale: 'en-US', language: 'en', session: newcomer });
    const restore = await cutApi(broken.context);
    await broken.open('/orders/pages/inbox/index', '#inbox-error');
    await broken.shot('inbox-error');
    await broken.axe('inbox error');
    await restore();

    // Assert
    expect(unreadText).toBe(en['inbox.unread_count'].replace('{count}', '0'));
    expect(api.unread).toBe(0);
    expect(api.items.every((m) => m.read)).toBe(true);
    expect(badges).toBe(0);
    expect(emptyTitle).toContain(en['inbox.empty_title']);
  });
});
