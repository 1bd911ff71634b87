/**
 * Share to earn on H5 in Chromium (ADR 0064-0066, first part): a shopper applies from Me, the admin
 * approves on the review page, the distributor's share page shows the stored mini-program code and the
 * copyable link; a signed-in visitor opening the link is bound at once, a signed-out one when they sign
 * in (the app keeps the scene); the team and earnings pages; the off, empty and error states.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { DistributionRules, TeamPage } from '@wxshop/shared';
import { call, randomPhone, smsLogin } from '../support/api-client';
import { cutApi, launchChromium, openApp, rawMessageKeys, signInWithSms, type StoredSession } from '../support/browser';

jest.setTimeout(180_000);

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

const RULES = {
  enabled: true,
  tiers: 2,
  rates: [1000, 500],
  categoryRates: [],
  selfPurchase: false,
  joinMode: 'apply',
  spendThreshold: null,
  bindingMode: 'permanent',
  bindingDays: null,
  settlementDelayDays: 7,
  minimumWithdrawal: { amount: 100, currency: 'CNY' },
  withdrawalFeeBp: 0,
  dailyWithdrawalCap: { amount: 50_000, currency: 'CNY' },
};

let browser: Browser;
let admin: Login;

async function setRules(changes: Partial<typeof RULES>): Promise<void> {
  const now = ok('rules', await call<DistributionRules>('GET', '/admin/distribution/rules', { token: admin.accessToken }));
  ok('save rules', await call('POST', '/admin/distribution/rules', { token: admin.accessToken, body: { ...RULES, ...changes, expectedVersion: now.version } }));
}

/** A's team through the API, once it holds `userId` (the binding is asynchronous from the page's point of view). */
async function teamHas(token: string, userId: string): Promise<TeamPage> {
  for (const deadline = Date.now() + 20_000; ; ) {
    const team = ok('team', await call<TeamPage>('GET', '/me/distribution/team', { token }));
    if (team.items.some((m) => m.userId === userId)) return team;
    if (Date.now() > deadline) throw new Error(`${userId} not in the team after 20 s: ${JSON.stringify(team.items)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  admin = ok('admin login', await call<Login>('POST', '/auth/email/login', { body: SUPER_ADMIN }));
  await setRules({});
});
afterAll(() => browser?.close());

describe('share to earn on H5', () => {
  it('apply -> approved by the admin -> my share (code and link) -> a visitor bound by the link, signed in or after signing in', async () => {
    // Prepare
    const a = stored((await smsLogin(randomPhone())) as unknown as Login);

    // Act 1: A applies from the join page
    const shopper = await openApp(browser, 'distribution-apply', { locale: 'en-US', language: 'en', session: a });
    const { page } = shopper;
    await shopper.open('/pages/me/index', '#me-distribution-link');
    await page.locator('#me-distribution-link').click();
    await page.locator('#join-form').waitFor();
    await shopper.shot('join');
    await page.locator('#join-note textarea').fill('I share tea with my friends');
    await page.locator('#join-apply').click();
    await page.locator('#join-status[data-status="applied"]').waitFor();
    await shopper.shot('applied');

    // Act 2: the admin approves it on the review page
    const desk = await openApp(browser, 'distribution-review', { locale: 'en-US', language: 'en', session: stored(admin) });
    await desk.open('/admin/pages/entry/index', '#admin-tile-distributors');
    await desk.page.locator('#admin-tile-distributors').click();
    await desk.page.locator(`#distributor-${a.profile.id}`).waitFor();
    await desk.shot('queue');
    await desk.page.locator(`#distributor-approve-${a.profile.id}`).click();
    await desk.page.locator(`#distributor-${a.profile.id}`).waitFor({ state: 'detached' });
    await desk.shot('approved');
    expect(await rawMessageKeys(desk.page)).toEqual([]);
    await desk.close();

    // Act 3: A sees the approval and opens their share
    await shopper.open('/share/pages/join/index', '#join-status[data-status="approved"]');
    await shopper.shot('distributor');
    await page.locator('#join-share-link').click();
    await page.locator('#share-qr img, #share-qr').first().waitFor();
    // the stored code has loaded (a real PNG from S3, not a broken image)
    await page.waitForFunction("(() => { const img = document.querySelector('#share-qr img'); return !!img && img.complete && img.naturalWidth > 0; })()");
    const link = await shopper.text('#share-link');
    await shopper.shot('share');
    expect(await rawMessageKeys(page)).toEqual([]);
    const scene = new URL(link).searchParams.get('scene')!;
    expect(scene).toMatch(/^[0-9A-Za-z]{12}$/);

    // Act 4: B, signed in, opens the link: bound at once
    const b = stored((await smsLogin(randomPhone())) as unknown as Login);
    const visitor = await openApp(browser, 'distribution-visitor', { locale: 'en-US', language: 'en', session: b });
    await visitor.open(`${new URL(link).pathname}${new URL(link).search}`, '#page-home');
    await teamHas(a.accessToken, b.profile.id);
    await visitor.close();

    // Act 5: C, signed out, opens the link, then signs in: bound then
    const cPhone = randomPhone();
    const later = await openApp(browser, 'distribution-later', { locale: 'en-US', language: 'en' });
    await later.open(`${new URL(link).pathname}${new URL(link).search}`, '#page-home');
    for (const until = Date.now() + 10_000; !(await later.stored('wxshop.referral')) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect(await later.stored('wxshop.referral')).toEqual({ scene, channel: 'link' });
    await later.open('/pages/login/index', '#login-phone');
    const c = await signInWithSms(later, cPhone);
    const team = await teamHas(a.accessToken, c.id);
    expect(team.items.map((m) => m.userId)).toEqual(expect.arrayContaining([b.profile.id, c.id]));
    for (const until = Date.now() + 10_000; (await later.stored('wxshop.referral')) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect(await later.stored('wxshop.referral')).toBeUndefined();
    await later.close();

    // Act 6: a product share's mini-program code opens the product page with only the scene in its query
    const card = ok('products', await call<{ items: { id: string; title: string }[] }>('GET', '/products?limit=1')).items[0]!;
    const productShare = ok(
      'product share',
      await call<{ scene: string; page: string }>('POST', '/me/shares', { token: a.accessToken, body: { kind: 'product', targetId: card.id } }),
    );
    const scanner = await openApp(browser, 'distribution-scan', { locale: 'en-US', language: 'en' });
    await scanner.open(`/${productShare.page}?scene=${productShare.scene}`, '#page-product.product');
    await scanner.shot('product-from-scene');
    expect(scanner.errors).toEqual([]);
    await scanner.close();

    // Assert: A's team and earnings pages
    await shopper.open('/share/pages/team/index', `#team-${c.id}`);
    await shopper.shot('team');
    await page.locator('#team-tier-2').click();
    await page.locator('#team-empty').waitFor();
    await shopper.shot('team-tier-2-empty');
    await shopper.open('/share/pages/earnings/index', '#earnings-figures');
    await page.locator('#earnings-empty').waitFor();
    await shopper.shot('earnings');
    expect(await shopper.text('#earnings-pending')).toContain('0.00');
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(shopper.errors).toEqual([]);
    await shopper.close();
  });

  it('the error, not-a-distributor and off states', async () => {
    const d = stored((await smsLogin(randomPhone())) as unknown as Login);
    const app = await openApp(browser, 'distribution-states', { locale: 'en-US', language: 'en', session: d });
    const { page } = app;
    await app.open('/share/pages/share/index', '#share-not-distributor');
    await app.shot('not-a-distributor');
    expect(await app.text('#share-not-distributor-title')).toBe(en['distribution.not_distributor']);

    const restore = await cutApi(app.context);
    await app.open('/share/pages/earnings/index', '#earnings-error');
    await app.shot('earnings-error');
    await restore();
    await page.locator('#earnings-error-retry').click();
    await page.locator('#earnings-figures').waitFor();

    await setRules({ enabled: false });
    try {
      await app.open('/share/pages/join/index', '#join-off');
      await app.shot('off');
      expect(await app.text('#join-off-title')).toBe(en['distribution.off_title']);
    } finally {
      await setRules({});
    }
    expect(await rawMessageKeys(page)).toEqual([]);
    await app.close();
  });
});
