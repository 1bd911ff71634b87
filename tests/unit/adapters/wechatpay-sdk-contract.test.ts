/**
 * Contract tests: the vendor's own Node SDK (wechatpay-node-v3) as an independent implementation of
 * WeChat Pay v3 cryptography, so the simulator and our adapter cannot share a mistake.
 * - the SDK signs requests -> the simulator must accept them;
 * - the simulator signs answers and notifications -> the SDK's verifySign must accept them;
 * - the simulator encrypts resources -> the SDK's decipher_gcm must decrypt them;
 * - our adapter's Authorization and paySign must equal what the SDK computes for the same inputs.
 */
import WxPay from 'wechatpay-node-v3';
import { z } from 'zod';
import { buildAuthorizationHeader, buildRequestPaymentParams } from '../../../functions/lib/adapters/wechatpay';
import {
  createCombineJsapi,
  parseCombineNotification,
  parseEcommerceRefundNotification,
  queryEcommerceRefund,
  queryProfitSharing,
  querySubMerchantBalance,
  queryWithdrawal,
} from '../../../functions/lib/adapters/wechatpay-ecommerce';
import { DEMO_SUB_MERCHANTS } from '../../../infra/local/sims/wechatpay-ecommerce-api';
import { type Harness, startHarness, waitFor } from './harness';

const VENDOR_HOST = 'https://api.mch.weixin.qq.com';
const [STORE_A, STORE_B] = DEMO_SUB_MERCHANTS.map((m) => m.subMchid) as [string, string];

interface SdkOutput {
  status: number;
  data?: unknown;
  headers: Record<string, string>;
  text: string;
}

/** The SDK's pluggable HTTP service, pointed at the simulator instead of api.mch.weixin.qq.com. */
function simHttp(baseUrl: string) {
  const send = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, params?: unknown): Promise<SdkOutput> => {
    const response = await fetch(url.replace(VENDOR_HOST, baseUrl), {
      method,
      headers,
      // NOTE: the SDK signs JSON.stringify(params); send exactly that.
      ...(params === undefined ? {} : { body: JSON.stringify(params) }),
    });
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = text;
    }
    return { status: response.status, data, headers: Object.fromEntries(response.headers), text };
  };
  return {
    post: (url: string, params: Record<string, unknown>, headers: Record<string, string>) => send('POST', url, headers, params),
    get: (url: string, headers: Record<string, string>) => send('GET', url, headers),
    upload: () => Promise.reject(new Error('not used')),
  };
}

const Notification = z.object({
  id: z.string(),
  resource: z.object({ ciphertext: z.string(), associated_data: z.string(), nonce: z.string() }).loose(),
});

