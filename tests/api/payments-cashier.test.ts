/**
 * `npm start`'s code path: serverless-offline serves the API, the simulators run beside it, and the
 * simulator's notifier posts to the notify_url the local stack configures. A shopper pays on the
 * simulator's H5 cashier page and the notification settles the checkout through our webhook.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckoutResult, Preview } from '@wxshop/shared';
import { call, smsLogin, SIMS } from '../support/api-client';
import { closeDb, db, tableName } from '../../functions/lib/table';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { createAddress } from '../../functions/addresses/addresses';
import { categoryTree, listedProduct, merchant } from '../integration/browse-fixtures';

jest.setTimeout(120_000);

beforeAll(() => {
  const env = (JSON.parse(readFileSync(join(__dirname, '..', '..', '.local', 'stack.json'), 'utf8')) as { env: Record<string, string> }).env;
  process.env.DYNAMODB_ENDPOINT = env.DYNAMODB_ENDPOINT;
  process.env.TABLE_NAME = env.TABLE_NAME;
});
afterAll(() => closeDb());

it('a shopper presses Pay on the simulator cashier page and the WeChat Pay notification settles the checkout', async () => {
  const { leaf } = await categoryTree();
  const store = await merchant('Cashier');
  await setStoreSubMchid(store, '1900000101');
  const productId = await listedProduct(store, { title: { 'zh-CN': '收银台测试' }, categoryId: leaf, prices: [1234], stock: 5 });
  const sku = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
    }),
  );
  const lines = [{ productId, skuId: String(sku.Items![0]!.id), quantity: 1 }];
  const { accessToken: token, profile } = await smsLogin();
  // NOTE: the address is written straight to the stack's table: not what this test is about
  const address = { body: await createAddress(profile.id, { recipient: '钱七', phone: '13900139003', country: 'CN', regionCode: '330106', detail: '1 号' }) };
  const p = await call<Preview>('POST', '/checkout/preview', { token, body: { addressId: address.body.id, lines } });
  const placed = await call<CheckoutResult>('POST', '/checkout', {
    token,
    body: { addressId: address.body.id, lines, fingerprint: p.body.fingerprint },
    headers: { 'Idempotency-Key': `cashier-${Date.now()}` },
  });
  expect([p.status, placed.status, JSON.stringify(placed.body).slice(0, 300)]).toEqual([200, 201, expect.any(String)]);
  const checkoutId = placed.body.checkout.id;

  const started = await call<{ h5Url: string }>('POST', `/me/checkouts/${checkoutId}/pay`, { token, body: { channel: 'wechat_h5' } });
  expect(started.status).toBe(200);
  const cashier = new URL(started.body.h5Url);
  expect(cashier.origin).toBe(new URL(SIMS).origin);
  const page = await fetch(started.body.h5Url);
  expect(await page.text()).toContain('微信支付收银台');
  const paid = await fetch(`${SIMS}/_sim/wechatpay/cashier/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prepay_id: cashier.searchParams.get('prepay_id')!, redirect_url: '' }).toString(),
  });
  expect(await paid.text()).toContain('支付成功');

  const deadline = Date.now() + 15_000;
  let status = 'pending_payment';
  while (status !== 'paid' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    status = (await call<CheckoutResult>('GET', `/me/checkouts/${checkoutId}`, { token })).body.checkout.status;
  }
  expect(status).toBe('paid');
  const attempts = (await (await fetch(`${SIMS}/_sim/wechatpay/notifications`)).json()) as unknown;
  expect(JSON.stringify(attempts)).toContain('/payments/wechatpay/notify');
});
