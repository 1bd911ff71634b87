/**
 * Refunds (issue 8: "DynamoDB calls and latency per refund"): a shopper's refund of a paid order before
 * shipment, which is approved by rule and refunded at once through WeChat Pay's e-commerce refund API
 * (the simulator), then settled by its REFUND.SUCCESS notification. Over HTTP against the local stack:
 * the time from the request to the case shown `refunded`; in this process: the DynamoDB calls of the
 * request and of the notification, with the simulator holding its own notification back so that the
 * one we sign (as WeChat Pay would) is the one that settles.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { keys as tableKeys } from '../../functions/lib/keys';
import { dynamoCallCount } from '../../functions/lib/table';
import { batchGet, keyString } from '../../functions/lib/table-ops';
import { ensureLocalKeys } from '../../infra/local/keys';
import { encryptResource, signedHeaders } from '../../infra/local/sims/wechatpay-crypto';
import { loadHandler, readFunctions } from '../../infra/local/template';
import { randomSourceIp, send } from '../../tests/attack/support/http';
import { ROOT, type StackState } from '../../tests/attack/support/stack-state';
import { invoke } from '../../tests/support/lambda';
import { figure, median, percentile, type Figure } from '../lib/stats';
import { flow, shoppers, type Shopper, type Sku } from './checkout';

const SCENARIO = 'Refund before shipment (request -> WeChat Pay refund -> notification)';
const REFUNDS = Number(process.env.BENCH_REFUNDS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_REFUNDS_CONCURRENCY ?? 5);

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | void>;
interface Case {
  id: string;
  status: string;
  refund: { outRefundNo: string; refundId: string | null; amount: { amount: number } } | null;
  total: { amount: number };
}

const refundBody = (orderId: string, sku: Sku) => ({
  orderId,
  kind: 'refund_only',
  lines: [{ skuId: sku.skuId, quantity: 1 }],
  reason: 'changed_mind',
  text: '基准测试',
});

/** One shopper: a paid order, then its refund over HTTP until the case is refunded; the refund's time. */
async function refundOnce(stack: StackState, who: Shopper, sku: Sku): Promise<number> {
  const { orderIds } = await flow(stack, who, sku);
  const ip = randomSourceIp();
  const t0 = performance.now();
  const asked = await send(
    stack.urls.api,
    { method: 'POST', path: '/me/after-sales', token: who.token, headers: { 'Idempotency-Key': randomUUID() }, body: refundBody(orderIds[0]!, sku) },
    { sourceIp: ip },
  );
  if (asked.status !== 201) throw new Error(`request after-sale: ${asked.status} ${asked.text.slice(0, 200)}`);
  const id = (asked.json as Case).id;
  for (const deadline = Date.now() + 20_000; ; ) {
    const got = await send(stack.urls.api, { method: 'GET', path: `/me/after-sales/${id}`, token: who.token }, { sourceIp: ip });
    if ((got.json as Case).status === 'refunded') return performance.now() - t0;
    if (Date.now() > deadline) throw new Error(`after-sale ${id} is ${(got.json as Case).status} 20 s after it was asked`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** DynamoDB calls of the request (the refund applied inside it) and of the notification that settles it. */
async function callsPerRefund(stack: StackState, who: Shopper, sku: Sku): Promise<{ request: number; notify: number }> {
  const functions = new Map(readFunctions().map((f) => [f.name, f.handler]));
  const handler = (fn: string): Promise<Handler> => loadHandler<Handler>(functions.get(fn)!);
  const { orderIds } = await flow(stack, who, sku);
  const control = (body: unknown) => send(stack.urls.sims, { method: 'POST', path: '/_sim/wechatpay/notify-control', body });
  await control({ hold: true });
  try {
    const request = await handler('request-after-sale');
    const before = dynamoCallCount();
    const asked = await invoke(request, {
      ip: randomSourceIp(),
      token: who.token,
      method: 'POST',
      headers: { 'Idempotency-Key': randomUUID() },
      body: refundBody(orderIds[0]!, sku),
    });
    const requestCalls = dynamoCallCount() - before;
    if (asked.status !== 201) throw new Error(`request-after-sale: ${asked.status} ${JSON.stringify(asked.body).slice(0, 200)}`);
    const c = asked.body as unknown as Case;
    if (!c.refund?.refundId) throw new Error(`the refund was not applied in the request: ${JSON.stringify(c.refund)}`);
    const order = (await batchGet([tableKeys.order(orderIds[0]!)], true)).get(keyString(tableKeys.order(orderIds[0]!))) as {
      subMchid: string;
      transactionId: string;
      outTradeNo: string;
      total: { amount: number };
    };
    const keys = await ensureLocalKeys(join(ROOT, '.local', 'keys'));
    const resource = {
      sp_mchid: keys.wechatpay.mchid,
      sub_mchid: order.subMchid,
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      refund_id: c.refund.refundId,
      out_refund_no: c.refund.outRefundNo,
      refund_status: 'SUCCESS',
      success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      user_received_account: '支付用户零钱',
      amount: { total: order.total.amount, refund: c.refund.amount.amount, payer_total: order.total.amount, payer_refund: c.refund.amount.amount },
    };
    const { ciphertext, nonce } = encryptResource(keys.wechatpay.apiV3Key, JSON.stringify(resource), 'refund');
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: new Date().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: 'REFUND.SUCCESS',
      summary: '退款成功',
      resource: { original_type: 'refund', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'refund', nonce },
    });
    const headers = { 'content-type': 'application/json', ...signedHeaders(keys.wechatpay.platform.privateKey, keys.wechatpay.publicKeyId, body) };
    const notify = await handler('wechatpay-refund-notify');
    const n0 = dynamoCallCount();
    const answer = await invoke(notify, { method: 'POST', path: '/payments/wechatpay/refund-notify', raw: body, headers });
    const notifyCalls = dynamoCallCount() - n0;
    if (answer.status >= 300) throw new Error(`refund notification answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    const settled = (await send(stack.urls.api, { method: 'GET', path: `/me/after-sales/${c.id}`, token: who.token })).json as Case;
    if (settled.status !== 'refunded') throw new Error(`the counted notification did not settle the refund (case ${settled.status})`);
    return { request: requestCalls, notify: notifyCalls };
  } finally {
    await control({ hold: false });
    await send(stack.urls.sims, { method: 'POST', path: '/_sim/wechatpay/notify-control/release', body: {} });
  }
}

export async function refundBench(stack: StackState, newSku: (stock: number) => Promise<Sku>, log: (m: string) => void): Promise<Figure[]> {
  const pool = await shoppers(REFUNDS + 2, stack.env.WECHAT_APPID!);
  const sku = await newSku(REFUNDS * 2 + 20);
  // warm-up: the flow's and the refund's functions loaded once
  await refundOnce(stack, pool[0]!, sku);
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REFUNDS; i = next++) times.push(await refundOnce(stack, pool[i + 2]!, sku));
    }),
  );
  const calls = await callsPerRefund(stack, pool[1]!, sku);
  log(`  refunds: p50 ${median(times).toFixed(0)} ms; DynamoDB calls: request ${calls.request}, notification ${calls.notify}`);
  const note = `${REFUNDS} refunds of paid orders before shipment, ${CONCURRENCY} at a time; the simulator refunds after 200 ms and then notifies`;
  return [
    figure(SCENARIO, 'request to refunded p50', 'ms', [median(times)], 'lower', note),
    figure(SCENARIO, 'request to refunded p99', 'ms', [percentile(times, 99)], 'lower', note),
    figure(SCENARIO, 'DynamoDB calls, the request (refund applied in it)', 'calls', [calls.request], 'lower', 'POST /me/after-sales before shipment'),
    figure(SCENARIO, 'DynamoDB calls, the refund notification', 'calls', [calls.notify], 'lower', 'REFUND.SUCCESS, signed as WeChat Pay does'),
  ];
}
