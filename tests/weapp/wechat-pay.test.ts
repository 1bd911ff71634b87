/**
 * The compiled WeChat build pays: a shopper signed in with WeChat opens the pay page of a checkout
 * placed through the API, taps pay, and the app calls wx.requestPayment with the arguments the server
 * signed. They are checked here against the merchant's public key (RSA-SHA256 over
 * `appId\ntimeStamp\nnonceStr\npackage\n`, as WeChat checks them), and the fake client hands them to the
 * WeChat Pay simulator, which checks them too, pays and notifies our webhook: the checkout ends paid.
 */
import { createVerify } from 'node:crypto';
import { join } from 'node:path';
import type { CheckoutResult, ProductDetail } from '@wxshop/shared';
import { ensureLocalKeys } from '../../infra/local/keys';
import { API, call } from '../support/api-client';
import { ensureWeappBuild, WeappHost, type RecordedRequest } from '../support/weapp-host';

jest.setTimeout(90_000);

const PANDA = '01HZZZZZZZZZZZZZZZZZZZZZZB';
const ROOT = join(__dirname, '..', '..');

const answered = (host: WeappHost, method: string, path: string): RecordedRequest | undefined =>
  host.requests.find((r) => r.method === method && r.url === `${API}${path}` && (r.status !== undefined || r.error !== undefined));

beforeAll(ensureWeappBuild, 120_000);

// the pay page's countdown and the result page's polling keep running until the app closes
const hosts: WeappHost[] = [];
afterAll(() => hosts.forEach((h) => h.close()));

it('places an order, calls wx.requestPayment with arguments that verify against the merchant key, and the checkout is paid', async () => {
  // Prepare: sign in with WeChat in the compiled app (the server keeps the openid to pay as)
  const host = new WeappHost({ language: 'zh_CN', openid: `oPAY${Date.now().toString(36)}` });
  hosts.push(host);
  const me = host.launch('pages/me/index');
  await host.waitFor('the signed-out Me page', () => me.has('me-signin'));
  me.tap('me-signin');
  const login = await host.waitFor('the login page', () => host.current().route === 'pages/login/index' && host.current());
  await host.waitFor('the WeChat button', () => login.has('login-wechat'));
  login.tap('login-wechat');
  const signedIn = await host.waitFor('POST /auth/wechat', () => answered(host, 'POST', '/auth/wechat'));
  expect(signedIn.status).toBe(200);
  const token = (signedIn.response as { accessToken: string }).accessToken;
  // a checkout of one unit of a Panda Outdoor product, placed through the API
  const list = await call<{ items: { id: string }[] }>('GET', `/products?merchantId=${PANDA}&inStock=true&limit=20`);
  let line: { productId: string; skuId: string; quantity: number } | undefined;
  for (const card of list.body.items) {
    const detail = (await call<ProductDetail>('GET', `/products/${card.id}`)).body;
    const sku = detail.purchasable ? detail.skus.find((s) => !s.soldOut && s.stock >= 1) : undefined;
    if (sku) {
      line = { productId: detail.id, skuId: sku.id, quantity: 1 };
      break;
    }
  }
  expect(line).toBeDefined();
  const address = await call<{ id: string }>('POST', '/me/addresses', {
    token,
    body: { recipient: '微信买家', phone: '13900139002', country: 'CN', regionCode: '330106', detail: '文三路 3 号' },
  });
  expect(address.status).toBe(201);
  const preview = await call<{ fingerprint: string }>('POST', '/checkout/preview', { token, body: { addressId: address.body.id, lines: [line] } });
  expect(preview.status).toBe(200);
  const placed = await call<CheckoutResult>('POST', '/checkout', {
    token,
    headers: { 'Idempotency-Key': `weapp-pay-${Date.now()}` },
    body: { addressId: address.body.id, lines: [line], fingerprint: preview.body.fingerprint },
  });
  expect(placed.status).toBe(201);

  // Act: the pay page of the checkout, then pay
  const pay = host.open(`checkout/pages/pay/index?id=${placed.body.checkout.id}`);
  await host.waitFor('the pay button', () => pay.has('pay-submit'));
  pay.tap('pay-submit');
  const args = await host.waitFor('wx.requestPayment', () => host.payments[0]);
  const paid = await host.waitFor(
    'the checkout paid (the simulator notified our webhook)',
    () => host.routes().some((r) => r === 'checkout/pages/result/index') && host,
    30_000,
  );

  // Assert: the arguments verify against the merchant's key as WeChat checks them
  const keys = await ensureLocalKeys(join(ROOT, '.local', 'keys'));
  const signed = `${keys.wechat.appid}\n${args.timeStamp}\n${args.nonceStr}\n${args.package}\n`;
  expect(args).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=\S+$/) });
  expect(createVerify('RSA-SHA256').update(signed).verify(keys.wechatpay.merchant.publicKey, args.paySign, 'base64')).toBe(true);
  expect(createVerify('RSA-SHA256').update(`${signed}x`).verify(keys.wechatpay.merchant.publicKey, args.paySign, 'base64')).toBe(false);
  expect(paid.errors).toEqual([]);
  for (const deadline = Date.now() + 20_000; ; ) {
    const now = await call<CheckoutResult>('GET', `/me/checkouts/${placed.body.checkout.id}`, { token });
    if (now.body.checkout.status === 'paid') break;
    if (Date.now() > deadline) throw new Error(`the checkout is ${now.body.checkout.status} 20 s after wx.requestPayment`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The result page of the paid checkout offers WeChat updates: the tap asks wx.requestSubscribeMessage
  // for the order topics' templates (serverless.yml's defaults locally) and reports what was accepted.
  const result = host.current();
  await host.waitFor('the subscribe prompt on the paid result page', () => result.has('result-subscribe-ask'), 30_000);
  const before = await call<{ topics: { topic: string; remaining: number }[] }>('GET', '/me/message-subscriptions', { token });
  const remaining = (b: typeof before, topic: string) => b.body.topics.find((x) => x.topic === topic)!.remaining;
  result.tap('result-subscribe-ask');
  const asked = await host.waitFor('wx.requestSubscribeMessage', () => host.subscribeRequests[0]);
  expect(asked).toEqual(['ORDER_SHIPPED', 'ORDER_DELIVERED', 'PARCEL_UPDATE']);
  await host.waitFor('POST /me/message-subscriptions', () => answered(host, 'POST', '/me/message-subscriptions'));
  const after = await call<{ topics: { topic: string; remaining: number }[] }>('GET', '/me/message-subscriptions', { token });
  for (const topic of ['order_shipped', 'order_delivered', 'parcel_update']) expect(remaining(after, topic)).toBe(remaining(before, topic) + 1);
  expect(remaining(after, 'order_paid')).toBe(remaining(before, 'order_paid'));
  await host.waitFor('the prompt gone after the answer', () => !result.has('result-subscribe-ask') && result);
  expect(host.errors).toEqual([]);
});
