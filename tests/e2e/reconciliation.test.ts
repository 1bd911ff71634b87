/**
 * The bill reconciliation on the admin pages in Chromium (ADR 0071): WeChat Pay's bill of yesterday
 * carries a payment we never made (the simulator's tamper hook), finance queues the day again, the
 * scheduled job (every 10 minutes; every 50 s on the test stack) reconciles it, and the admin pages show
 * the day with the difference and both its sides.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { formatMessage } from '@wxshop/shared';
import { call, SIMS } from '../support/api-client';
import { launchChromium, openApp, rawMessageKeys, signInWithEmail } from '../support/browser';

jest.setTimeout(240_000);

/** Seeded by infra/local/seed.ts. */
const SUPER_ADMIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };
const yesterday = (): string => new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
const tamper = (body: unknown) =>
  fetch(`${SIMS}/_sim/wechatpay/bills/tamper`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await tamper({});
  await browser?.close();
});

describe('bill reconciliation on the admin pages', () => {
  it("shows finance yesterday's bill with a payment we never made, after a re-check it queued", async () => {
    // Prepare: yesterday's bill gains a line no order of ours has; the day is queued for a new check
    const day = yesterday();
    const outTradeNo = `E2E-NOT-OURS-${Date.now()}`;
    expect(
      (
        await tamper({
          extra: [{ kind: 'payment', date: day, subMchid: '1900000101', transactionId: `42000${Date.now()}`, outTradeNo, amount: 8800 }],
        })
      ).status,
    ).toBe(200);
    const login = await call<{ accessToken: string }>('POST', '/auth/email/login', { body: SUPER_ADMIN });
    const token = login.body.accessToken;
    expect((await call('POST', `/admin/reconciliation/bills/${day}/run`, { token, body: {} })).status).toBe(202);

    // Act: wait for the scheduled job to carry it out
    let report: { status: string; differences: { kind: string; no: string }[] } = { status: 'queued', differences: [] };
    for (const deadline = Date.now() + 180_000; report.status === 'queued' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 2000));
      report = (await call<typeof report>('GET', `/admin/reconciliation/bills/${day}`, { token })).body;
    }

    // Assert: the report names it
    expect(report.status).toBe('differences');
    expect(report.differences).toContainEqual(expect.objectContaining({ kind: 'unknown_payment', no: outTradeNo }));

    // Act: the pages
    const app = await openApp(browser, 'admin-reconciliation', { locale: 'en-US', language: 'en' });
    const { page } = app;
    const en = CATALOG.en;
    await app.open('/pages/login/index', '#login-method-email');
    await signInWithEmail(app, SUPER_ADMIN.email, SUPER_ADMIN.password);
    await page.locator('#me-admin-link').click();
    await page.locator('#admin-tile-reconciliation').click();
    await page.locator(`#admin-recon-${day}-wechatpay`).waitFor();
    await app.shot('reconciliation-days');
    const row = await page.locator(`#admin-recon-${day}-wechatpay`).innerText();
    await page.locator(`#admin-recon-${day}-wechatpay`).click();
    await page.locator('#admin-recon-differences').waitFor();
    await app.shot('reconciliation-day');

    // Assert
    expect(row).toContain(formatMessage(en['finance.recon_day'], { date: day }));
    expect(row).toContain(en['finance.recon_provider.wechatpay']);
    expect(row).toContain(formatMessage(en['finance.recon_status.differences'], { count: report.differences.length }));
    const differences = await page.locator('#admin-recon-differences').innerText();
    expect(differences).toContain(en['finance.recon_kind.unknown_payment']);
    expect(differences).toContain(outTradeNo);
    expect(differences).toContain('88.00');
    expect(await page.locator('#admin-recon-run').count()).toBe(1);
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();
  });
});