describe('WeChat Pay v3 contract with the vendor SDK (wechatpay-node-v3@2.2.1)', () => {
  let h: Harness;
  let sdk: WxPay;
  let mchid: string;

  beforeAll(async () => {
    h = await startHarness();
    const { wechatpay, wechat } = h.sims.keys;
    mchid = wechatpay.mchid;
    sdk = new WxPay({
      appid: wechat.appid,
      mchid: wechatpay.mchid,
      serial_no: wechatpay.merchantSerial,
      publicKey: Buffer.from(wechatpay.merchant.publicKey),
      privateKey: Buffer.from(wechatpay.merchant.privateKey),
      key: wechatpay.apiV3Key,
    });
    sdk.createHttp(simHttp(h.sims.baseUrl) as never);
    // "WeChat Pay public key" mode: the SDK looks verification keys up by Wechatpay-Serial.
    (WxPay as unknown as { certificates: Record<string, string> }).certificates[wechatpay.publicKeyId] = wechatpay.platform.publicKey;
  });
  afterAll(() => h.close());

  const subOrders = (no: string) => [
    {
      mchid,
      sub_mchid: STORE_A,
      attach: 'a',
      amount: { total_amount: 1200, currency: 'CNY' },
      out_trade_no: `${no}A`,
      description: '店一',
      settle_info: { profit_sharing: true },
    },
    {
      mchid,
      sub_mchid: STORE_B,
      attach: 'b',
      amount: { total_amount: 800, currency: 'CNY' },
      out_trade_no: `${no}B`,
      description: '店二',
      settle_info: { profit_sharing: true },
    },
  ];

  it('the simulator accepts a combine JSAPI order signed by the SDK, and the SDK-built paySign pays it', async () => {
    const no = `SDK${Date.now()}`;

    const placed = (await sdk.combine_transactions_jsapi({
      combine_out_trade_no: no,
      notify_url: h.env.WECHATPAY_NOTIFY_URL ?? '',
      sub_orders: subOrders(no),
      combine_payer_info: { openid: 'o-sdk' },
    } as never)) as unknown as SdkOutput;
    const pay = await h.simJson('POST', '/_sim/wechatpay/pay', placed.data, z.object({ trade_state: z.string() }).loose());

    expect(placed.status).toBe(200);
    expect(placed.data).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    expect(pay.trade_state).toBe('SUCCESS');
  });

  it('the SDK verifies the signature the simulator puts on an answer (combine query)', async () => {
    const no = `SDK${Date.now()}Q`;
    await sdk.combine_transactions_jsapi({
      combine_out_trade_no: no,
      notify_url: h.env.WECHATPAY_NOTIFY_URL ?? '',
      sub_orders: subOrders(no),
      combine_payer_info: { openid: 'o-sdk' },
    } as never);

    const answer = (await sdk.combine_query(no)) as unknown as SdkOutput;
    const verified = await sdk.verifySign({
      timestamp: answer.headers['wechatpay-timestamp'] ?? '',
      nonce: answer.headers['wechatpay-nonce'] ?? '',
      serial: answer.headers['wechatpay-serial'] ?? '',
      signature: answer.headers['wechatpay-signature'] ?? '',
      body: answer.text,
    });
    const tampered = await sdk.verifySign({
      timestamp: answer.headers['wechatpay-timestamp'] ?? '',
      nonce: answer.headers['wechatpay-nonce'] ?? '',
      serial: answer.headers['wechatpay-serial'] ?? '',
      signature: answer.headers['wechatpay-signature'] ?? '',
      body: answer.text.replace('1200', '1'),
    });

    expect(answer.status).toBe(200);
    expect(verified).toBe(true);
    expect(tampered).toBe(false);
  });

  it('the SDK closes a combine order the simulator then reports CLOSED', async () => {
    const no = `SDK${Date.now()}C`;
    await sdk.combine_transactions_jsapi({
      combine_out_trade_no: no,
      notify_url: h.env.WECHATPAY_NOTIFY_URL ?? '',
      sub_orders: subOrders(no),
      combine_payer_info: { openid: 'o-sdk' },
    } as never);

    const closed = (await sdk.combine_close(
      no,
      subOrders(no).map((s) => ({ mchid: s.mchid, out_trade_no: s.out_trade_no, sub_mchid: s.sub_mchid })),
    )) as unknown as SdkOutput;
    const answer = (await sdk.combine_query(no)) as unknown as SdkOutput;

    expect(closed.status).toBe(204);
    expect(answer.data).toMatchObject({ sub_orders: [{ trade_state: 'CLOSED' }, { trade_state: 'CLOSED' }] });
  });

  it('a notification from the simulator verifies with the SDK and decrypts with its decipher_gcm to what our adapter reads', async () => {
    const no = `SDK${Date.now()}N`;
    const { payParams } = await createCombineJsapi({
      combineOutTradeNo: no,
      openid: 'o-sdk',
      subOrders: [{ subMchid: STORE_A, outTradeNo: `${no}A`, amount: { amount: 321, currency: 'CNY' }, description: 'x' }],
    });
    await h.simJson('POST', '/_sim/wechatpay/pay', payParams, z.object({}).loose());
    const request = await waitFor(() =>
      h.callback.requests.find((r) => r.body.includes('"TRANSACTION.SUCCESS"') && parseOurs(r)?.resource.combineOutTradeNo === no),
    );
    const header = (name: string): string => String(request.headers[name] ?? '');

    const verified = await sdk.verifySign({
      timestamp: header('wechatpay-timestamp'),
      nonce: header('wechatpay-nonce'),
      serial: header('wechatpay-serial'),
      signature: header('wechatpay-signature'),
      body: request.body,
    });
    const { resource } = Notification.parse(JSON.parse(request.body));
    const decrypted = sdk.decipher_gcm<{ combine_out_trade_no: string; sub_orders: { amount: { total_amount: number } }[] }>(
      resource.ciphertext,
      resource.associated_data,
      resource.nonce,
    );
    const ours = parseCombineNotification({ headers: request.headers, body: request.body });

    expect(verified).toBe(true);
    expect(decrypted.combine_out_trade_no).toBe(no);
    expect(decrypted.sub_orders[0]?.amount.total_amount).toBe(321);
    expect(ours.resource.subOrders[0]?.amount).toEqual({ amount: 321, currency: 'CNY' });
    expect(ours.resource.subOrders[0]?.transactionId).toBe((decrypted.sub_orders[0] as { transaction_id?: string }).transaction_id);
  });

  it('e-commerce refunds: the simulator accepts an apply and a query signed by the SDK, the SDK verifies its answers and its REFUND.SUCCESS notification, and our adapter reads the same', async () => {
    const no = `SDK${Date.now()}R`;
    const { payParams } = await createCombineJsapi({
      combineOutTradeNo: no,
      openid: 'o-sdk',
      subOrders: [{ subMchid: STORE_A, outTradeNo: `${no}A`, amount: { amount: 500, currency: 'CNY' }, description: 'x' }],
    });
    await h.simJson('POST', '/_sim/wechatpay/pay', payParams, z.object({}).loose());
    const transactionId = h.sims.state.wechatpay.combine.get(no)?.subOrders[0]?.transactionId ?? '';
    // the SDK has no e-commerce refund method: its own request signing (buildAuthorization) over our call
    const signed = sdk as unknown as { buildAuthorization(method: string, url: string, params?: Record<string, unknown>): string };
    const send = async (method: 'GET' | 'POST', path: string, body?: Record<string, unknown>) => {
      const response = await fetch(`${h.sims.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: signed.buildAuthorization(method, `${VENDOR_HOST}${path}`, body),
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      const verified = await sdk.verifySign({
        timestamp: response.headers.get('wechatpay-timestamp') ?? '',
        nonce: response.headers.get('wechatpay-nonce') ?? '',
        serial: response.headers.get('wechatpay-serial') ?? '',
        signature: response.headers.get('wechatpay-signature') ?? '',
        body: text,
      });
      return { status: response.status, data: JSON.parse(text) as Record<string, unknown>, verified };
    };
    const outRefundNo = `${no}RF`;
    const applied = await send('POST', '/v3/ecommerce/refunds/apply', {
      sub_mchid: STORE_A,
      sp_appid: h.sims.keys.wechat.appid,
      transaction_id: transactionId,
      out_refund_no: outRefundNo,
      amount: { refund: 200, total: 500, currency: 'CNY' },
      notify_url: `${h.callback.url}/wechatpay/refund-notify`,
    });
    expect(applied).toMatchObject({ status: 200, verified: true, data: { out_refund_no: outRefundNo, amount: { refund: 200 } } });

    const request = await waitFor(() =>
      h.callback.requests.find((r) => r.body.includes('"REFUND.SUCCESS"') && parseRefund(r)?.refund.outRefundNo === outRefundNo),
    );
    const header = (name: string): string => String(request.headers[name] ?? '');
    const verified = await sdk.verifySign({
      timestamp: header('wechatpay-timestamp'),
      nonce: header('wechatpay-nonce'),
      serial: header('wechatpay-serial'),
      signature: header('wechatpay-signature'),
      body: request.body,
    });
    const { resource } = Notification.parse(JSON.parse(request.body));
    const decrypted = sdk.decipher_gcm<{ out_refund_no: string; refund_status: string; amount: { refund: number } }>(
      resource.ciphertext,
      resource.associated_data,
      resource.nonce,
    );
    const ours = parseEcommerceRefundNotification({ headers: request.headers, body: request.body });
    expect(verified).toBe(true);
    expect(decrypted).toMatchObject({ out_refund_no: outRefundNo, refund_status: 'SUCCESS', amount: { refund: 200 } });
    expect(ours.refund).toMatchObject({ outRefundNo, status: 'SUCCESS', refund: { amount: 200, currency: 'CNY' }, subMchid: STORE_A, spMchid: mchid });

    const queried = await send('GET', `/v3/ecommerce/refunds/out-refund-no/${outRefundNo}?sub_mchid=${STORE_A}`);
    expect(queried).toMatchObject({ status: 200, verified: true, data: { out_refund_no: outRefundNo, status: 'SUCCESS' } });
    expect(await queryEcommerceRefund(STORE_A, outRefundNo)).toMatchObject({ outRefundNo, status: 'SUCCESS', refund: { amount: 200 } });
  });

  const until = async (probe: () => Promise<boolean>): Promise<void> => {
    for (const deadline = Date.now() + 3000; !(await probe()); ) {
      if (Date.now() > deadline) throw new Error('until: timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  /** A request signed by the SDK's own buildAuthorization (it has no e-commerce profit-sharing methods); the answer verified by its verifySign. */
  const sdkCall = async (method: 'GET' | 'POST', path: string, body?: Record<string, unknown>) => {
    const signed = sdk as unknown as { buildAuthorization(method: string, url: string, params?: Record<string, unknown>): string };
    const response = await fetch(`${h.sims.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: signed.buildAuthorization(method, `${VENDOR_HOST}${path}`, body),
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const verified = await sdk.verifySign({
      timestamp: response.headers.get('wechatpay-timestamp') ?? '',
      nonce: response.headers.get('wechatpay-nonce') ?? '',
      serial: response.headers.get('wechatpay-serial') ?? '',
      signature: response.headers.get('wechatpay-signature') ?? '',
      body: text,
    });
    return { status: response.status, data: (text ? JSON.parse(text) : {}) as Record<string, unknown>, verified };
  };

  it('profit sharing, finish-order, returnorders, fund/balance and withdraw: the simulator accepts SDK-signed requests, the SDK verifies its answers; more than 30% is refused', async () => {
    const subMchid = `17${String(Date.now()).slice(-8)}`;
    await h.simJson('POST', '/_sim/wechatpay/sub-merchants', { sub_mchid: subMchid, name: '分账' }, z.object({}).loose());
    const no = `SDK${Date.now()}P`;
    const { payParams } = await createCombineJsapi({
      combineOutTradeNo: no,
      openid: 'o-sdk',
      subOrders: [{ subMchid, outTradeNo: `${no}A`, amount: { amount: 10_000, currency: 'CNY' }, description: 'x' }],
    });
    await h.simJson('POST', '/_sim/wechatpay/pay', payParams, z.object({}).loose());
    const transactionId = h.sims.state.wechatpay.combine.get(no)?.subOrders[0]?.transactionId ?? '';
    const share = (outOrderNo: string, amount: number) =>
      sdkCall('POST', '/v3/ecommerce/profitsharing/orders', {
        appid: h.sims.keys.wechat.appid,
        sub_mchid: subMchid,
        transaction_id: transactionId,
        out_order_no: outOrderNo,
        receivers: [{ type: 'MERCHANT_ID', receiver_account: mchid, amount, description: '平台服务费' }],
        finish: false,
      });

    const overCap = await share(`${no}X`, 3001);
    const shared = await share(`${no}S`, 500);
    const again = await share(`${no}S`, 500);
    const otherAmount = await share(`${no}S`, 501);
    expect(overCap).toMatchObject({ status: 400, data: { code: 'INVALID_REQUEST', message: '分账金额超出最大分账比例' } });
    expect(shared).toMatchObject({
      status: 200,
      verified: true,
      data: { out_order_no: `${no}S`, status: 'PROCESSING', receivers: [{ amount: 500, result: 'PENDING' }] },
    });
    expect(again.data.order_id).toBe(shared.data.order_id);
    expect(otherAmount.status).toBe(400);
    expect(await querySubMerchantBalance(subMchid)).toEqual({ available: { amount: 0, currency: 'CNY' }, pending: { amount: 9500, currency: 'CNY' } });

    const query = `/v3/ecommerce/profitsharing/orders?sub_mchid=${subMchid}&transaction_id=${transactionId}&out_order_no=${no}S`;
    await until(async () => (await sdkCall('GET', query)).data.status === 'FINISHED');
    expect(await sdkCall('GET', query)).toMatchObject({ status: 200, verified: true, data: { status: 'FINISHED', receivers: [{ result: 'SUCCESS' }] } });
    expect(await queryProfitSharing(subMchid, transactionId, `${no}S`)).toMatchObject({
      status: 'FINISHED',
      receivers: [{ receiverAccount: mchid, amount: 500 }],
    });

    const finished = await sdkCall('POST', '/v3/ecommerce/profitsharing/finish-order', {
      sub_mchid: subMchid,
      transaction_id: transactionId,
      out_order_no: `${no}F`,
      description: '完结',
    });
    expect(finished).toMatchObject({ status: 200, verified: true, data: { out_order_no: `${no}F`, order_id: expect.any(String) } });
    expect(await querySubMerchantBalance(subMchid)).toMatchObject({ available: { amount: 9500 }, pending: { amount: 0 } });
    expect((await share(`${no}T`, 1)).data).toMatchObject({ code: 'INVALID_REQUEST' }); // nothing more after finish

    const returned = await sdkCall('POST', '/v3/ecommerce/profitsharing/returnorders', {
      sub_mchid: subMchid,
      out_order_no: `${no}S`,
      out_return_no: `${no}R`,
      return_mchid: mchid,
      amount: 200,
      description: '退款回退',
    });
    const tooMuch = await sdkCall('POST', '/v3/ecommerce/profitsharing/returnorders', {
      sub_mchid: subMchid,
      out_order_no: `${no}S`,
      out_return_no: `${no}R2`,
      return_mchid: mchid,
      amount: 301,
      description: '退款回退',
    });
    expect(returned).toMatchObject({ status: 200, verified: true, data: { out_return_no: `${no}R`, amount: 200, result: 'SUCCESS' } });
    expect(tooMuch.status).toBe(400);
    const balance = await sdkCall('GET', `/v3/ecommerce/fund/balance/${subMchid}`);
    expect(balance).toMatchObject({ status: 200, verified: true, data: { available_amount: 9700, pending_amount: 0 } });

    const withdrawn = await sdkCall('POST', '/v3/ecommerce/fund/withdraw', { sub_mchid: subMchid, out_request_no: `${no}W`, amount: 9000 });
    const overdrawn = await sdkCall('POST', '/v3/ecommerce/fund/withdraw', { sub_mchid: subMchid, out_request_no: `${no}W2`, amount: 701 });
    expect(withdrawn).toMatchObject({ status: 200, verified: true, data: { out_request_no: `${no}W`, withdraw_id: expect.any(String) } });
    expect(overdrawn).toMatchObject({ status: 400, data: { code: 'NOT_ENOUGH' } });
    await until(async () => (await queryWithdrawal(subMchid, `${no}W`)).status === 'SUCCESS');
    expect(await sdkCall('GET', `/v3/ecommerce/fund/withdraw/out-request-no/${no}W?sub_mchid=${subMchid}`)).toMatchObject({
      status: 200,
      verified: true,
      data: { status: 'SUCCESS', amount: 9000 },
    });
    expect(await querySubMerchantBalance(subMchid)).toMatchObject({ available: { amount: 700 }, pending: { amount: 0 } });
  });

  it("our adapter's Authorization signature equals the SDK's for the same method, path, timestamp, nonce and body", () => {
    const body = JSON.stringify({ combine_out_trade_no: 'X123456', sub_orders: [] });
    const path = '/v3/combine-transactions/jsapi';

    const ours = buildAuthorizationHeader({ method: 'POST', pathWithQuery: path, body });
    const fields = Object.fromEntries([...ours.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const theirs = sdk.getSignature('POST', fields.nonce_str ?? '', fields.timestamp ?? '', path, body);

    expect(ours.startsWith('WECHATPAY2-SHA256-RSA2048 ')).toBe(true);
    expect(fields).toMatchObject({ mchid, serial_no: h.sims.keys.wechatpay.merchantSerial });
    expect(fields.signature).toBe(theirs);
  });

  it("our adapter's GET signature (empty body line) equals the SDK's", () => {
    const path = `/v3/combine-transactions/out-trade-no/X123456`;

    const ours = buildAuthorizationHeader({ method: 'GET', pathWithQuery: path, body: '' });
    const fields = Object.fromEntries([...ours.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

    expect(fields.signature).toBe(sdk.getSignature('GET', fields.nonce_str ?? '', fields.timestamp ?? '', path));
  });

  it("our wx.requestPayment paySign equals the SDK's signature over appId, timeStamp, nonceStr, package", () => {
    const params = buildRequestPaymentParams('wx20261203000000abcdef');

    const theirs = sdk.sha256WithRsa([h.sims.keys.wechat.appid, params.timeStamp, params.nonceStr, params.package, ''].join('\n'));

    expect(params.paySign).toBe(theirs);
  });
});

function parseOurs(r: { headers: Record<string, string | string[] | undefined>; body: string }) {
  try {
    return parseCombineNotification({ headers: r.headers, body: r.body });
  } catch {
    return undefined;
  }
}

function parseRefund(r: { headers: Record<string, string | string[] | undefined>; body: string }) {
  try {
    return parseEcommerceRefundNotification({ headers: r.headers, body: r.body });
  } catch {
    return undefined;
  }
}
