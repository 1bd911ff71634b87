import { ulid } from 'ulid';
import { createAvatarUpload } from '@wxshop/shared/api/me';
import { http } from '../lib/http';
import { presignPut } from '../lib/storage';

const EXTENSION = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
const EXPIRES_IN = 300;

export const handler = http(createAvatarUpload, async ({ body, user }) => {
  const key = `avatars/${user.userId}/${ulid()}.${EXTENSION[body.contentType]}`;
  const uploadUrl = await presignPut(key, body.contentType, body.size, EXPIRES_IN);
  return { key, uploadUrl, method: 'PUT' as const, headers: { 'Content-Type': body.contentType }, expiresIn: EXPIRES_IN };
});
