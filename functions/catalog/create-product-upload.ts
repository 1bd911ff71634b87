import { ulid } from 'ulid';
import { createProductUpload } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import { presignPut } from '../lib/storage';
import { objectKeys, uploadKey } from '../lib/object-keys';

const EXTENSION = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'video/mp4': 'mp4', 'text/csv': 'csv' } as const;
const EXPIRES_IN = 600;

export const handler = http(createProductUpload, async ({ body, params }) => {
  const folder = body.contentType === 'text/csv' ? objectKeys.productImports(params.merchantId) : objectKeys.productMedia(params.merchantId);
  const key = uploadKey(folder, ulid(), EXTENSION[body.contentType]);
  const uploadUrl = await presignPut(key, body.contentType, body.size, EXPIRES_IN);
  return { key, uploadUrl, method: 'PUT' as const, headers: { 'Content-Type': body.contentType }, expiresIn: EXPIRES_IN };
});
