/**
 * Writing reviews (ADR 0057): a shopper's review of a line of their completed order, its one
 * follow-up, the store's one reply, and the verdicts of the media checks that decide whether it shows.
 */
import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { z } from 'zod';
import type { CreateReviewInput, FollowUpInput, MerchantReview, MyReview, Rejection } from '@wxshop/shared/reviews';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { objectKeys } from '../lib/object-keys';
import { batchGet, keyString, putNew, transact, type TxItem } from '../lib/table-ops';
import { ConflictError, NotFoundError, UnprocessableError, isConditionFailure } from '../lib/errors';
import { wechatConfig } from '../lib/adapters/config';
import { OrderItem } from '../orders/items';
import { UserItem } from '../lib/items';
import { assertUploaded } from '../merchants/uploads';
import { ReviewItem, MediaCheckItem, type MediaCheckState } from './items';
import { hideItems, putReview, showItems } from './visibility';
import { checkReviewText, startMediaChecks } from './checks';
import { toMerchantView, toMine } from './views';

type CreateInput = z.output<typeof CreateReviewInput>;
type FollowUp = z.output<typeof FollowUpInput>;

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 32);
/** Retries of a read-modify-write that lost a race to another writer of the same review. */
const RACE_ATTEMPTS = 8;

export async function readReview(reviewId: string): Promise<ReviewItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.review(reviewId), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('review');
  return ReviewItem.parse(out.Item);
}

const pendingChecks = (mediaKeys: string[], part: MediaCheckState['part']): Record<string, MediaCheckState> =>
  Object.fromEntries(mediaKeys.map((k) => [k, { part, verdict: 'pending', label: null, traceId: null } satisfies MediaCheckState]));

const rejection = (reason: Rejection['reason'], label: number, now: Date): Rejection => ({ reason, label, at: now.toISOString() });

/**
 * A review of one line of the caller's completed order. Primary course: 1. the order is the caller's
 * (404) and received (409), the line is in it (404), the media are the caller's uploads (400);
 * 2. the text is checked (risky: stored hidden, the author sees why); 3. the review and its line claim
 * are written in one transaction, shown at once (with the summary) when there is no media to check;
 * 4. media checks start, their verdicts arrive by the message push. A repeat of the same review answers
 * it (and resumes unstarted checks); another review of the same line is 409.
 */
export async function createReview(userId: string, orderId: string, raw: z.input<typeof CreateReviewInput> | CreateInput, now = new Date()): Promise<MyReview> {
  const input = raw as CreateInput;
  const appid = wechatConfig().appid;
  const claimKey = keys.orderLineReview(orderId, input.skuId);
  const found = await batchGet([keys.order(orderId), claimKey, keys.user(userId), keys.wechatPayer(userId, appid)], true);
  const orderRaw = found.get(keyString(keys.order(orderId)));
  if (!orderRaw || orderRaw.userId !== userId) throw new NotFoundError('order');
  const order = OrderItem.parse(orderRaw);
  if (order.status !== 'completed') throw new ConflictError('Confirm receipt of the order before reviewing it');
  const line = order.lines.find((l) => l.skuId === input.skuId);
  if (!line) throw new NotFoundError('order line');
  const fingerprint = digest({
    skuId: input.skuId,
    stars: input.stars,
    text: input.text,
    photoKeys: input.photoKeys,
    video: input.video,
    anonymous: input.anonymous,
  });
  const openidRaw = found.get(keyString(keys.wechatPayer(userId, appid)))?.openid;
  const openid = typeof openidRaw === 'string' ? openidRaw : undefined;

  const claim = found.get(keyString(claimKey));
  if (claim) return repeatOf(String(claim.reviewId), fingerprint, openid);

  const mediaKeys = [...input.photoKeys, ...(input.video ? [input.video.key, input.video.coverKey] : [])];
  await assertUploaded(mediaKeys, objectKeys.reviewMedia(userId), 'body.photoKeys');
  const text = await checkReviewText(input.text, openid);
  const user = found.get(keyString(keys.user(userId)));
  const checked = input.video ? [...input.photoKeys, input.video.coverKey] : input.photoKeys;
  const review: ReviewItem = {
    entity: 'Review',
    id: ulid(now.getTime()),
    orderId,
    productId: line.productId,
    skuId: line.skuId,
    merchantId: order.merchantId,
    userId,
    productTitle: line.title,
    specValues: line.specValues,
    stars: input.stars,
    text: input.text,
    photoKeys: input.photoKeys,
    video: input.video ?? null,
    anonymous: input.anonymous,
    authorName: user ? UserItem.parse(user).nickname : null,
    status: !text.pass ? 'hidden' : checked.length > 0 ? 'checking' : 'visible',
    rejection: text.pass ? null : rejection('text_risky', text.label, now),
    checks: text.pass ? pendingChecks(checked, 'review') : {},
    followUp: null,
    reply: null,
    createdAt: now.toISOString(),
    fingerprint,
    version: 1,
  };
  const items: TxItem[] = [
    putNew({ ...claimKey, entity: 'OrderLineReview', orderId, skuId: line.skuId, reviewId: review.id, userId }),
    putReview(review, null),
    ...(review.status === 'visible' ? showItems(review) : []),
  ];
  try {
    await transact(items, (failed) => (failed.includes(0) ? new LineReviewed() : new ConflictError('The review changed: try again')));
  } catch (err) {
    if (!(err instanceof LineReviewed)) throw err;
    // a concurrent create of the same line won: the same review answers it, another is refused
    const again = await db().send(new GetCommand({ TableName: tableName(), Key: claimKey, ConsistentRead: true }));
    return repeatOf(String(again.Item?.reviewId), fingerprint, openid);
  }
  if (review.status === 'checking') await startMediaChecks(review, openid, now);
  return toMine(await readReview(review.id));
}

