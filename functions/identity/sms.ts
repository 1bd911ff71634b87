import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { AppError, BadRequestError, RateLimitedError, isConditionFailure } from '../lib/errors';
import { hit } from '../lib/rate-limit';
import { env, envOr } from '../lib/config';
import { sendSms } from '../lib/adapters/sms';
import { logger } from '../lib/logger';

export const SMS_CODE_TTL_S = 5 * 60;
export const SMS_RESEND_AFTER_S = 60;
export const SMS_MAX_ATTEMPTS = 5;
export const SMS_DAILY_LIMIT_PER_PHONE = 10;

export type SmsPurpose = 'login' | 'bind';

const Challenge = z.object({ codeHash: z.string(), attempts: z.number().int(), sentAt: z.number().int(), expiresAt: z.number().int() });

const hashCode = (phone: string, purpose: string, code: string): string =>
  createHmac('sha256', env('JWT_SECRET')).update(`${phone}:${purpose}:${code}`).digest('base64url');

/**
 * Sends a fresh 6-digit code (only its HMAC is stored). One per phone per minute, ten per phone per day.
 * The code is valid for 5 minutes, once, and five wrong tries void it.
 */
export async function sendCode(phone: string, purpose: SmsPurpose): Promise<{ resendAfter: number; expiresIn: number }> {
  const now = Math.floor(Date.now() / 1000);
  const key = keys.smsChallenge(phone, purpose);
  const existing = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  if (existing.Item) {
    const wait = Challenge.parse(existing.Item).sentAt + SMS_RESEND_AFTER_S - now;
    if (wait > 0) throw new RateLimitedError(wait, 'rate_limited', 'A code was sent a moment ago: wait before asking again');
  }
  await hit({ bucket: `sms:${purpose}:phone-day`, subject: phone, limit: SMS_DAILY_LIMIT_PER_PHONE, per: 86400 });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key, entity: 'SmsChallenge', codeHash: hashCode(phone, purpose, code), attempts: 0, sentAt: now, expiresAt: now + SMS_CODE_TTL_S },
        ConditionExpression: 'attribute_not_exists(PK) OR sentAt <= :before',
        ExpressionAttributeValues: { ':before': now - SMS_RESEND_AFTER_S },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new RateLimitedError(SMS_RESEND_AFTER_S, 'rate_limited', 'A code was sent a moment ago: wait before asking again');
    throw err;
  }
  try {
    await sendSms({ phone, templateId: envOr('SMS_TEMPLATE_LOGIN', 'LOGIN_CODE'), params: [code, String(SMS_CODE_TTL_S / 60)] });
  } catch (err) {
    logger.error('sms send failed', { err: String(err) });
    await db().send(new DeleteCommand({ TableName: tableName(), Key: key }));
    throw new AppError('upstream_unavailable', 503, 'The SMS could not be sent: try again shortly');
  }
  return { resendAfter: SMS_RESEND_AFTER_S, expiresIn: SMS_CODE_TTL_S };
}

/** Checks and consumes a code. Wrong codes count; the right one works exactly once. */
export async function verifyCode(phone: string, purpose: SmsPurpose, code: string): Promise<void> {
  const key = keys.smsChallenge(phone, purpose);
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  const invalid = new BadRequestError('The code is wrong or has been used', { code: 'wrong or used code' }, 'sms_code_invalid');
  if (!out.Item) throw invalid;
  const challenge = Challenge.parse(out.Item);
  const now = Math.floor(Date.now() / 1000);
  if (challenge.attempts >= SMS_MAX_ATTEMPTS)
    throw new AppError('sms_code_attempts_exceeded', 429, 'Too many wrong codes: ask for a new one', { retryAfter: 0 });
  if (challenge.expiresAt <= now) throw new BadRequestError('The code has expired: ask for a new one', { code: 'expired' }, 'sms_code_expired');
  const expected = Buffer.from(challenge.codeHash);
  const actual = Buffer.from(hashCode(phone, purpose, code));
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    await db()
      .send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      )
      .catch((err: unknown) => {
        if (!isConditionFailure(err)) throw err;
      });
    throw invalid;
  }
  try {
    await db().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: key,
        ConditionExpression: 'codeHash = :h AND attempts < :max',
        ExpressionAttributeValues: { ':h': challenge.codeHash, ':max': SMS_MAX_ATTEMPTS },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw invalid;
    throw err;
  }
}
