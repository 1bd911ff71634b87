/**
 * The race the issue asks for, through the route handlers (Lambda events, as the HTTP API delivers them):
 * 200 shoppers against 10 units of one SKU, with the pay-by sweeper running and WeChat Pay payments
 * (real signed notifications from the simulator, through our webhook) arriving at the same time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckoutResult, Preview } from '@wxshop/shared';
import type { StartPaymentResult } from '@wxshop/shared/payments';
import { invoke } from '../support/lambda';
import { ownTable, withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { checkStockReconciles } from '../../functions/catalog/stock';
import { sweepDueCheckouts, sweepLatePayments } from '../../functions/orders/sweep';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { handler as previewRoute } from '../../functions/orders/preview-checkout';
import { handler as submitRoute } from '../../functions/orders/submit-checkout';
import { handler as startRoute } from '../../functions/payments/start-payment';
import { handler as notifyRoute } from '../../functions/payments/wechatpay-notify';
import { categoryTree, listedProduct, merchant, shopper } from '../integration/browse-fixtures';

jest.setTimeout(300_000);
ownTable('payrace');

let sims: Simulators;
let webhook: Server;
const answers: number[] = [];

beforeAll(async () => {
  sims = await withSimulators();
  webhook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      void invoke(notifyRoute, { method: 'POST', path: '/payments/wechatpay/notify', raw: Buffer.concat(chunks).toString('utf8'), headers }).then(
        (a) => {
          answers.push(a.status);
          res.writeHead(a.status).end();
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  process.env.WECHATPAY_NOTIFY_URL = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/payments/wechatpay/notify`;
  // checkouts expire during the race: the sweeper cancels (and closes) while payments land
  process.env.CHECKOUT_PAY_WITHIN_S = '6';
  resetAdapterConfig();
});

afterAll(async () => {
  webhook.closeAllConnections();
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
  await sims.close();
});

const stockOf = async (productId: string, skuId: string): Promise<number> =>
  Number((await db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(productId, skuId), ConsistentRead: true }))).Item!.stock);

it('200 shoppers against 10 units, with the sweeper and payments at the same time: stock never negative, every unit sold once or released once, every late payment refunded', async () => {
  const { leaf } = await categoryTree();
  const store = await merchant('Race');
  await setStoreSubMchid(store, '1900000101');
  const productId = await listedProduct(store, { title: { 'zh-CN': '秒杀' }, categoryId: leaf, prices: [1000], stock: 10 });
  const sku = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
    }),
  );
  const skuId = String(sku.Items![0]!.id);
  const shoppers = await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      const me = await shopper(`racer ${i}`);
      const address = await createAddress(me.id, { recipient: '赵六', phone: '13900139002', country: 'CN', regionCode: '330106', detail: '1 号' });
      await rememberWechatOpenid(me.id, sims.keys.wechat.appid, `o-race-${me.id}`);
      return { ...me, addressId: address.id };
    }),
  );
  const lines = [{ productId, skuId, quantity: 1 }];
  const p = await invoke<Preview>(previewRoute, { token: shoppers[0]!.token, body: { addressId: shoppers[0]!.addressId, lines } });

  const placed: CheckoutResult[] = [];
  const starts: number[] = [];
  const pays: number[] = [];
  const stockSeen: number[] = [];
  let racing = true;
  const sweeper = (async () => {
    while (racing) {
      await sweepDueCheckouts(new Date());
      stockSeen.push(await stockOf(productId, skuId));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const outcomes = await Promise.all(
    shoppers.map(async (me, i) => {
      const submit = (attempt: number) =>
        invoke<CheckoutResult>(submitRoute, {
          token: me.token,
          body: { addressId: me.addressId, lines, fingerprint: p.body.fingerprint },
          headers: { 'Idempotency-Key': `race-${i}-${attempt}-${me.id}` },
        });
      let submitted = await submit(0);
      // a refused shopper tries again once the first checkouts expire: released units sell again
      if (submitted.status !== 201 && i % 4 === 0) {
        await new Promise((r) => setTimeout(r, 6000 + (i % 10) * 300));
        submitted = await submit(1);
      }
      if (submitted.status !== 201) return submitted.status;
      placed.push(submitted.body);
      // two in three shoppers pay at once; some payments land after the sweeper cancelled (and closed) theirs
      if (i % 3 !== 0) {
        const started = await invoke<StartPaymentResult>(startRoute, {
          token: me.token,
          params: { checkoutId: submitted.body.checkout.id },
          body: { channel: 'wechat_jsapi' },
        });
        starts.push(started.status);
        // the shopper confirms at once, late, or after the pay-by time (WeChat Pay refuses: expired, or closed by the sweeper)
        await new Promise((r) => setTimeout(r, (i % 8) * 1000));
        if (started.status === 200 && started.body.channel === 'wechat_jsapi') {
          const confirmed = await fetch(`${sims.baseUrl}/_sim/wechatpay/pay`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(started.body.requestPayment),
          });
          pays.push(confirmed.status);
        }
      }
      return 201;
    }),
  );
  // every notification delivered and answered, then everything past its pay-by swept
  await new Promise((r) => setTimeout(r, 1500));
  racing = false;
  await sweeper;
  await sweepDueCheckouts(new Date(Date.now() + 120_000));
  await sweepLatePayments();

  const refused = outcomes.filter((s) => s !== 201);
  expect(placed.length).toBeGreaterThanOrEqual(10);
  // refused with the new preview (409) or as sold out (422 cannot_checkout), never a 5xx
  expect(refused.filter((s) => s !== 409 && s !== 422)).toEqual([]);
  expect(Math.min(...stockSeen)).toBeGreaterThanOrEqual(0);

  const final = await Promise.all(
    placed.map(async (r) => {
      const checkout = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.checkout(r.checkout.id), ConsistentRead: true }))).Item!;
      const late = await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': keys.checkout(r.checkout.id).PK, ':p': 'LATE_PAYMENT#' },
          ConsistentRead: true,
        }),
      );
      const combine = sims.state.wechatpay.combine.get(r.checkout.combineOutTradeNo);
      return {
        status: String(checkout.status),
        late: (late.Items ?? []).map((l) => String(l.status)),
        paidAtWechat: combine?.subOrders.every((s) => s.transactionId) ?? false,
      };
    }),
  );
  const paid = final.filter((f) => f.status === 'paid').length;
  // nothing left pending; every unit is either sold to a paid checkout or back in stock
  expect(final.every((f) => f.status === 'paid' || f.status === 'cancelled')).toBe(true);
  expect(paid).toBeLessThanOrEqual(10);
  expect(await stockOf(productId, skuId)).toBe(10 - paid);
  expect(await checkStockReconciles([{ productId, skuId }])).toEqual([]);
  // money: paid at WeChat Pay <=> a paid checkout, or a cancelled one whose late payment was refunded
  for (const f of final) {
    if (f.status === 'paid') expect(f).toMatchObject({ paidAtWechat: true, late: [] });
    else expect(f.late).toEqual(f.paidAtWechat ? ['refunded'] : []);
  }
  expect(answers.every((s) => s === 204)).toBe(true);
  expect(
    (
      await db().send(
        new QueryCommand({
          TableName: tableName(),
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.paymentAnomaliesPartition().PK },
        }),
      )
    ).Items ?? [],
  ).toEqual([]);
  console.info(
    `race: ${placed.length} checkouts placed, ${paid} paid, ${final.filter((f) => f.late.length > 0).length} refunded late, ${refused.length} refused; payment starts ${JSON.stringify(count(starts))}, confirmations ${JSON.stringify(count(pays))}`,
  );
  // a start near the pay-by time is refused (409), never a 5xx
  expect(starts.filter((s) => s !== 200 && s !== 409)).toEqual([]);
  // the race really raced: some paid, some cancelled, and units released by a cancel sold again
  expect(paid).toBeGreaterThan(0);
  expect(final.some((f) => f.status === 'cancelled')).toBe(true);
  expect(placed.length).toBeGreaterThan(10);
});

const count = (xs: number[]): Record<string, number> => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
