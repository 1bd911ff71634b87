/** A shopper on the H5 app in Chromium: phone + SMS sign-in, Me in two languages, log out. */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { call, randomPhone } from '../support/api-client';
import { apiResponse, launchChromium, openApp, rawMessageKeys, signInWithSms, type StoredSession } from '../support/browser';

jest.setTimeout(60_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('a shopper on H5', () => {
  it('signs in with phone + SMS code, sees Me, switches it to English and logs out to the signed-out Me', async () => {
    // Prepare
    const app = await openApp(browser, 'shopper-sms-language-logout', { locale: 'zh-CN' });
    const { page } = app;
    const zh = CATALOG['zh-CN'];
    const en = CATALOG.en;
    await app.open('/pages/me/index', '#me-signed-out');
    await app.shot('me-signed-out-zh');
    expect(await app.text('#me-signed-out-title')).toBe(zh['me.signed_out_title']);

    // Act: sign in
    await page.locator('#me-signin').click();
    await page.locator('#login-phone').waitFor();
    await app.shot('login-zh');
    const profile = await signInWithSms(app, randomPhone());
    await page.locator('#me-nickname').waitFor();
    await app.shot('me-signed-in-zh');

    // Assert: signed in, in Chinese
    expect(await app.text('#me-nickname')).toBe(profile.nickname);
    expect(await app.text('#me-logout')).toBe(zh['me.logout']);
    await expect(page.locator('#me-identity-phone').isVisible()).resolves.toBe(true);
    expect(await rawMessageKeys(page)).toEqual([]);
    const session = (await app.stored('wxshop.session')) as StoredSession;
    expect(session.profile.id).toBe(profile.id);

    // Act: switch to English
    await page.locator('#me-language').click();
    await page.locator('#lang-option-en').waitFor();
    await app.shot('language-options');
    const saved = apiResponse(page, '*', '/me');
    await page.locator('#lang-option-en').click();
    await expect(saved.then((r) => r.status())).resolves.toBe(200);
    await page.locator('#me-logout', { hasText: en['me.logout'] }).waitFor();
    await app.shot('me-signed-in-en');

    // Assert: the whole Me page, tab bar and title in English, and saved on the account
    expect(await app.text('#me-language-value')).toBe('English');
    expect(await app.text('#me-member-since')).toMatch(/^Member since \d{4}-\d{2}-\d{2}$/);
    expect(await app.text('#tab-me')).toBe(en['tab.me']);
    expect(await page.title()).toBe(en['me.title']);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect((await call<{ language: string }>('GET', '/me', { token: session.accessToken })).body.language).toBe('en');

    // Act: log out
    const loggedOut = apiResponse(page, 'POST', '/auth/logout');
    await page.locator('#me-logout').click();
    await page.locator('#me-signed-out').waitFor();
    await app.shot('me-signed-out-en');

    // Assert: signed out here and on the server, still in English
    expect((await loggedOut).status()).toBe(200);
    expect(await app.text('#me-signed-out-title')).toBe(en['me.signed_out_title']);
    expect(await app.text('#me-signin')).toBe(en['me.sign_in']);
    expect(await app.stored('wxshop.session')).toBeUndefined();
    expect((await call('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
