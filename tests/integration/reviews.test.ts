/**
 * Reviews (ADR 0057) through the handlers against DynamoDB Local, a private local S3 and the WeChat
 * simulator: text checks (msg_sec_check), media checks (media_check_async) whose verdicts the simulator
 * pushes to the real message-push handler, the rating summary under concurrency, the store's reply.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { UploadTicket } from '@wxshop/shared/users';
import type { MerchantReview, MerchantReviewPage, MyReview, MyReviewPage, OrderReviews, ProductReviewsOverview, ReviewPage } from '@wxshop/shared/reviews';
import { withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { pushSignature } from '../../functions/lib/adapters/wechat-push';
import { rememberWechatOpenid } from '../../functions/identity/wechat-payer';
import { createAddress } from '../../functions/addresses/addresses';
import { setStoreSubMchid } from '../../functions/orders/stores';
import { markCheckoutPaid, preview, submit } from '../../functions/orders/checkout';
import { confirmReceipt, shipOrder } from '../../functions/orders/orders';
import { handler as uploadRoute } from '../../functions/reviews/create-review-upload';
import { handler as createRoute } from '../../functions/reviews/create-review';
import { handler as followUpRoute } from '../../functions/reviews/add-review-follow-up';
import { handler as listMineRoute } from '../../functions/reviews/list-my-reviews';
import { handler as listOrderRoute } from '../../functions/reviews/list-order-reviews';
import { handler as listProductRoute } from '../../functions/reviews/list-product-reviews';
import { handler as overviewRoute } from '../../functions/reviews/get-product-reviews-overview';
import { handler as listStoreRoute } from '../../functions/reviews/list-merchant-reviews';
import { handler as replyRoute } from '../../functions/reviews/reply-to-review';
import { handler as pushHandler } from '../../functions/reviews/wechat-message-push';
import { categoryTree, listedProduct, shopper } from './browse-fixtures';
import { merchantWithOwner, type Actor } from './catalog-fixtures';
import { imageBytes, put, withUploads } from './merchants-support';

jest.setTimeout(180_000);

let sims: Simulators;
let s3: { stop(): Promise<void> };
let callback: Server;
let leaf: string;
let store: string;
let owner: Actor;
let otherStore: string;
let otherOwner: Actor;

/** Plays our API for the simulator: its message push goes to the real handler. */
async function startCallback(): Promise<string> {
  callback = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      void pushHandler(pushEvent(req.method ?? 'POST', Object.fromEntries(url.searchParams), Buffer.concat(chunks).toString('utf8'))).then((r) =>
        res.writeHead(r.statusCode ?? 500).end(r.body),
      );
    });
  });
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(callback.address() as AddressInfo).port}/wechat/message-push`;
}

const pushEvent = (method: string, query: Record<string, string>, body: string) =>
  ({ body, isBase64Encoded: false, headers: {}, queryStringParameters: query, requestContext: { http: { method } } }) as unknown as APIGatewayProxyEventV2;

beforeAll(async () => {
  sims = await withSimulators();
  s3 = await withUploads();
  sims.state.wechat.messagePushUrl = await startCallback();
  ({ leaf } = await categoryTree());
  [{ merchantId: store, owner }, { merchantId: otherStore, owner: otherOwner }] = await Promise.all([
    merchantWithOwner('Review A'),
    merchantWithOwner('Review B'),
  ]);
  await setStoreSubMchid(store, '1900000501');
});

afterAll(async () => {
  callback.closeAllConnections();
  await new Promise<void>((resolve) => callback.close(() => resolve()));
  await sims.close();
  await s3.stop();
});

interface Buyer {
  id: string;
  token: string;
  addressId: string;
}

async function buyer(openid?: string): Promise<Buyer> {
  const me = await shopper('评价人');
  if (openid) await rememberWechatOpenid(me.id, process.env.WECHAT_APPID!, openid);
  const address = await createAddress(me.id, { recipient: '赵六', phone: '13900139000', country: 'CN', regionCode: '330106', detail: '文一路 2 号' });
  return { ...me, addressId: address.id };
}

async function product(): Promise<{ productId: string; skuId: string }> {
  const productId = await listedProduct(store, { title: { 'zh-CN': '评价测试茶叶' }, categoryId: leaf, prices: [1200], stock: 200 });
  const sku = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':p': 'SKU#' },
      ConsistentRead: true,
    }),
  );
  return { productId, skuId: String(sku.Items![0]!.id) };
}

let seq = 0;
/** An order of `me` for one unit of the product; received unless `received` is false (then only paid). */
async function order(me: Buyer, p: { productId: string; skuId: string }, received = true): Promise<string> {
  const lines = [{ ...p, quantity: 1 }];
  const pv = await preview(me.id, me.addressId, lines, 'zh-CN');
  const r = await submit(me.id, `review-${Date.now()}-${(seq += 1)}`, { addressId: me.addressId, lines, fingerprint: pv.fingerprint }, 'zh-CN');
  const tx = `TXR${Date.now()}${(seq += 1)}`;
  const o = r.orders[0]!;
  await markCheckoutPaid(r.checkout.id, {
    transactionId: tx,
    subOrders: [{ outTradeNo: o.outTradeNo, amount: o.total.amount, currency: o.total.currency, subMchid: o.subMchid, transactionId: `${tx}-1` }],
  });
  if (!received) return o.id;
  await shipOrder(store, o.id, { parcels: [{ carrierCode: 'SF', trackingNumber: `SF${Date.now()}${seq}` }] }, owner.id);
  await confirmReceipt(o.id, { kind: 'shopper', id: me.id }, { expectUserId: me.id });
  return o.id;
}

/** Uploads one photo of `me` through a presigned ticket; `risky` puts the simulator's risky marker in it. */
async function photo(me: Buyer, risky = false): Promise<string> {
  const body = risky ? Buffer.concat([imageBytes(64), Buffer.from('RISKY')]) : imageBytes(96);
  const ticket = await invoke<UploadTicket>(uploadRoute, { token: me.token, body: { contentType: 'image/png', size: body.length } });
  expect(ticket.status).toBe(201);
  expect(await put(ticket.body, body)).toBe(200);
  return ticket.body.key;
}

const STARS = { product: 5, service: 4, delivery: 3 };

const review = (me: Buyer, orderId: string, body: Record<string, unknown>) => invoke<MyReview>(createRoute, { token: me.token, params: { orderId }, body });
const summaryOf = async (productId: string) => (await invoke<ProductReviewsOverview>(overviewRoute, { method: 'GET', params: { productId } })).body.summary;
const listed = async (productId: string, query: Record<string, string> = {}) =>
  (await invoke<ReviewPage>(listProductRoute, { method: 'GET', params: { productId }, query })).body.items.map((r) => r.id);

async function mine(me: Buyer, reviewId: string): Promise<MyReview> {
  const page = await invoke<MyReviewPage>(listMineRoute, { method: 'GET', token: me.token });
  const found = page.body.items.find((r) => r.id === reviewId);
  if (!found) throw new Error(`review ${reviewId} not in my reviews`);
  return found;
}

/** Waits until the review's checks settle (the simulator pushes after its delay). */
async function settled(me: Buyer, reviewId: string, done: (r: MyReview) => boolean = (r) => r.status !== 'checking'): Promise<MyReview> {
  const until = Date.now() + 20_000;
  for (;;) {
    const r = await mine(me, reviewId);
    if (done(r)) return r;
    if (Date.now() > until) throw new Error(`review ${reviewId} still ${r.status}`);
    await new Promise((res) => setTimeout(res, 150));
  }
}

describe('writing a review', () => {
  it('AP105 getReview, AP109 orderLineReview: a text review of a received line shows at once, counts in the summary, and is listed by stars', async () => {
    const me = await buyer();
    const p = await product();
    const orderId = await order(me, p);
    const made = await review(me, orderId, { skuId: p.skuId, stars: STARS, text: '茶香浓郁，包装很好' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'visible', rejection: null, stars: STARS, author: { anonymous: false, name: '评价人' } });
    expect(await summaryOf(p.productId)).toEqual({ productId: p.productId, count: 1, average: 5, perStar: [0, 0, 0, 0, 1], withPhotos: 0 });
    expect(await listed(p.productId)).toEqual([made.body.id]);
    expect(await listed(p.productId, { filter: 'stars', stars: '5' })).toEqual([made.body.id]);
    expect(await listed(p.productId, { filter: 'stars', stars: '4' })).toEqual([]);
    const ofOrder = await invoke<OrderReviews>(listOrderRoute, { method: 'GET', token: me.token, params: { orderId } });
    expect(ofOrder.body.items.map((r) => r.skuId)).toEqual([p.skuId]);

    // the same review again (a retry) answers it; another review of the line is refused
    const again = await review(me, orderId, { skuId: p.skuId, stars: STARS, text: '茶香浓郁，包装很好' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(made.body.id);
    const other = await review(me, orderId, { skuId: p.skuId, stars: STARS, text: '再写一次' });
    expect(other.status).toBe(409);
    expect((await summaryOf(p.productId)).count).toBe(1);
  });

  it('an anonymous review shows no name to others', async () => {
    const me = await buyer();
    const p = await product();
    const made = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '匿名评价', anonymous: true });
    const page = await invoke<ReviewPage>(listProductRoute, { method: 'GET', params: { productId: p.productId } });
    expect(page.body.items[0]).toMatchObject({ id: made.body.id, author: { anonymous: true, name: null } });
  });

  it('refuses a review of another shopper’s order (404) and of an order not received yet (409)', async () => {
    const me = await buyer();
    const stranger = await buyer();
    const p = await product();
    const theirs = await order(stranger, p);
    expect((await review(me, theirs, { skuId: p.skuId, stars: STARS, text: '不是我的' })).status).toBe(404);
    const notReceived = await order(me, p, false);
    const refused = await review(me, notReceived, { skuId: p.skuId, stars: STARS, text: '还没收到' });
    expect(refused.status).toBe(409);
    // a line not in the order
    const mineOrder = await order(me, p);
    expect((await review(me, mineOrder, { skuId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', stars: STARS, text: '别的商品' })).status).toBe(404);
    expect(await summaryOf(p.productId)).toMatchObject({ count: 0 });
  });

  it("refuses another user's upload keys (400) and keys never uploaded (400)", async () => {
    const me = await buyer();
    const stranger = await buyer();
    const p = await product();
    const orderId = await order(me, p);
    const theirs = await photo(stranger);
    const refused = await review(me, orderId, { skuId: p.skuId, stars: STARS, text: '用别人的照片', photoKeys: [theirs] });
    expect(refused.status).toBe(400);
    const missing = `reviews/${me.id}/01ARZ3NDEKTSV4RRFFQ69G5FAV.png`;
    expect((await review(me, orderId, { skuId: p.skuId, stars: STARS, text: '没上传', photoKeys: [missing] })).status).toBe(400);
    expect((await invoke(listOrderRoute, { method: 'GET', token: me.token, params: { orderId } })).body).toEqual({ items: [] });
  });
});

describe('content checks', () => {
  it('a risky text (msg_sec_check v2 with the openid) hides the review and tells the author why; the summary is unchanged', async () => {
    const me = await buyer(`o-review-${Date.now()}`);
    const p = await product();
    const made = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '来玩赌博吧' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'hidden', rejection: { reason: 'text_risky', label: 20006 } });
    expect((await mine(me, made.body.id)).rejection?.reason).toBe('text_risky');
    expect(await summaryOf(p.productId)).toMatchObject({ count: 0 });
    expect(await listed(p.productId)).toEqual([]);
  });

  it('AP110 getMediaCheck: a photo review waits for its media checks, then shows first in "all" and counts "with photos"', async () => {
    const me = await buyer();
    const p = await product();
    const plain = await review(me, await order(me, p), { skuId: p.skuId, stars: { product: 3, service: 3, delivery: 3 }, text: '一般' });
    expect(plain.body.status).toBe('visible');
    const keysOf = [await photo(me), await photo(me)];
    const made = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '有图有真相', photoKeys: keysOf });
    expect(made.body.status).toBe('checking');
    expect(await listed(p.productId)).toEqual([plain.body.id]);
    expect(sims.state.wechat.mediaChecks.filter((c) => keysOf.some((k) => c.mediaUrl.includes(k)))).toHaveLength(2);
    const shown = await settled(me, made.body.id);
    expect(shown.status).toBe('visible');
    expect(await listed(p.productId)).toEqual([made.body.id, plain.body.id]);
    expect(await listed(p.productId, { filter: 'photos' })).toEqual([made.body.id]);
    expect(await summaryOf(p.productId)).toEqual({ productId: p.productId, count: 2, average: 4, perStar: [0, 0, 1, 0, 1], withPhotos: 1 });
    const overview = await invoke<ProductReviewsOverview>(overviewRoute, { method: 'GET', params: { productId: p.productId } });
    expect(overview.body.topPhotoReviews.map((r) => r.id)).toEqual([made.body.id]);
    expect(overview.body.topPhotoReviews[0]!.photos.map((ph) => ph.key)).toEqual(keysOf);
  });

  it('a risky photo verdict hides the review with its reason; the summary never counted it', async () => {
    const me = await buyer(`o-media-${Date.now()}`);
    const p = await product();
    const made = await review(me, await order(me, p), {
      skuId: p.skuId,
      stars: STARS,
      text: '图片有问题',
      photoKeys: [await photo(me), await photo(me, true)],
    });
    const hidden = await settled(me, made.body.id);
    expect(hidden).toMatchObject({ status: 'hidden', rejection: { reason: 'media_risky', label: 20002 } });
    expect(await summaryOf(p.productId)).toMatchObject({ count: 0, withPhotos: 0 });
  });

  it('a late risky verdict (the follow-up photo) hides a shown review and takes it out of the summary', async () => {
    const me = await buyer();
    const p = await product();
    const made = await review(me, await order(me, p), {
      skuId: p.skuId,
      stars: { product: 4, service: 4, delivery: 4 },
      text: '不错',
      photoKeys: [await photo(me)],
    });
    await settled(me, made.body.id);
    expect(await summaryOf(p.productId)).toEqual({ productId: p.productId, count: 1, average: 4, perStar: [0, 0, 0, 1, 0], withPhotos: 1 });
    const follow = await invoke<MyReview>(followUpRoute, {
      token: me.token,
      params: { reviewId: made.body.id },
      body: { text: '追评：用久了', photoKeys: [await photo(me, true)] },
    });
    expect(follow.status).toBe(200);
    expect(follow.body.followUp).toMatchObject({ status: 'checking' });
    const hidden = await settled(me, made.body.id, (r) => r.status === 'hidden');
    expect(hidden.rejection?.reason).toBe('follow_up_media_risky');
    expect(await summaryOf(p.productId)).toEqual({ productId: p.productId, count: 0, average: 0, perStar: [0, 0, 0, 0, 0], withPhotos: 0 });
    expect(await listed(p.productId)).toEqual([]);
    expect(await listed(p.productId, { filter: 'photos' })).toEqual([]);
  });

  it('a forged or replayed push changes nothing; a duplicated one is applied once', async () => {
    const me = await buyer();
    const p = await product();
    const made = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '等待审核', photoKeys: [await photo(me)] });
    const trace = sims.state.wechat.mediaChecks.find((c) => c.mediaUrl.includes(made.body.photos[0]!.key))!.traceId;
    const shown = await settled(me, made.body.id);
    expect(shown.status).toBe('visible');
    const before = await summaryOf(p.productId);
    const risky = JSON.stringify({ MsgType: 'event', Event: 'wxa_media_check', trace_id: trace, version: 2, result: { suggest: 'risky', label: 20001 } });
    const now = String(Math.floor(Date.now() / 1000));

    // signed with another token
    const forged = await pushHandler(pushEvent('POST', { signature: pushSignature('not-our-token', now, '1'), timestamp: now, nonce: '1' }, risky));
    expect(forged.statusCode).toBe(401);
    // unsigned
    expect((await pushHandler(pushEvent('POST', {}, risky))).statusCode).toBe(401);
    // a real signature from long ago (a replay)
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const replayed = await pushHandler(
      pushEvent('POST', { signature: pushSignature(process.env.WECHAT_MESSAGE_TOKEN!, old, '2'), timestamp: old, nonce: '2' }, risky),
    );
    expect(replayed.statusCode).toBe(401);
    expect((await mine(me, made.body.id)).status).toBe('visible');

    // properly signed, but the verdict for that trace was applied already: acknowledged, nothing changes
    const signed = { signature: pushSignature(process.env.WECHAT_MESSAGE_TOKEN!, now, '3'), timestamp: now, nonce: '3' };
    const dup = await pushHandler(pushEvent('POST', signed, risky));
    expect(dup).toMatchObject({ statusCode: 200, body: 'success' });
    expect((await mine(me, made.body.id)).status).toBe('visible');
    expect(await summaryOf(p.productId)).toEqual(before);
    // the URL check echoes echostr when signed
    expect((await pushHandler(pushEvent('GET', { ...signed, echostr: 'hello' }, ''))).body).toBe('hello');
    expect((await pushHandler(pushEvent('GET', { echostr: 'hello' }, ''))).statusCode).toBe(401);
  });

  it('the same verdict pushed many times at once is applied once', async () => {
    const me = await buyer();
    const p = await product();
    sims.state.wechat.messagePushUrl = undefined; // the test delivers the verdict itself
    try {
      const made = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '并发回调', photoKeys: [await photo(me)] });
      const trace = sims.state.wechat.mediaChecks.find((c) => c.mediaUrl.includes(made.body.photos[0]!.key))!.traceId;
      const now = String(Math.floor(Date.now() / 1000));
      const q = { signature: pushSignature(process.env.WECHAT_MESSAGE_TOKEN!, now, '9'), timestamp: now, nonce: '9' };
      const pass = JSON.stringify({ MsgType: 'event', Event: 'wxa_media_check', trace_id: trace, version: 2, result: { suggest: 'pass', label: 100 } });
      const answers = await Promise.all(Array.from({ length: 8 }, () => pushHandler(pushEvent('POST', q, pass))));
      expect(answers.every((a) => a.statusCode === 200 && a.body === 'success')).toBe(true);
      expect((await mine(me, made.body.id)).status).toBe('visible');
      expect(await summaryOf(p.productId)).toMatchObject({ count: 1, withPhotos: 1 });
      const check = await db().send(new GetCommand({ TableName: tableName(), Key: keys.mediaCheck(trace), ConsistentRead: true }));
      expect(check.Item).toMatchObject({ verdict: 'pass' });
    } finally {
      sims.state.wechat.messagePushUrl = `http://127.0.0.1:${(callback.address() as AddressInfo).port}/wechat/message-push`;
    }
  });
});