class LineReviewed extends ConflictError {
  constructor() {
    super('This line is reviewed already');
  }
}

async function repeatOf(reviewId: string, fingerprint: string, openid: string | undefined): Promise<MyReview> {
  const existing = await readReview(reviewId);
  if (existing.fingerprint !== fingerprint) throw new ConflictError('This line is reviewed already (a follow-up can be added once)');
  if (existing.status === 'checking') await startMediaChecks(existing, openid);
  return toMine(await readReview(reviewId));
}

/**
 * The one follow-up of the caller's shown review. Checked like the review; a risky follow-up hides the
 * whole review (and takes it out of the summary). A repeat of the same follow-up answers it.
 */
export async function addFollowUp(userId: string, reviewId: string, raw: z.input<typeof FollowUpInput> | FollowUp, now = new Date()): Promise<MyReview> {
  const input = raw as FollowUp;
  const review = await readReview(reviewId);
  if (review.userId !== userId) throw new NotFoundError('review');
  const fingerprint = digest({ text: input.text, photoKeys: input.photoKeys });
  const openid = await openidOf(userId);
  if (review.followUp) {
    if (review.followUp.fingerprint !== fingerprint) throw new ConflictError('A review takes one follow-up');
    if (review.followUp.status === 'checking') await startMediaChecks(review, openid);
    return toMine(await readReview(reviewId));
  }
  if (review.status !== 'visible') throw new ConflictError('Only a shown review takes a follow-up');
  await assertUploaded(input.photoKeys, objectKeys.reviewMedia(userId), 'body.photoKeys');
  const text = await checkReviewText(input.text, openid);
  const next: ReviewItem = {
    ...review,
    followUp: {
      text: input.text,
      photoKeys: input.photoKeys,
      status: !text.pass ? 'hidden' : input.photoKeys.length > 0 ? 'checking' : 'visible',
      createdAt: now.toISOString(),
      fingerprint,
    },
    checks: { ...review.checks, ...(text.pass ? pendingChecks(input.photoKeys, 'followUp') : {}) },
    ...(text.pass ? {} : { status: 'hidden' as const, rejection: rejection('follow_up_text_risky', text.label, now) }),
    version: review.version + 1,
  };
  await transact([putReview(next, review.version), ...(text.pass ? [] : hideItems(review))], () => new ConflictError('The review changed: try again'));
  if (next.followUp?.status === 'checking') await startMediaChecks(next, openid, now);
  return toMine(await readReview(reviewId));
}

async function openidOf(userId: string): Promise<string | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.wechatPayer(userId, wechatConfig().appid) }));
  return typeof out.Item?.openid === 'string' ? out.Item.openid : undefined;
}

