/**
 * Points on H5 in Chromium (ADR 0067, 0068): a fresh shopper opens the points centre from Me, checks in
 * (the streak starts), watches the platform's house video to the end of the server's countdown and
 * claims its points once; the centre then shows the balance and the history. Also the signed-out and
 * the error states, and the centre in Chinese.
 */
import type { Browser } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { PointsRules, PointsSummary } from '@wxshop/shared';
import { DEFAULT_POINTS_RULES } from '@wxshop/shared/points';
import { call, randomPhone, smsLogin } from '../support/api-client';
import { H5, apiResponse, cutApi, launchChromium, openApp, rawMessageKeys, type StoredSession } from '../support/browser';

jest.setTimeout(180_000);

/** Seeded by infra/local/seed.ts. */
const ADMIN_LOGIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };
const HOUSE = { id: 'e2e-house', title: 'Spring tea picking', videoUrl: `${H5}/house-video.mp4`, posterUrl: null, durationSeconds: 3 };
const RULES: PointsRules = { ...DEFAULT_POINTS_RULES, rewardedView: { points: 30, dailyViews: 5 }, houseCreatives: [HOUSE] };
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

let browser: Browser;
let shopper: StoredSession;
let adminToken: string;

beforeAll(async () => {
  browser = await launchChromium();
  adminToken = ok('admin login', await call<Login>('POST', '/auth/email/login', { body: ADMIN_LOGIN })).accessToken;
  ok('points rules', await call('PUT', '/admin/points/rules', { token: adminToken, body: RULES }));
  shopper = stored((await smsLogin(randomPhone())) as unknown as Login);
});
afterAll(() => browser?.close());

describe('points on H5', () => {
  it('checks in, watches the house video to the end and claims its points once; the centre shows them', async () => {
    const app = await openApp(browser, 'points-centre', { locale: 'en-US', language: 'en', session: shopper });
    const { page } = app;
    await app.open('/pages/me/index', '#me-points-link');
    await page.locator('#me-points-link').scrollIntoViewIfNeeded();
    await app.shot('me-with-points-link');
    await page.locator('#me-points-link').click();
    await page.locator('#points-checkin-button').waitFor();
    await page.locator('#points-history-empty').waitFor();
    expect(await app.text('#points-available')).toBe('0');
    expect(await app.text('#points-streak')).toBe(en['points.checkin_streak_none']);
    await app.shot('centre-new-shopper');

    // check in: the day's points, the streak starts
    const checked = apiResponse(page, 'POST', '/me/points/check-in');
    await page.locator('#points-checkin-button').click();
    expect((await checked).status()).toBe(200);
    await page.locator('#points-checkin-done').waitFor();
    await page.locator('#points-history-list').waitFor();
    expect(await app.text('#points-available')).toBe('10');
    expect(await app.text('#points-streak')).toBe('1-day streak');
    await app.shot('centre-checked-in');

    // the house video: the claim opens when the server's duration has passed
    await page.locator('#points-video-button').click();
    await page.locator('#points-video-playing').waitFor();
    expect(await page.locator('#points-video-claim').evaluate((el) => (el as unknown as { disabled?: boolean }).disabled === true)).toBe(true);
    await app.shot('video-counting-down');
    await page.waitForFunction("!!document.querySelector('#points-video-claim') && !document.querySelector('#points-video-claim').disabled", undefined, {
      timeout: 10_000,
    });
    await app.shot('video-claimable');
    const completed = page.waitForResponse((r) => r.request().method() === 'POST' && /\/me\/rewarded-views\/[^/]+\/complete$/.test(r.url()));
    await page.locator('#points-video-claim').click();
    expect((await completed).status()).toBe(200);
    await page.locator('#points-video-result').waitFor();
    expect(await app.text('#points-video-result')).toBe('+30 points credited');
    await app.shot('video-credited');
    await page.locator('#points-video-back').click();
    await page.waitForFunction("document.querySelector('#points-available')?.textContent?.trim() === '40'", undefined, { timeout: 10_000 });
    expect(await page.locator('#points-history-list .points-row').count()).toBe(2);
    await page.locator('#points-history').scrollIntoViewIfNeeded();
    await app.shot('centre-after-video');
    expect(await rawMessageKeys(page)).toEqual([]);
    expect(app.errors).toEqual([]);
    await app.close();

    // once: the API holds 40 points, one video and one check-in
    const summary = ok('summary', await call<PointsSummary>('GET', '/me/points', { token: shopper.accessToken }));
    expect(summary).toMatchObject({ available: 40, views: { today: 1 }, checkIn: { checkedInToday: true, streak: 1 } });
  });

  it('shows the centre in Chinese, asks a signed-out visitor to sign in, and offers a retry when the API fails', async () => {
    const zh = await openApp(browser, 'points-centre-zh', { locale: 'zh-CN', language: 'zh-CN', session: shopper });
    await zh.open('/points/pages/centre/index', '#points-checkin-done');
    await zh.shot('centre-zh');
    expect(await rawMessageKeys(zh.page)).toEqual([]);
    await zh.close();

    const out = await openApp(browser, 'points-signed-out', { locale: 'en-US', language: 'en' });
    await out.open('/points/pages/centre/index', '#points-signin');
    await out.shot('signed-out');
    await out.close();

    const broken = await openApp(browser, 'points-error', { locale: 'en-US', language: 'en', session: shopper });
    await cutApi(broken.context);
    await broken.open('/points/pages/centre/index', '#points-error');
    await broken.shot('api-down');
    await broken.close();
  });

  it('without a house video the browser has nothing to play: the centre and the video page say so', async () => {
    ok('points rules', await call('PUT', '/admin/points/rules', { token: adminToken, body: { ...RULES, houseCreatives: [] } }));
    try {
      const app = await openApp(browser, 'points-no-video', { locale: 'en-US', language: 'en', session: shopper });
      await app.open('/points/pages/centre/index', '#points-video-body');
      expect(await app.text('#points-video-body')).toBe(en['points.video_none']);
      await app.shot('centre-no-video');
      await app.open('/points/pages/video/index', '#points-video-missing');
      await app.shot('video-missing');
      expect(app.errors).toEqual([]);
      await app.close();
    } finally {
      ok('points rules', await call('PUT', '/admin/points/rules', { token: adminToken, body: RULES }));
    }
  });
});