describe('the rating summary under concurrency', () => {
  it('AP106 listProductReviews, getRatingSummary: 20 concurrent reviews of one product (and their retries) are counted exactly once each', async () => {
    const p = await product();
    const buyers = await Promise.all(Array.from({ length: 20 }, () => buyer()));
    const orders = await Promise.all(buyers.map((b) => order(b, p)));
    const bodies = buyers.map((_, i) => ({ skuId: p.skuId, stars: { product: (i % 5) + 1, service: 5, delivery: 5 }, text: `第${i}条评价` }));
    const first = await Promise.all(buyers.map((b, i) => review(b, orders[i]!, bodies[i]!)));
    expect(first.map((a) => a.status)).toEqual(Array(20).fill(201));
    // every request retried at once (a client that lost the answers)
    const retried = await Promise.all(buyers.map((b, i) => review(b, orders[i]!, bodies[i]!)));
    expect(retried.map((a) => a.body.id)).toEqual(first.map((a) => a.body.id));
    expect(await summaryOf(p.productId)).toEqual({ productId: p.productId, count: 20, average: 3, perStar: [4, 4, 4, 4, 4], withPhotos: 0 });
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke<ReviewPage>(listProductRoute, {
        method: 'GET',
        params: { productId: p.productId },
        query: { limit: '7', ...(cursor ? { cursor } : {}) },
      });
      all.push(...page.body.items.map((r) => r.id));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(all)).toEqual(new Set(first.map((a) => a.body.id)));
    expect(all).toHaveLength(20);
  });
});

