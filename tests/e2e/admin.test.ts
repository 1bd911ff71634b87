/** The platform admin area on H5 in Chromium: the super admin lists staff and adds a staff member. */
import type { Browser, Page } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { formatMessage } from '@wxshop/shared';
import { randomPhone } from '../support/api-client';
import { apiResponse, launchChromium, openApp, rawMessageKeys, signInWithEmail } from '../support/browser';

jest.setTimeout(60_000);

/** Seeded by infra/local/seed.ts. */
const SUPER_ADMIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };

/** The staff list is paged (oldest first): "load more" until the row shows or there is no more. */
async function showStaffRow(page: Page, userId: string): Promise<void> {
  const row = page.locator(`#admin-staff-item-${userId}`);
  for (let pages = 0; pages < 20 && (await row.count()) === 0; pages++) {
    const more = page.locator('#admin-staff-more');
    if ((await more.count()) === 0) break;
    const loaded = apiResponse(page, 'GET', '/admin/staff');
    await more.click();
    await loaded;
  }
  await row.scrollIntoViewIfNeeded();
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('the admin area on H5', () => {
  it('lets the super admin list platform staff and add a customer-service member by phone', async () => {
    // Prepare
    const app = await openApp(browser, 'admin-staff-create', { locale: 'en-US', language: 'en' });
    const { page } = app;
    const en = CATALOG.en;
    const newcomer = { phone: randomPhone(), nickname: `E2E CS ${Date.now().toString(36)}` };
    await app.open('/pages/login/index', '#login-method-email');
    const admin = await signInWithEmail(app, SUPER_ADMIN.email, SUPER_ADMIN.password);
    await page.locator('#me-admin-link').click();
    await page.locator('#admin-staff-link').waitFor();
    await app.shot('admin-entry');
    expect(await app.text('#admin-role')).toBe(formatMessage(en['admin.your_role'], { role: en['role.platform.super_admin'] }));

    // Act: list staff
    await page.locator('#admin-staff-link').click();
    await page.locator('#admin-staff-list').waitFor();
    await app.shot('staff-list');

    // Assert: the super admin is staff
    await expect(page.locator(`#admin-staff-item-${admin.id}`).innerText()).resolves.toContain(en['role.platform.super_admin']);

    // Act: add a staff member
    await page.locator('#admin-staff-add').click();
    await page.locator('#staff-submit').waitFor();
    await page.locator('#staff-role-customer_service').click();
    await page.locator('#staff-phone input').fill(newcomer.phone.replace(/^\+86/, ''));
    await page.locator('#staff-nickname input').fill(newcomer.nickname);
    await app.shot('staff-new-filled');
    const created = apiResponse(page, 'POST', '/admin/staff');
    await page.locator('#staff-submit').click();
    const answer = await created;
    const staff = (await answer.json()) as { userId: string; role: string; nickname: string };
    await page.locator('#admin-staff-list').waitFor();
    await showStaffRow(page, staff.userId);
    await app.shot('staff-list-with-new-member');

    // Assert: created with that role, and listed
    expect({ status: answer.status(), role: staff.role, nickname: staff.nickname }).toEqual({
      status: 201,
      role: 'customer_service',
      nickname: newcomer.nickname,
    });
    const row = await page.locator(`#admin-staff-item-${staff.userId}`).innerText();
    expect(row).toContain(newcomer.nickname);
    expect(row).toContain(en['role.platform.customer_service']);
    expect(page.url()).toContain('/admin/pages/staff/index');
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
