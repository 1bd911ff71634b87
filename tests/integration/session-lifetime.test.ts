import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { withSimulators, lastCode, uniquePhone } from '../support/integration-env';
import { invoke } from '../support/lambda';
import type { Simulators } from '../../infra/local/sims';
import { handler as sendSms } from '../../functions/identity/send-sms-code';
import { handler as loginSms } from '../../functions/identity/login-sms';
import { handler as refresh } from '../../functions/identity/refresh-token';
import { handler as getMe } from '../../functions/me/get-me';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { REFRESH_REUSE_GRACE_MS } from '../../functions/identity/sessions';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  profile: { id: string };
}
interface Refusal {
  error: { code: string; message: string };
}

const DAY_MS = 24 * 3600 * 1000;

let sims: Simulators;
beforeAll(async () => {
  sims = await withSimulators();
});
afterAll(() => sims.close());
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.SESSION_MAX_AGE_DAYS;
});

/** Moves the service's clock (every expiry decision reads Date.now) to `ms` after the real start. */
function clockAt(start: number, ms: number): void {
  jest.spyOn(Date, 'now').mockReturnValue(start + ms);
}

async function signIn(): Promise<Tokens> {
  const phone = uniquePhone();
  expect((await invoke(sendSms, { body: { phone, purpose: 'login' } })).status).toBe(200);
  const res = await invoke<Tokens>(loginSms, { body: { phone, code: lastCode(sims, phone) } });
  expect(res.status).toBe(200);
  return res.body;
}

const rotate = (refreshToken: string) => invoke<Tokens & Refusal>(refresh, { body: { refreshToken } });
const sessionOf = async (t: Tokens) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(t.refreshToken.split('.')[0]!), ConsistentRead: true }))).Item;

describe('sessions that end', () => {
  it('ends an idle session: a refresh token unused for 30 days is refused', async () => {
    process.env.SESSION_MAX_AGE_DAYS = '90';
    const t = await signIn();
    const start = Date.now();
    clockAt(start, 30 * DAY_MS + 1000);
    const res = await rotate(t.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_invalid');
  });

  it('ends a session at its absolute lifetime (30 days by default) however often it rotates', async () => {
    let t = await signIn();
    const start = Date.now();
    for (const day of [10, 20, 29]) {
      clockAt(start, day * DAY_MS);
      const res = await rotate(t.refreshToken);
      expect(res.status).toBe(200);
      t = res.body;
    }
    // The access token issued on day 29 is still within its 15 minutes, but the session itself is over.
    clockAt(start, 30 * DAY_MS + 1000);
    const me = await invoke<Refusal>(getMe, { method: 'GET', token: t.accessToken });
    expect(me.status).toBe(401);
    const res = await rotate(t.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_invalid');
    expect(res.body.error.message).toMatch(/maximum lifetime/);
    // Nothing moved the end: the stored session still ends 30 days after sign-in.
    const stored = await sessionOf(t);
    expect(stored?.endsAt).toBe(Math.floor(Date.parse(String(stored?.createdAt)) / 1000) + 30 * 24 * 3600);
  });

  it('takes the absolute lifetime from SESSION_MAX_AGE_DAYS', async () => {
    process.env.SESSION_MAX_AGE_DAYS = '7';
    let t = await signIn();
    const start = Date.now();
    clockAt(start, 6 * DAY_MS);
    const ok = await rotate(t.refreshToken);
    expect(ok.status).toBe(200);
    t = ok.body;
    clockAt(start, 7 * DAY_MS + 1000);
    expect((await rotate(t.refreshToken)).status).toBe(401);
  });

  it('revokes the whole session when a refresh token two or more rotations old is presented', async () => {
    const t0 = await signIn();
    const r1 = await rotate(t0.refreshToken);
    const r2 = await rotate(r1.body.refreshToken);
    const r3 = await rotate(r2.body.refreshToken);
    expect([r1.status, r2.status, r3.status]).toEqual([200, 200, 200]);
    const replay = await rotate(t0.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('token_invalid');
    expect((await sessionOf(t0))?.revoked).toBe(true);
    // The holder of the newest pair is signed out too: the thief's copy and the owner's are both dead.
    expect((await rotate(r3.body.refreshToken)).status).toBe(401);
    expect((await invoke(getMe, { method: 'GET', token: r3.body.accessToken })).status).toBe(401);
  });

  it('revokes the session on reuse of the previous token as well', async () => {
    const t0 = await signIn();
    const r1 = await rotate(t0.refreshToken);
    expect(r1.status).toBe(200);
    // Past the few seconds in which a second refresh is taken for the same client racing itself.
    clockAt(Date.now(), REFRESH_REUSE_GRACE_MS + 1000);
    expect((await rotate(t0.refreshToken)).status).toBe(401);
    expect((await sessionOf(t0))?.revoked).toBe(true);
    expect((await rotate(r1.body.refreshToken)).status).toBe(401);
  });

  it('refuses a made-up secret for a live session without ending it', async () => {
    const t0 = await signIn();
    const [sid] = t0.refreshToken.split('.');
    expect((await rotate(`${sid}.not-a-secret-the-server-ever-issued`)).status).toBe(401);
    expect((await sessionOf(t0))?.revoked).toBe(false);
    expect((await rotate(t0.refreshToken)).status).toBe(200);
  });

  it('gives exactly one new pair when the same token is refreshed five times at once', async () => {
    const t0 = await signIn();
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => rotate(t0.refreshToken)));
    const winners = answers.filter((a) => a.status === 200);
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(4);
    const winner = winners[0]!.body;
    expect((await invoke(getMe, { method: 'GET', token: winner.accessToken })).status).toBe(200);
    expect((await sessionOf(t0))?.revoked).toBe(false);
    const next = await rotate(winner.refreshToken);
    expect(next.status).toBe(200);
  });
});
