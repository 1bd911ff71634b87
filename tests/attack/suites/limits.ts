import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ALL_ROUTES } from '@wxshop/shared/api/all';
import type { RouteDef } from '@wxshop/shared/api/route';
import { keys } from '../../../functions/lib/keys';
import { db, tableName } from '../../../functions/lib/table';
import { errorCode, randomEmail, randomPhone, randomSourceIp, send, type Reply, type RequestSpec } from '../support/http';
import { RATE_PROBES, type ProbeCaller } from '../support/rate-probes';
import type { Session } from '../support/sign-in';
import type { World } from '../support/world';

/** A fresh account of the kind a probe needs, and the merchant it owns (owners only). */
async function prober(w: World, as: ProbeCaller): Promise<{ session?: Session; merchantId: string }> {
  if (as === 'anonymous') return { merchantId: '' };
  if (as === 'shopper') return { session: await w.freshUser(), merchantId: '' };
  const session = await w.principal(as === 'owner' ? 'ownerA' : 'super_admin', 'sms');
  if (as === 'admin') return { session, merchantId: '' };
  const mine = await w.ok<{ items: { id: string; role: string }[] }>(session, { method: 'GET', path: '/me/merchants' }, 'my merchants');
  return { session, merchantId: mine.items.find((m) => m.role === 'owner')!.id };
}

/** Sends `count` requests, ten at a time, all from `sourceIp`. */
async function burst(w: World, count: number, sourceIp: string, build: (i: number) => RequestSpec, session?: Session): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, k) =>
      send(w.api.url, { ...build(start + k), token: session?.accessToken }, { sourceIp }),
    );
    replies.push(...(await Promise.all(batch)));
  }
  return replies;
}

/** Real requests sent at the edge of each limit; the window is pre-filled up to there. */
const EDGE = 10;

/**
 * Counts `hits` in a route's current window for a client, through the key the limiter itself uses
 * (functions/lib/keys.ts), so the last EDGE allowed requests and the first refused one are real
 * without sending hundreds before them. Waits for a fresh window when this one is about to end.
 */
async function prefill(route: RouteDef, rule: { key: 'ip' | 'user'; per: number }, subject: string, hits: number): Promise<void> {
  let nowS = Math.floor(Date.now() / 1000);
  if (rule.per - (nowS % rule.per) < 20) {
    await new Promise((r) => setTimeout(r, (rule.per - (nowS % rule.per) + 1) * 1000));
    nowS = Math.floor(Date.now() / 1000);
  }
  if (hits <= 0) return;
  const windowStart = nowS - (nowS % rule.per);
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.rateWindow(`${route.id}:${rule.key}`, subject, windowStart),
      UpdateExpression: 'ADD hits :n SET expiresAt = :exp, entity = :entity',
      ExpressionAttributeValues: { ':n': hits, ':exp': windowStart + rule.per + 60, ':entity': 'RateWindow' },
    }),
  );
}

