/**
 * Check-in and verified rewarded views through the handlers against DynamoDB Local (ADR 0068,
 * AP149-AP152): a day's check-in credits once under 20 concurrent requests, the streak follows the
 * Asia/Shanghai calendar; a view token credits once under 50 concurrent completions, never early, within
 * the day's caps; anomalies hold the points until a person decides.
 */
import { ulid } from 'ulid';
import {
  DEFAULT_POINTS_RULES,
  type CheckInResult,
  type CompletedView,
  type ExpiringPoints,
  type PointsPostingPage,
  type PointsRules,
  type PointsSummary,
  type StartedView,
} from '@wxshop/shared/points';
import { invoke } from '../support/lambda';
import { ownTable } from '../support/integration-env';
import { handler as checkInRoute } from '../../functions/points/check-in';
import { handler as startRoute } from '../../functions/points/start-rewarded-view';
import { handler as completeRoute } from '../../functions/points/complete-rewarded-view';
import { handler as summaryRoute } from '../../functions/points/get-my-points';
import { handler as historyRoute } from '../../functions/points/list-my-points-postings';
import { handler as expiringRoute } from '../../functions/points/get-my-expiring-points';
import { handler as getRulesRoute } from '../../functions/points/get-points-rules';
import { handler as setRulesRoute } from '../../functions/points/set-points-rules';
import { checkIn } from '../../functions/points/check-ins';
import { completeView, decideHeldView, readView, startView, tokenHash } from '../../functions/points/rewarded-views';
import { readAccount } from '../../functions/points/ledger';
import { earn, setRules } from '../../functions/points/points';
import { db } from '../../functions/lib/table';
import { shopper } from './browse-fixtures';
import { platformAccount } from './merchants-support';

jest.setTimeout(180_000);
ownTable('points-earning');

const HOUSE = { id: 'house-1', title: '平台好物', videoUrl: 'https://example.com/v.mp4', posterUrl: null, durationSeconds: 15 };
/** A one-second video, for completions through the handlers on the real clock. */
const FAST = { ...HOUSE, id: 'house-fast', durationSeconds: 1 };
const RULES: PointsRules = { ...DEFAULT_POINTS_RULES, houseCreatives: [HOUSE, FAST] };
const device = (): string => `dev-${ulid()}`;

beforeAll(async () => {
  await setRules(RULES, 'test');
});

/**
 * Makes the next TransactWriteItems fail: `after` lets the write land and loses its answer (the
 * process died after DynamoDB applied it), else it never reaches DynamoDB.
 */
async function crashingOnce<T>(after: boolean, run: () => Promise<T>): Promise<unknown> {
  const stack = db().middlewareStack;
  let armed = true;
  stack.add(
    (next, context) => async (args) => {
      const hit = armed && /TransactWrite/.test(String(context.commandName));
      if (hit) armed = false;
      if (hit && !after) throw new Error('crashed before the write');
      const out = await next(args);
      if (hit) throw new Error('crashed after the write');
      return out;
    },
    { step: 'initialize', name: 'points-crash' },
  );
  try {
    await run();
    return null;
  } catch (err) {
    return err;
  } finally {
    stack.remove('points-crash');
  }
}

