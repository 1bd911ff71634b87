/** Loading, empty and error states on H5 in Chromium, with the API slowed down or unreachable. */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { call } from '../support/api-client';
import { cutApi, holdApi, launchChromium, openApp, rawMessageKeys, type StoredSession } from '../support/browser';

jest.setTimeout(60_000);

/** Seeded by infra/local/seed.ts. */
const SUPER_ADMIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };
const SHOPPER = { email: 'shopper@wxshop.local', password: 'wxshop-shopper-2026' };
const en = CATALOG.en;

/** A real session for a demo account, signed in through the API (as the login page would store it). */
async function sessionFor(login: { email: string; password: string }): Promise<StoredSession> {
  const res = await call<Omit<StoredSession, 'expiresAt'> & { expiresIn: number }>('POST', '/auth/email/login', { body: login });
  if (res.status !== 200) throw new Error(`email login for ${login.email}: ${res.status} ${JSON.stringify(res.body)}`);
  const { accessToken, refreshToken, expiresIn, profile } = res.body;
  return { accessToken, refreshToken, expiresAt: Date.now() + expiresIn * 1000, profile };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('screen states on H5', () => {
  it('keeps the saved profile on Me with an error banner and retry while the API is unreachable, and clears it on retry', async () => {
    // Prepare
    const session = await sessionFor(SHOPPER);
    const app = await openApp(browser, 'state-me-api-unreachable', { locale: 'en-US', language: 'en', session });
    const { page } = app;
    const reconnect = await cutApi(app.context);

    // Act
    await app.open('/pages/me/index', '#me-refresh-error');
    await app.shot('me-error-banner');
    const banner = await app.text('#me-refresh-error');
    const nickname = await app.text('#me-nickname');
    await reconnect();
    await page.locator('#me-refresh-error .banner__action').click();
    await page.locator('#me-refresh-error').waitFor({ state: 'detached' });
    await app.shot('me-after-retry');

    // Assert
    expect(banner).toContain(en['me.refresh_failed']);
    expect(banner).toContain(en['error.network_error']);
    expect(banner).toContain(en['common.retry']);
    expect(nickname).toBe(session.profile.nickname);
    expect(await app.text('#me-nickname')).toBe(session.profile.nickname);
    expect(await rawMessageKeys(page)).toEqual([]);
    await app.close();
  });

  it('shows the admin area error state with retry while the API is unreachable, and the admin menu after retry', async () => {
    // Prepare
    const session = await sessionFor(SUPER_ADMIN);
    const app = await openApp(browser, 'state-admin-api-unreachable', { locale: 'en-US', language: 'en', session });
    const { page } = app;
    const reconnect = await cutApi(app.context);

    // Act
    await app.open('/admin/pages/entry/index', '#state-error');
    await app.shot('admin-error');
    const message = await app.text('#state-error-message');
    const retry = await app.text('#state-error-retry');
    await reconnect();
    await page.locator('#state-error-retry').click();
    await page.locator('#admin-staff-link').waitFor();
    await app.shot('admin-after-retry');

    // Assert
    expect(message).toBe(en['error.network_error']);
    expect(retry).toBe(en['common.retry']);
    expect(await page.locator('#state-error').count()).toBe(0);
    expect(await rawMessageKeys(page)).toEqual([]);
    await app.close();
  });

  it('shows the loading state while the staff list is on its way, then the list', async () => {
    // Prepare
    const session = await sessionFor(SUPER_ADMIN);
    const app = await openApp(browser, 'state-admin-staff-loading', { locale: 'en-US', language: 'en', session });
    const { page } = app;
    const staffList = await holdApi(app.context, 'GET', '/admin/staff');

    // Act
    await app.open('/admin/pages/staff/index', '#state-loading');
    await staffList.held;
    await app.shot('staff-loading');
    const loading = await app.text('#state-loading');
    staffList.release();
    await page.locator('#admin-staff-list').waitFor();
    await app.shot('staff-loaded');

    // Assert
    expect(loading).toBe(en['common.loading']);
    expect(await page.locator('#state-loading').count()).toBe(0);
    await expect(page.locator(`#admin-staff-item-${session.profile.id}`).isVisible()).resolves.toBe(true);
    await app.close();
  });

  it('shows the empty cart and the signed-out Me page to a visitor', async () => {
    // Prepare
    const app = await openApp(browser, 'state-visitor-empty', { locale: 'en-US' });
    const { page } = app;
    await app.open('/pages/cart/index', '#cart-empty');

    // Act
    await app.shot('cart-empty');
    const cartTitle = await app.text('#cart-empty-title');
    await page.locator('#tab-me').click();
    await page.locator('#me-signed-out').waitFor();
    await app.shot('me-signed-out');

    // Assert
    expect(cartTitle).toBe(en['cart.empty_title']);
    await expect(page.locator('#cart-browse').count()).resolves.toBe(1);
    expect(await app.text('#me-signed-out-title')).toBe(en['me.signed_out_title']);
    expect(await app.text('#tab-cart')).toBe(en['tab.cart']);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
