/** The merchant centre on H5 in Chromium: a shop owner reaches the dashboard, a shopper does not. */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { call, smsLogin } from '../support/api-client';
import { launchChromium, openApp, rawMessageKeys, signInWithEmail } from '../support/browser';

jest.setTimeout(60_000);

/** Seeded by infra/local/seed.ts: 翠玉茶舍 Jade Tea House and its owner. */
const JADE_TEA = { id: '01HZZZZZZZZZZZZZZZZZZZZZZA', name: '翠玉茶舍 Jade Tea House', ownerPhone: '+8613800000002' };
const SHOPPER = { email: 'shopper@wxshop.local', password: 'wxshop-shopper-2026' };
/** An email sign-in this suite adds to the demo owner, so runs need no SMS (1/min, 10/day per phone). */
const OWNER_LOGIN = { email: 'owner.jade-tea@wxshop.local', password: 'wxshop-owner-e2e-2026' };

/** The owner's email sign-in: added once per stack through the API (one SMS login), then reused. */
async function ensureOwnerEmailLogin(): Promise<typeof OWNER_LOGIN> {
  if ((await call('POST', '/auth/email/login', { body: OWNER_LOGIN })).status === 200) return OWNER_LOGIN;
  const owner = await smsLogin(JADE_TEA.ownerPhone);
  const bound = await call('POST', '/me/identities/email', { body: OWNER_LOGIN, token: owner.accessToken });
  if (bound.status !== 200) throw new Error(`binding ${OWNER_LOGIN.email} to the demo owner: ${bound.status} ${JSON.stringify(bound.body)}`);
  return OWNER_LOGIN;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('the merchant centre on H5', () => {
  it('takes a shop owner from Me to their shop and its dashboard', async () => {
    // Prepare
    const login = await ensureOwnerEmailLogin();
    const app = await openApp(browser, 'merchant-owner-dashboard', { locale: 'zh-CN' });
    const { page } = app;
    const zh = CATALOG['zh-CN'];
    await app.open('/pages/login/index', '#login-method-email');
    await signInWithEmail(app, login.email, login.password);
    await page.locator('#me-merchant-link').waitFor();
    await app.shot('me-with-merchant-link');

    // Act
    await page.locator('#me-merchant-link').click();
    await page.locator(`#merchant-item-${JADE_TEA.id}`).waitFor();
    await app.shot('merchant-entry');
    await page.locator(`#merchant-item-${JADE_TEA.id}`).click();
    await page.locator('#merchant-name').waitFor();
    await app.shot('merchant-dashboard');

    // Assert
    expect(await app.text('#merchant-name')).toBe(JADE_TEA.name);
    expect(await app.text('#merchant-role')).toBe(zh['role.merchant.owner']);
    expect(Number(await app.text('#merchant-staff-count'))).toBeGreaterThanOrEqual(1);
    expect(page.url()).toContain(`merchantId=${JADE_TEA.id}`);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });

  it('offers a shopper to open a store in the merchant centre, and shows "no access" on a shop dashboard', async () => {
    // Prepare
    const app = await openApp(browser, 'merchant-shopper-no-access', { locale: 'en-US', language: 'en' });
    const { page } = app;
    const en = CATALOG.en;
    await app.open('/pages/login/index', '#login-method-email');
    await signInWithEmail(app, SHOPPER.email, SHOPPER.password);
    await page.locator('#me-nickname').waitFor();

    // Act
    const hasMerchantLink = await page.locator('#me-merchant-link').count();
    await app.open('/merchant/pages/entry/index', '#merchant-no-access');
    await app.shot('merchant-entry-no-access');
    const entryTitle = await app.text('#merchant-no-access-title');
    const openStoreButtons = await page.locator('#merchant-open-store').count();
    await app.open(`/merchant/pages/dashboard/index?merchantId=${JADE_TEA.id}`, '#merchant-dashboard-no-access');
    await app.shot('merchant-dashboard-no-access');

    // Assert
    expect(hasMerchantLink).toBe(0);
    // A shopper with no store is invited to open one rather than told off.
    expect(entryTitle).toBe(en['merchant.no_store_title']);
    expect(openStoreButtons).toBe(1);
    expect(await app.text('#merchant-dashboard-no-access-title')).toBe(en['merchant.no_access_title']);
    expect(await page.locator('#merchant-name').count()).toBe(0);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