/** The store's one reply to a shown review of its products; its text is checked (risky: 422). A repeat of the same reply answers it. */
export async function replyToReview(merchantId: string, reviewId: string, text: string, staffId: string, now = new Date()): Promise<MerchantReview> {
  const review = await readReview(reviewId);
  if (review.merchantId !== merchantId) throw new NotFoundError('review');
  if (review.reply) {
    if (review.reply.text === text) return toMerchantView(review);
    throw new ConflictError('The store has replied to this review already');
  }
  if (review.status !== 'visible') throw new ConflictError('Only a shown review takes a reply');
  const check = await checkReviewText(text, undefined);
  if (!check.pass) throw new UnprocessableError('The reply did not pass the content check');
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.review(reviewId),
        UpdateExpression: 'SET #r = :r ADD #v :one',
        // the item holds `reply: null` until the store replies
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#r) OR #r = :none) AND #s = :visible',
        ExpressionAttributeNames: { '#r': 'reply', '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':r': { text, at: now.toISOString(), by: staffId }, ':one': 1, ':visible': 'visible', ':none': null },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    const latest = await readReview(reviewId);
    if (latest.reply?.text === text) return toMerchantView(latest);
    throw new ConflictError(latest.reply ? 'The store has replied to this review already' : 'Only a shown review takes a reply');
  }
  return toMerchantView(await readReview(reviewId));
}

/** A verdict no check of ours is waiting for (not recorded yet, or never ours): the push is not acknowledged. */
export class UnknownMediaCheck extends Error {
  override name = 'UnknownMediaCheck';
}

/**
 * Applies the verdict of one media check, once: the check item records it in the same transaction as
 * the review changes, so a duplicated push changes nothing. pass: when it was the part's last check,
 * the review (or its follow-up) shows; risky or review: the review is hidden, and leaves the summary if
 * it was shown. @returns whether this push changed anything
 */
export async function applyMediaVerdict(traceId: string, suggest: 'pass' | 'review' | 'risky', label: number, now = new Date()): Promise<boolean> {
  for (let attempt = 0; attempt < RACE_ATTEMPTS; attempt += 1) {
    const checkOut = await db().send(new GetCommand({ TableName: tableName(), Key: keys.mediaCheck(traceId), ConsistentRead: true }));
    if (!checkOut.Item) throw new UnknownMediaCheck(traceId);
    const check = MediaCheckItem.parse(checkOut.Item);
    if (check.verdict) return false;
    const review = await readReview(check.reviewId);
    const state = review.checks[check.mediaKey];
    const next = decide(review, check.mediaKey, suggest, label, now);
    const items: TxItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: keys.mediaCheck(traceId),
          UpdateExpression: 'SET #verdict = :verdict, #at = :at',
          ConditionExpression: 'attribute_not_exists(#verdict)',
          ExpressionAttributeNames: { '#verdict': 'verdict', '#at': 'appliedAt' },
          ExpressionAttributeValues: { ':verdict': suggest, ':at': now.toISOString() },
        },
      },
    ];
    if (state && state.verdict === 'pending') {
      items.push(putReview(next, review.version));
      if (review.status !== 'visible' && next.status === 'visible') items.push(...showItems(next));
      if (review.status === 'visible' && next.status !== 'visible') items.push(...hideItems(review));
    }
    try {
      await transact(items, (failed) => new VerdictRace(failed));
      return true;
    } catch (err) {
      if (!(err instanceof VerdictRace)) throw err;
      if (err.failed.includes(0)) return false;
    }
  }
  throw new ConflictError('The review kept changing: the verdict is applied on the next push');
}

class VerdictRace extends Error {
  constructor(readonly failed: number[]) {
    super('verdict race');
  }
}

/** The review after one verdict (pure). */
export function decide(review: ReviewItem, mediaKey: string, suggest: 'pass' | 'review' | 'risky', label: number, now: Date): ReviewItem {
  const state = review.checks[mediaKey];
  if (!state) return review;
  const checks = { ...review.checks, [mediaKey]: { ...state, verdict: suggest, label } };
  const next: ReviewItem = { ...review, checks, version: review.version + 1 };
  if (suggest !== 'pass') {
    if (review.status === 'hidden') return next;
    const reason = state.part === 'review' ? 'media_risky' : 'follow_up_media_risky';
    return {
      ...next,
      status: 'hidden',
      rejection: rejection(reason, label, now),
      followUp: state.part === 'followUp' && review.followUp ? { ...review.followUp, status: 'hidden' } : review.followUp,
    };
  }
  const partDone = Object.values(checks).every((c) => c.part !== state.part || c.verdict === 'pass');
  if (!partDone) return next;
  if (state.part === 'review' && review.status === 'checking') return { ...next, status: 'visible' };
  if (state.part === 'followUp' && review.followUp?.status === 'checking' && review.status === 'visible')
    return { ...next, followUp: { ...review.followUp, status: 'visible' } };
  return next;
}
