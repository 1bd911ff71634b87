import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { randomPhone, randomSourceIp, send, type Reply, type RequestSpec } from './http';
import type { Session } from './sign-in';
import type { ProductRef, World } from './world';

/** What the clients were told succeeded: these writes must be in the table afterwards. */
export interface Acknowledged {
  signups: string[];
  profileUpdates: number;
  staffGrants: string[];
  postings: { skuId: string; postingId: string }[];
  products: string[];
  /** Every nickname sent to each account (acknowledged or not): the profile must hold one of them. */
  nicknamesSent: Map<string, Set<string>>;
  /** Accounts whose profile update was acknowledged at least once. */
  profilesUpdated: Set<string>;
  /** Every stock request sent (acknowledged or not): who sent it, with which Idempotency-Key, for which SKU. */
  stockRequests: { caller: string; key: string; skuId: string }[];
  /** Every SKU code of a product create sent (acknowledged or not). */
  productCodes: string[];
  /** Idempotent requests answered 409 idempotency_in_progress before a definite answer: they waited for a takeover. */
  waitedForTakeover: number;
  /** Requests that got no answer (the process died under them) or a 5xx. */
  interrupted: number;
  refused: Record<string, number>;
}

const newKey = (): string => randomBytes(12).toString('base64url');
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/**
 * Write-heavy traffic as clients really send it: signups by SMS, profile updates, platform staff
 * grants and stock changes with an Idempotency-Key that is retried (same key, same body) until the
 * API gives a definite answer, and new products submitted for review. Runs until `stop()` resolves.
 */
export async function runWriteLoad(w: World, products: ProductRef[], stop: Promise<void>, workers = 6): Promise<Acknowledged> {
  const ack: Acknowledged = {
    signups: [],
    profileUpdates: 0,
    staffGrants: [],
    postings: [],
    products: [],
    nicknamesSent: new Map(),
    profilesUpdated: new Set(),
    stockRequests: [],
    productCodes: [],
    waitedForTakeover: 0,
    interrupted: 0,
    refused: {},
  };
  let done = false;
  void stop.then(() => (done = true));
  const sessions: Session[] = [w.session('shopper')!, w.otherShopper];

  /** Sends until a definite answer: a retry of an idempotent write uses the same key and body. */
  async function definite(as: Session | undefined, spec: RequestSpec, idempotent: boolean, onKey?: (key: string) => void): Promise<Reply | undefined> {
    const key = newKey();
    onKey?.(key);
    const headers = idempotent ? { ...spec.headers, 'Idempotency-Key': key } : spec.headers;
    let waited = false;
    for (;;) {
      let reply: Reply | undefined;
      try {
        if (as) await w.keepFresh(as);
        reply = await send(w.api.url, { ...spec, headers, token: as?.accessToken }, { sourceIp: randomSourceIp(), timeoutMs: 15_000 });
      } catch {
        reply = undefined;
      }
      const retry = reply === undefined || reply.status >= 500 || (reply.status === 409 && /idempotency_in_progress/.test(reply.text));
      if (reply?.status === 409) waited = true;
      if (reply && !retry) {
        if (waited) ack.waitedForTakeover += 1;
        const what = `${spec.method} ${spec.path.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, ':id')} ${reply.status}`;
        if (reply.status >= 400) ack.refused[what] = (ack.refused[what] ?? 0) + 1;
        return reply;
      }
      ack.interrupted += 1;
      if (done || !idempotent) return undefined;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const actions: (() => Promise<void>)[] = [
    async () => {
      const phone = randomPhone();
      const sent = await definite(undefined, { method: 'POST', path: '/auth/sms/send', body: { phone, purpose: 'login' } }, false);
      if (sent?.status !== 200) return;
      const code = await w.signIn.latestSmsCode(phone);
      const login = await definite(undefined, { method: 'POST', path: '/auth/sms/login', body: { phone, code } }, false);
      if (login?.status !== 200) return;
      const body = login.json as { accessToken: string; refreshToken: string; profile: { id: string } };
      ack.signups.push(body.profile.id);
      sessions.push({ userId: body.profile.id, accessToken: body.accessToken, refreshToken: body.refreshToken, roles: {}, phone, issuedAt: Date.now() });
    },
    async () => {
      const who = pick(sessions);
      const nickname = `故障${ulid().slice(-6)}`;
      ack.nicknamesSent.set(who.userId, (ack.nicknamesSent.get(who.userId) ?? new Set()).add(nickname));
      const reply = await definite(who, { method: 'POST', path: '/me', body: { nickname } }, false);
      if (reply?.status === 200) {
        ack.profileUpdates += 1;
        ack.profilesUpdated.add(who.userId);
      }
    },
    async () => {
      const reply = await definite(
        w.session('super_admin'),
        { method: 'POST', path: '/admin/staff', body: { role: pick(['operator', 'customer_service', 'finance'] as const), phone: randomPhone() } },
        true,
      );
      if (reply?.status === 201) ack.staffGrants.push((reply.json as { userId: string }).userId);
    },
    async () => {
      const p = pick(products);
      const delta = pick([5, 3, 1, -1, -2, -3]);
      const path = `/merchants/${p.merchantId}/products/${p.productId}/skus/${p.skuId}/stock`;
      const owner = w.session('ownerA')!;
      const reply = await definite(owner, { method: 'POST', path, body: { delta, note: 'fault load' } }, true, (key) =>
        ack.stockRequests.push({ caller: owner.userId, key, skuId: p.skuId }),
      );
      if (reply?.status === 201) ack.postings.push({ skuId: p.skuId, postingId: (reply.json as { id: string }).id });
    },
    async () => {
      const base = products[0]!;
      const code = `FLT-${ulid()}`;
      ack.productCodes.push(code);
      const body = { ...base.body, skus: [{ specIndexes: [], code, price: 1290, initialStock: 7 }] };
      const made = await definite(w.session('ownerA'), { method: 'POST', path: `/merchants/${base.merchantId}/products`, body }, true);
      if (made?.status !== 201) return;
      const id = (made.json as { id: string }).id;
      ack.products.push(id);
      await definite(w.session('ownerA'), { method: 'POST', path: `/merchants/${base.merchantId}/products/${id}/submit` }, true);
    },
  ];

  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let n = 0; !done; n += 1) {
        try {
          await actions[(worker + n) % actions.length]!();
        } catch {
          ack.interrupted += 1; // e.g. the code of an SMS whose request died with the process
        }
      }
    }),
  );
  return ack;
}