export function limitsSuite(w: World): void {
  describe('limits (abusable routes answer 429 past their rate; oversized uploads are refused)', () => {
    it('has a probe for every route that declares a rate limit', () => {
      const missing = ALL_ROUTES.filter((r) => (r.rateLimit ?? []).length > 0 && !RATE_PROBES[r.id]).map((r) => r.id);
      expect(missing).toEqual([]);
    });

    it('answers exactly the declared number of requests per client, then 429 with Retry-After', async () => {
      const problems: string[] = [];
      for (const route of ALL_ROUTES.filter((r) => (r.rateLimit ?? []).length > 0 && RATE_PROBES[r.id])) {
        // Prepare: a fresh client address and a fresh account; the window counts all but the last EDGE
        const probe = RATE_PROBES[route.id]!;
        const rule = route.rateLimit!.reduce((a, b) => (b.limit < a.limit ? b : a));
        const { session, merchantId } = await prober(w, probe.as);
        const ip = randomSourceIp();
        await prefill(route, rule, rule.key === 'ip' ? ip : session!.userId, rule.limit - EDGE);
        const allowed = Math.min(rule.limit, EDGE);
        // Act
        const within = await burst(w, allowed, ip, (i) => probe.request(i, merchantId), session);
        const [past] = await burst(w, 1, ip, (i) => probe.request(allowed + i, merchantId), session);
        // Assert (collected: one line per route)
        const early = within.filter((r) => r.status === 429 || r.status >= 500);
        if (early.length > 0)
          problems.push(
            `${route.id}: ${early.length} of requests ${rule.limit - allowed + 1}-${rule.limit} were ${early[0]!.status} ${early[0]!.text.slice(0, 120)}`,
          );
        if (past?.status !== 429) problems.push(`${route.id}: request ${rule.limit + 1} got ${past?.status} ${past?.text.slice(0, 120)}, not 429`);
        else if (!past.headers['retry-after']) problems.push(`${route.id}: the 429 has no Retry-After header`);
      }
      expect(problems).toEqual([]);
    }, 600_000);

    it('sends one SMS code per phone per minute', async () => {
      const phone = randomPhone();
      const first = await w.call(undefined, { method: 'POST', path: '/auth/sms/send', body: { phone, purpose: 'login' } });
      const again = await w.call(undefined, { method: 'POST', path: '/auth/sms/send', body: { phone, purpose: 'login' } });
      expect(first.status).toBe(200);
      expect(again.status).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('voids an SMS code after five wrong tries, even for the right code', async () => {
      // Prepare
      const phone = randomPhone();
      await w.ok(undefined, { method: 'POST', path: '/auth/sms/send', body: { phone, purpose: 'login' } }, 'send code');
      const code = await w.signIn.latestSmsCode(phone);
      const wrong = code === '000000' ? '111111' : '000000';
      // Act
      const tries = [];
      for (let i = 0; i < 5; i += 1) tries.push((await w.call(undefined, { method: 'POST', path: '/auth/sms/login', body: { phone, code: wrong } })).status);
      const right = await w.call(undefined, { method: 'POST', path: '/auth/sms/login', body: { phone, code } });
      // Assert
      expect(tries).toEqual([400, 400, 400, 400, 400]);
      expect(right.status).toBe(429);
      expect(errorCode(right)).toBe('sms_code_attempts_exceeded');
    });

    it('locks an email login after five wrong passwords, even for the right password', async () => {
      const email = randomEmail('lock');
      await w.ok(undefined, { method: 'POST', path: '/auth/email/register', body: { email, password: 'the-right-password' } }, 'register');
      const tries = [];
      for (let i = 0; i < 5; i += 1)
        tries.push((await w.call(undefined, { method: 'POST', path: '/auth/email/login', body: { email, password: `wrong-${i}` } })).status);
      const right = await w.call(undefined, { method: 'POST', path: '/auth/email/login', body: { email, password: 'the-right-password' } });
      expect(tries).toEqual([401, 401, 401, 401, 429]);
      expect(right.status).toBe(429);
      expect(errorCode(right)).toBe('account_locked');
    });

    it('refuses JSON bodies over 64 KiB with 413 before anything else', async () => {
      const big = { nickname: 'x'.repeat(70 * 1024) };
      const signedIn = await w.call('shopper', { method: 'POST', path: '/me', body: big });
      const anonymous = await w.call(undefined, {
        method: 'POST',
        path: '/auth/sms/send',
        body: { phone: randomPhone(), purpose: 'login', pad: 'x'.repeat(70 * 1024) },
      });
      expect([signedIn.status, anonymous.status]).toEqual([413, 413]);
    });

    it('refuses upload tickets above the size limit', async () => {
      const avatar = await w.call('shopper', { method: 'POST', path: '/me/avatar-upload', body: { contentType: 'image/png', size: 2 * 1024 * 1024 + 1 } });
      const document = await w.call('shopper', {
        method: 'POST',
        path: '/merchant-applications/uploads',
        body: { contentType: 'image/png', size: 5 * 1024 * 1024 + 1 },
      });
      expect([avatar.status, document.status]).toEqual([400, 400]);
    });

    it('refuses at the storage an upload larger than its ticket, or of another type', async () => {
      // Prepare: a ticket for 1,000 bytes of PNG
      const ticket = await w.ok<{ uploadUrl: string; headers: Record<string, string> }>(
        'shopper',
        { method: 'POST', path: '/me/avatar-upload', body: { contentType: 'image/png', size: 1000 } },
        'ticket',
      );
      // Act
      const larger = await fetch(ticket.uploadUrl, { method: 'PUT', headers: { ...ticket.headers }, body: Buffer.alloc(3 * 1024 * 1024, 1) });
      const otherType = await fetch(ticket.uploadUrl, { method: 'PUT', headers: { 'Content-Type': 'text/html' }, body: Buffer.alloc(1000, 1) });
      // Assert
      expect(larger.ok).toBe(false);
      expect(otherType.ok).toBe(false);
    });
  });
}