describe('follow-up and reply', () => {
  it('AP107 listAuthorReviews: one follow-up per review, shown when its checks pass', async () => {
    const me = await buyer();
    const p = await product();
    const made = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '初评' });
    const follow = await invoke<MyReview>(followUpRoute, { token: me.token, params: { reviewId: made.body.id }, body: { text: '追评：依然好喝' } });
    expect(follow.status).toBe(200);
    expect(follow.body.followUp).toMatchObject({ text: '追评：依然好喝', status: 'visible' });
    const second = await invoke(followUpRoute, { token: me.token, params: { reviewId: made.body.id }, body: { text: '再追一次' } });
    expect(second.status).toBe(409);
    const stranger = await buyer();
    expect((await invoke(followUpRoute, { token: stranger.token, params: { reviewId: made.body.id }, body: { text: '别人的' } })).status).toBe(404);
    const page = await invoke<ReviewPage>(listProductRoute, { method: 'GET', params: { productId: p.productId } });
    expect(page.body.items[0]!.followUp).toMatchObject({ text: '追评：依然好喝' });
  });

  it('AP108 listStoreReviews: the store replies once; another store cannot; the reply shows on the product page', async () => {
    const me = await buyer();
    const p = await product();
    const made = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '请商家回复' });
    const ownerToken = await owner.token();
    const list = await invoke<MerchantReviewPage>(listStoreRoute, { method: 'GET', token: ownerToken, params: { merchantId: store } });
    expect(list.body.items.map((r) => r.id)).toContain(made.body.id);
    const foreign = await invoke(replyRoute, {
      token: await otherOwner.token(),
      params: { merchantId: otherStore, reviewId: made.body.id },
      body: { text: '我不是这家店' },
    });
    expect(foreign.status).toBe(404);
    const reply = await invoke<MerchantReview>(replyRoute, {
      token: ownerToken,
      params: { merchantId: store, reviewId: made.body.id },
      body: { text: '感谢惠顾' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.reply).toMatchObject({ text: '感谢惠顾' });
    const again = await invoke(replyRoute, { token: ownerToken, params: { merchantId: store, reviewId: made.body.id }, body: { text: '再回复一次' } });
    expect(again.status).toBe(409);
    const risky = await review(me, await order(me, p), { skuId: p.skuId, stars: STARS, text: '第二条' });
    const refused = await invoke(replyRoute, { token: ownerToken, params: { merchantId: store, reviewId: risky.body.id }, body: { text: '诈骗' } });
    expect(refused.status).toBe(422);
    const shown = await invoke<ReviewPage>(listProductRoute, { method: 'GET', params: { productId: p.productId } });
    expect(shown.body.items.find((r) => r.id === made.body.id)?.reply).toMatchObject({ text: '感谢惠顾' });
  });
});
