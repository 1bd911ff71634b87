import { randomBytes } from 'node:crypto';
import { randomSourceIp, send, type Reply, type RequestSpec } from './http';
import type { Session } from './sign-in';
import type { World } from './world';

/** A shopper of the checkout load: a session and an address to ship to. */
export interface Buyer {
  session: Session;
  addressId: string;
}

export interface CheckoutAcknowledged {
  /** Every submit sent: who, with which Idempotency-Key (acknowledged or not). */
  sent: { userId: string; key: string }[];
  /** Submits answered 201: the checkout the client was told it has; `retried` when an attempt before it got no answer. */
  acknowledged: { userId: string; key: string; checkoutId: string; retried: boolean }[];
  /** Checkouts whose payment was started (start-payment answered the cashier URL). */
  started: { checkoutId: string; userId: string; prepayId: string }[];
  /** Checkouts the shopper paid at the WeChat Pay cashier. */
  paid: string[];
  /** Requests that got no answer (the process died under them) or a 5xx, and were retried. */
  interrupted: number;
  refused: Record<string, number>;
}

const newKey = (): string => randomBytes(12).toString('base64url');

/** Presses "pay" on the WeChat Pay simulator's cashier (the simulator is up while our API is down). */
export async function payAtCashier(simsUrl: string, prepayId: string): Promise<boolean> {
  const r = await fetch(`${simsUrl}/_sim/wechatpay/cashier/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prepay_id: prepayId, redirect_url: '' }).toString(),
  });
  return (await r.text()).includes('支付成功');
}

/**
 * Checkout traffic as the mini-program sends it while the API is killed and restarted: preview, submit
 * with an Idempotency-Key retried (same key, same body) until a definite answer, then for every other
 * checkout start-payment (H5) retried the same way and "pay" on the simulator's cashier, whose signed
 * notification the simulator delivers (and retries) to the API under test. Runs until `stop()` resolves.
 */
export async function runCheckoutLoad(
  w: World,
  buyers: Buyer[],
  line: { productId: string; skuId: string },
  stop: Promise<void>,
  workers = 2,
): Promise<CheckoutAcknowledged> {
  const ack: CheckoutAcknowledged = { sent: [], acknowledged: [], started: [], paid: [], interrupted: 0, refused: {} };
  let done = false;
  let doneAt = 0;
  void stop.then(() => {
    done = true;
    doneAt = Date.now();
  });

  /** Sends until a definite answer (retrying the same request: same key, same body); undefined when stopped first. */
  async function definite(as: Session, spec: RequestSpec): Promise<{ reply: Reply; retried: boolean } | undefined> {
    let retried = false;
    for (;;) {
      let reply: Reply | undefined;
      try {
        await w.keepFresh(as);
        reply = await send(w.api.url, { ...spec, token: as.accessToken }, { sourceIp: randomSourceIp(), timeoutMs: 15_000 });
      } catch {
        reply = undefined;
      }
      if (reply && reply.status < 500) {
        const what = `${spec.method} ${spec.path.replace(/[0-9A-HJKMNP-TV-Z]{26}/g, ':id')} ${reply.status}`;
        if (reply.status >= 400) ack.refused[what] = (ack.refused[what] ?? 0) + 1;
        return { reply, retried };
      }
      ack.interrupted += 1;
      retried = true;
      // a write whose outcome the client does not know is retried after the load stops too (for a minute): it must learn it
      if (done && (spec.method !== 'POST' || Date.now() - doneAt > 60_000)) return undefined;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  let n = 0;
  const one = async (): Promise<void> => {
    const buyer = buyers[(n += 1) % buyers.length]!;
    const lines = [{ ...line, quantity: 1 }];
    const priced = await definite(buyer.session, { method: 'POST', path: '/checkout/preview', body: { addressId: buyer.addressId, lines } });
    if (priced?.reply.status !== 200) return;
    const key = newKey();
    ack.sent.push({ userId: buyer.session.userId, key });
    const body = { addressId: buyer.addressId, lines, fingerprint: (priced.reply.json as { fingerprint: string }).fingerprint };
    const placed = await definite(buyer.session, { method: 'POST', path: '/checkout', body, headers: { 'Idempotency-Key': key } });
    if (placed?.reply.status !== 201) return;
    const checkoutId = (placed.reply.json as { checkout: { id: string } }).checkout.id;
    ack.acknowledged.push({ userId: buyer.session.userId, key, checkoutId, retried: placed.retried });
    if (ack.acknowledged.length % 2 === 0) return; // every other checkout stays unpaid
    const started = await definite(buyer.session, {
      method: 'POST',
      path: `/me/checkouts/${checkoutId}/pay`,
      body: { channel: 'wechat_h5', returnUrl: `${w.api.env.H5_ORIGIN}/checkout/pages/result/index?id=${checkoutId}` },
    });
    if (started?.reply.status !== 200) return;
    const prepayId = new URL((started.reply.json as { h5Url: string }).h5Url).searchParams.get('prepay_id')!;
    ack.started.push({ checkoutId, userId: buyer.session.userId, prepayId });
    if (await payAtCashier(w.api.stack.urls.sims, prepayId)) ack.paid.push(checkoutId);
  };

  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!done) {
        try {
          await one();
        } catch {
          ack.interrupted += 1;
        }
      }
    }),
  );
  return ack;
}
