/**
 * What shoppers and carriers do, through the API and the simulators, for tests whose subject is a later
 * page: pay a checkout on the WeChat Pay H5 cashier (start-payment, then the cashier's "pay" button; the
 * simulator's signed notification settles it through our webhook) and have Kuaidi100 push a parcel's
 * events (the subscription is made by our stream consumer when the parcel ships).
 */
import type { CheckoutResult } from '@wxshop/shared';
import { call, SIMS } from './api-client';
import { H5 } from './browser';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** start-payment (H5), as the pay page asks it: answers the cashier URL. */
export async function startH5Payment(token: string, checkoutId: string): Promise<URL> {
  const started = await call<{ h5Url: string }>('POST', `/me/checkouts/${checkoutId}/pay`, {
    token,
    body: { channel: 'wechat_h5', returnUrl: `${H5}/checkout/pages/result/index?id=${checkoutId}` },
  });
  if (started.status !== 200) throw new Error(`start-payment: ${started.status} ${JSON.stringify(started.body)}`);
  return new URL(started.body.h5Url);
}

/** Presses "pay" on the simulator's cashier page and waits until the notification has settled the checkout. */
export async function payAtCashier(token: string, checkoutId: string, timeoutMs = 30_000): Promise<CheckoutResult> {
  const cashier = await startH5Payment(token, checkoutId);
  const pressed = await fetch(`${SIMS}/_sim/wechatpay/cashier/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prepay_id: cashier.searchParams.get('prepay_id')!, redirect_url: '' }).toString(),
  });
  const said = await pressed.text();
  if (!said.includes('支付成功')) throw new Error(`the cashier did not take the payment: ${said.slice(0, 300)}`);
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const now = await call<CheckoutResult>('GET', `/me/checkouts/${checkoutId}`, { token });
    if (now.body.checkout?.status === 'paid') return now.body;
    if (Date.now() > deadline) throw new Error(`checkout ${checkoutId} is ${now.body.checkout?.status} ${timeoutMs / 1000} s after paying`);
    await wait(300);
  }
}

/** The simulator's combine order as WeChat Pay's query answers it (sub_orders[].trade_state, amount, ...). */
export async function combineAtWechatPay(combineOutTradeNo: string): Promise<{ sub_orders: { out_trade_no: string; trade_state: string }[] }> {
  const r = await fetch(`${SIMS}/_sim/wechatpay/combine/${encodeURIComponent(combineOutTradeNo)}`);
  if (r.status !== 200) throw new Error(`the simulator has no combine order ${combineOutTradeNo} (${r.status})`);
  return (await r.json()) as { sub_orders: { out_trade_no: string; trade_state: string }[] };
}

export interface ScriptedEvent {
  /** Kuaidi100's state code: 1 collected, 0 in transit, 5 out for delivery, 3 signed. */
  state: string;
  context: string;
  areaName?: string;
}

/**
 * Kuaidi100 pushes these events for a waybill, one push each, once our consumer has subscribed it
 * (waits up to 30 s for the subscription).
 */
export async function pushTracking(company: string, number: string, events: ScriptedEvent[]): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`${SIMS}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (const deadline = Date.now() + 30_000; ; ) {
    const r = await post('/_sim/kuaidi100/script', { company, number, events });
    if (r.status === 200) break;
    if (Date.now() > deadline) throw new Error(`waybill ${number} was not subscribed at Kuaidi100 in 30 s (${r.status})`);
    await wait(500);
  }
  // one push per event, each after the previous one was delivered, as a carrier's scans come in
  for (let i = 0; i < events.length; i += 1) {
    const r = await post('/_sim/kuaidi100/push', { company, number, count: 1 });
    if (r.status !== 200) throw new Error(`push ${i + 1} for ${number}: ${r.status}`);
    await wait(400);
  }
}
