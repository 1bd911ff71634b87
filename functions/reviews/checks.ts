/**
 * Content checks of reviews through WeChat's content security (ADR 0057): text synchronously with
 * msg_sec_check, images (photos, the video's cover) with media_check_async, whose verdict comes back
 * by the message push (`applyMediaVerdict`).
 */
import { checkMediaAsync, checkText, checkTextWithoutOpenid, type TextCheckResult } from '../lib/adapters/wechat';
import { presignGet } from '../lib/storage';
import { keys } from '../lib/keys';
import { tableName } from '../lib/table';
import { transact } from '../lib/table-ops';
import { logger } from '../lib/logger';
import { ExternalServiceError } from '../lib/adapters/config';
import { AppError } from '../lib/errors';

/** WeChat's content security did not answer: 503, nothing is written, the client tries again. */
async function upstream<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ExternalServiceError) {
      logger.warn('content check unavailable', { err: err.message });
      throw new AppError('upstream_unavailable', 503, 'The content check is unavailable: try again shortly');
    }
    throw err;
  }
}
import type { MediaCheckItem, ReviewItem } from './items';

/** msg_sec_check scene 2: comments. */
const COMMENT_SCENE = 2;
/** How long WeChat may take to fetch a media file it checks. */
const MEDIA_URL_TTL_S = 3600;

/** Checks a text of `openid`'s author (v2), or of an author without one (v1). */
export async function checkReviewText(content: string, openid: string | undefined): Promise<TextCheckResult> {
  return upstream(() => (openid ? checkText({ content, openid, scene: COMMENT_SCENE }) : checkTextWithoutOpenid(content)));
}

/**
 * Starts the media checks of a review that are not started yet, recording each trace id (AP110) and
 * on the review. Safe to run again: a repeated create or follow-up resumes checks a crash left unstarted.
 * A check whose recording lost a race (the review changed) is recorded on the next run.
 */
export async function startMediaChecks(review: ReviewItem, openid: string | undefined, now = new Date()): Promise<void> {
  for (const [mediaKey, check] of Object.entries(review.checks)) {
    if (check.traceId !== null || check.verdict !== 'pending') continue;
    const mediaUrl = await presignGet(mediaKey, MEDIA_URL_TTL_S);
    const { traceId } = await upstream(() => checkMediaAsync({ mediaUrl, openid, scene: COMMENT_SCENE }));
    const item: MediaCheckItem = { entity: 'MediaCheck', traceId, reviewId: review.id, mediaKey, startedAt: now.toISOString() };
    try {
      await transact([
        { Put: { TableName: tableName(), Item: { ...keys.mediaCheck(traceId), ...item }, ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Update: {
            TableName: tableName(),
            Key: keys.review(review.id),
            // bumps the version: a writer that read the review before this retries instead of losing the trace id
            UpdateExpression: 'SET #c.#k.#t = :t ADD #v :one',
            ConditionExpression: 'attribute_exists(#c.#k)',
            ExpressionAttributeNames: { '#c': 'checks', '#k': mediaKey, '#t': 'traceId', '#v': 'version' },
            ExpressionAttributeValues: { ':t': traceId, ':one': 1 },
          },
        },
      ]);
    } catch (err) {
      logger.warn('media check not recorded', { reviewId: review.id, mediaKey, err: String(err) });
      throw err;
    }
  }
}