describe('points rules (AP149)', () => {
  it('AP149 getPointsRules: the super admin reads and replaces the rules; an unknown field or a WeChat reward above a verified view is refused; an operator may not', async () => {
    const admin = await platformAccount('super_admin');
    const token = await admin.token();
    const read = await invoke<PointsRules>(getRulesRoute, { token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(RULES);
    const tooRich = await invoke<{ error: { fields: Record<string, string> } }>(setRulesRoute, {
      method: 'PUT',
      token,
      body: { ...RULES, wechatAd: { ...RULES.wechatAd, points: 31 } },
    });
    expect(tooRich.status).toBe(400);
    expect(Object.keys(tooRich.body.error.fields)).toEqual(['body.wechatAd.points']);
    const extra = await invoke(setRulesRoute, { method: 'PUT', token, body: { ...RULES, pointValue: 100 } });
    expect(extra.status).toBe(400);
    const changed = await invoke<PointsRules>(setRulesRoute, { method: 'PUT', token, body: { ...RULES, expiryMonths: 24 } });
    expect(changed.status).toBe(200);
    expect((await invoke<PointsRules>(getRulesRoute, { token })).body.expiryMonths).toBe(24);
    const operator = await platformAccount('operator');
    expect((await invoke(setRulesRoute, { method: 'PUT', token: await operator.token(), body: RULES })).status).toBe(403);
    await setRules(RULES, 'test');
  });
});

describe('check-in (AP150)', () => {
  it('AP150 getCheckIn: 20 concurrent check-ins of one day credit once and answer the same day', async () => {
    const s = await shopper();
    const answers = await Promise.all(Array.from({ length: 20 }, () => invoke<CheckInResult>(checkInRoute, { method: 'POST', token: s.token })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.body.credited > 0)).toHaveLength(1);
    expect(answers.every((a) => a.body.state.checkedInToday && a.body.state.streak === 1)).toBe(true);
    expect((await readAccount(s.id)).available).toBe(RULES.checkIn.points);
    const history = await invoke<PointsPostingPage>(historyRoute, { token: s.token });
    expect(history.body.items.map((p) => [p.kind, p.source, p.points])).toEqual([['earn', 'check_in', RULES.checkIn.points]]);
  });

  it('the streak grows on consecutive Asia/Shanghai days, with its bonus, and starts over after a missed day', async () => {
    const s = await shopper();
    // 2026-05-01 23:30 in Shanghai is 15:30 UTC; 00:10 the next Shanghai day is 16:10 UTC the same UTC day
    const r1 = await checkIn(s.id, new Date('2026-05-01T15:30:00Z'));
    const r2 = await checkIn(s.id, new Date('2026-05-01T16:10:00Z'));
    const again = await checkIn(s.id, new Date('2026-05-02T10:00:00Z'));
    const r3 = await checkIn(s.id, new Date('2026-05-03T01:00:00Z'));
    const afterGap = await checkIn(s.id, new Date('2026-05-05T01:00:00Z'));
    expect([r1, r2, again, r3, afterGap].map((r) => [r.state.day, r.state.streak, r.credited])).toEqual([
      ['2026-05-01', 1, 10],
      ['2026-05-02', 2, 12],
      ['2026-05-02', 2, 0],
      ['2026-05-03', 3, 14],
      ['2026-05-05', 1, 10],
    ]);
    expect((await readAccount(s.id)).available).toBe(46);
  });
});

describe('rewarded views (AP151, AP152)', () => {
  it('AP152 getRewardedView: of 50 concurrent completions of one token through the API one credits, 49 are refused as view_already_completed', async () => {
    const s = await shopper();
    const dev = device();
    const started = await invoke<StartedView>(startRoute, { method: 'POST', token: s.token, body: { kind: 'house', creativeId: FAST.id, deviceId: dev } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ durationSeconds: 1, points: RULES.rewardedView.points });
    expect(Date.parse(started.body.completableAt) - Date.parse(started.body.startedAt)).toBe(1000);
    expect(started.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // only the hash is stored
    expect((await readView(tokenHash(started.body.token)))!.tokenHash).not.toBe(started.body.token);
    await new Promise((r) => setTimeout(r, 1100));

    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        invoke<CompletedView & { error?: { code: string } }>(completeRoute, {
          method: 'POST',
          token: s.token,
          params: { token: started.body.token },
          body: { deviceId: dev },
        }),
      ),
    );
    const credited = answers.filter((a) => a.status === 200);
    expect(credited).toHaveLength(1);
    expect(credited[0]!.body).toMatchObject({ outcome: 'credited', credited: 30, available: 30 });
    expect(answers.filter((a) => a.status === 409 && a.body.error?.code === 'view_already_completed')).toHaveLength(49);
    expect((await readAccount(s.id)).available).toBe(30);
    const history = await invoke<PointsPostingPage>(historyRoute, { token: s.token });
    expect(history.body.items.map((p) => [p.kind, p.source, p.points])).toEqual([['earn', 'rewarded_view', 30]]);
  });

  it('refuses an early completion through the API with view_not_finished, then holds the flagged view instead of crediting it', async () => {
    const s = await shopper();
    const dev = device();
    const started = await invoke<StartedView>(startRoute, { method: 'POST', token: s.token, body: { kind: 'house', creativeId: HOUSE.id, deviceId: dev } });
    expect(started.status).toBe(201);
    const early = await invoke<{ error: { code: string; details: { secondsLeft: number } } }>(completeRoute, {
      method: 'POST',
      token: s.token,
      params: { token: started.body.token },
      body: { deviceId: dev },
    });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('view_not_finished');
    expect(early.body.error.details.secondsLeft).toBeGreaterThan(10);
    const later = new Date(Date.parse(started.body.startedAt) + 16_000);
    const held = await completeView(s.id, started.body.token, { deviceId: dev }, later);
    expect(held).toMatchObject({ outcome: 'held', credited: 0 });
    expect((await readAccount(s.id)).available).toBe(0);
    const view = await readView(tokenHash(started.body.token));
    expect(view).toMatchObject({ status: 'held', flags: ['early_completion'], earlyAttempts: 1 });
    // a person approves: the points arrive once
    await decideHeldView(view!.tokenHash, true);
    await expect(decideHeldView(view!.tokenHash, true)).rejects.toMatchObject({ status: 409 });
    expect((await readAccount(s.id)).available).toBe(30);
  });

  it("another shopper's token is 404, another device's completion is 404 and flags it, a token past its grace is view_expired", async () => {
    const a = await shopper();
    const b = await shopper();
    const dev = device();
    const t0 = new Date('2026-06-02T02:00:00Z');
    const view = await startView(a.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0);
    const done = new Date(t0.getTime() + 20_000);
    await expect(completeView(b.id, view.token, { deviceId: dev }, done)).rejects.toMatchObject({ status: 404 });
    await expect(completeView(a.id, view.token, { deviceId: device() }, done)).rejects.toMatchObject({ status: 404 });
    expect((await readView(tokenHash(view.token)))!.flags).toEqual(['device_mismatch']);
    const stale = await startView(a.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0);
    await expect(completeView(a.id, stale.token, { deviceId: dev }, new Date(t0.getTime() + 2 * 3_600_000))).rejects.toMatchObject({ code: 'view_expired' });
    const unknown = await invoke(completeRoute, { method: 'POST', token: a.token, params: { token: 'B'.repeat(32) }, body: { deviceId: dev } });
    expect(unknown.status).toBe(404);
  });

  it('AP151 getPointsDay: the day caps views per shopper, WeChat ads apart and smaller, and refuses a start past the cap', async () => {
    const s = await shopper();
    const dev = device();
    const t0 = new Date('2026-06-03T02:00:00Z');
    for (let i = 0; i < RULES.rewardedView.dailyViews; i += 1) {
      const v = await startView(s.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0);
      expect(await completeView(s.id, v.token, { deviceId: dev }, new Date(t0.getTime() + 15_000))).toMatchObject({ outcome: 'credited' });
    }
    await expect(startView(s.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0)).rejects.toMatchObject({ code: 'points_cap_reached' });
    const wx = await startView(s.id, { kind: 'wechat', creativeId: 'adunit-abc123', deviceId: dev }, t0);
    expect(wx).toMatchObject({ kind: 'wechat', points: RULES.wechatAd.points, durationSeconds: RULES.wechatAd.minSeconds, creative: null });
    expect(await completeView(s.id, wx.token, { deviceId: dev }, new Date(t0.getTime() + 15_000))).toMatchObject({ outcome: 'credited', credited: 10 });
    expect((await readAccount(s.id)).available).toBe(RULES.rewardedView.dailyViews * 30 + 10);
  });

  it('two views started under the cap and completed at once: the second finds the cap reached and is capped', async () => {
    const s = await shopper();
    await setRules({ ...RULES, rewardedView: { points: 30, dailyViews: 1 } }, 'test');
    try {
      const dev = device();
      const t0 = new Date('2026-06-04T02:00:00Z');
      const [v1, v2] = [
        await startView(s.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0),
        await startView(s.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0),
      ];
      const done = new Date(t0.getTime() + 15_000);
      const out = await Promise.all([completeView(s.id, v1.token, { deviceId: dev }, done), completeView(s.id, v2.token, { deviceId: dev }, done)]);
      expect(out.map((o) => o.outcome).sort()).toEqual(['capped', 'credited']);
      expect((await readAccount(s.id)).available).toBe(30);
    } finally {
      await setRules(RULES, 'test');
    }
  });

  it('many accounts on one device: the views past the rule are held, not credited', async () => {
    const dev = device();
    const t0 = new Date('2026-06-05T02:00:00Z');
    const outcomes: string[] = [];
    for (let i = 0; i < RULES.caps.maxAccountsPerDevice + 1; i += 1) {
      const s = await shopper();
      const v = await startView(s.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0);
      outcomes.push((await completeView(s.id, v.token, { deviceId: dev }, new Date(t0.getTime() + 15_000))).outcome);
    }
    expect(outcomes).toEqual([...Array(RULES.caps.maxAccountsPerDevice).fill('credited'), 'held']);
  });
});

describe('exactly once across a crash', () => {
  it.each([
    ['before', false, 10],
    ['after', true, 10],
  ])('a check-in whose process died %s its write credits the day once when retried', async (_when, after, expected) => {
    const s = await shopper();
    const now = new Date('2026-07-01T02:00:00Z');
    expect(String(await crashingOnce(after, () => checkIn(s.id, now)))).toMatch(/crashed/);
    expect((await readAccount(s.id)).available).toBe(after ? 10 : 0);
    const retried = await checkIn(s.id, now);
    expect(retried.state).toMatchObject({ checkedInToday: true, streak: 1 });
    expect(retried.credited).toBe(after ? 0 : 10);
    expect((await readAccount(s.id)).available).toBe(expected);
  });

  it.each([
    ['before', false],
    ['after', true],
  ])('a view completion whose process died %s its write credits once when retried', async (_when, after) => {
    const s = await shopper();
    const dev = device();
    const t0 = new Date('2026-07-02T02:00:00Z');
    const view = await startView(s.id, { kind: 'house', creativeId: HOUSE.id, deviceId: dev }, t0);
    const done = new Date(t0.getTime() + 15_000);
    expect(String(await crashingOnce(after, () => completeView(s.id, view.token, { deviceId: dev }, done)))).toMatch(/crashed/);
    if (after) await expect(completeView(s.id, view.token, { deviceId: dev }, done)).rejects.toMatchObject({ code: 'view_already_completed' });
    else expect(await completeView(s.id, view.token, { deviceId: dev }, done)).toMatchObject({ outcome: 'credited', credited: 30 });
    expect((await readAccount(s.id)).available).toBe(30);
    expect((await readView(tokenHash(view.token)))!.status).toBe('credited');
  });
});

describe('points centre', () => {
  it('answers the balance, today, the house video and what expires within 30 days', async () => {
    const s = await shopper();
    await earn(s.id, { amount: 12, source: 'adjustment', reference: 'soon', expiryMonths: 1 }, new Date(Date.now() - 10 * 86_400_000));
    await earn(s.id, { amount: 5, source: 'adjustment', reference: 'later', expiryMonths: 12 });
    const sum = await invoke<PointsSummary>(summaryRoute, { token: s.token });
    expect(sum.status).toBe(200);
    expect(sum.body).toMatchObject({
      available: 17,
      frozen: 0,
      expiringSoon: { points: 12 },
      houseCreative: HOUSE,
      checkIn: { checkedInToday: false, streak: 0, points: 10 },
    });
    const soon = await invoke<ExpiringPoints>(expiringRoute, { token: s.token });
    expect(soon.body.batches.map((b) => b.points)).toEqual([12]);
    const page1 = await invoke<PointsPostingPage>(historyRoute, { token: s.token, query: { limit: '1' } });
    expect(page1.body.items.map((p) => p.points)).toEqual([5]);
    const page2 = await invoke<PointsPostingPage>(historyRoute, { token: s.token, query: { limit: '1', cursor: page1.body.nextCursor! } });
    expect(page2.body.items.map((p) => p.points)).toEqual([12]);
  });
});
