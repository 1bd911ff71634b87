import { ulid } from 'ulid';
import { createReviewUpload } from '@wxshop/shared/api/review';
import { http } from '../lib/http';
import { presignPut } from '../lib/storage';
import { objectKeys, uploadKey } from '../lib/object-keys';

const EXTENSION = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'video/mp4': 'mp4' } as const;
const EXPIRES_IN = 600;

export const handler = http(createReviewUpload, async ({ body, user }) => {
  const key = uploadKey(objectKeys.reviewMedia(user.userId), ulid(), EXTENSION[body.contentType]);
  const uploadUrl = await presignPut(key, body.contentType, body.size, EXPIRES_IN);
  return { key, uploadUrl, method: 'PUT' as const, headers: { 'Content-Type': body.contentType }, expiresIn: EXPIRES_IN };
});
