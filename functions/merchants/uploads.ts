import { ulid } from 'ulid';
import type { ImageUploadRequest } from '@wxshop/shared/merchants';
import type { UploadTicket } from '@wxshop/shared/users';
import { envOr } from '../lib/config';
import { BadRequestError } from '../lib/errors';
import { objectExists, presignGet, presignPut } from '../lib/storage';
import { uploadKey } from '../lib/object-keys';

const EXTENSION = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
const PUT_EXPIRES_IN = 300;
const GET_EXPIRES_IN = 600;

/**
 * A presigned PUT for one image under `prefix` (e.g. `applications/<uid>/`), bound to its content
 * type and exact size: S3 refuses any other length, so the size limit of the request holds.
 */
export async function imageUploadTicket(prefix: string, request: ImageUploadRequest): Promise<UploadTicket> {
  const key = uploadKey(prefix, ulid(), EXTENSION[request.contentType]);
  const uploadUrl = await presignPut(key, request.contentType, request.size, PUT_EXPIRES_IN);
  return { key, uploadUrl, method: 'PUT', headers: { 'Content-Type': request.contentType }, expiresIn: PUT_EXPIRES_IN };
}

/** The public URL of an image in the uploads bucket (store images, category icons). */
export const publicImageUrl = (key: string | undefined | null): string | null =>
  key ? `${envOr('UPLOADS_PUBLIC_BASE', 'http://127.0.0.1:4569/wxshop-uploads')}/${key}` : null;

/** A short-lived signed GET for a private upload (application documents). */
export async function privateImageUrl(key: string): Promise<string> {
  return presignGet(key, GET_EXPIRES_IN);
}

/**
 * Checks that each key is under `prefix` (the caller's own uploads) and was uploaded.
 * `field` names the body field in the 400 answer.
 */
export async function assertUploaded(keys: readonly string[], prefix: string, field: string): Promise<void> {
  for (const key of keys) if (!key.startsWith(prefix)) throw new BadRequestError('That upload is not yours', { [field]: `not an upload of yours: ${key}` });
  const found = await Promise.all(keys.map((k) => objectExists(k)));
  const missing = keys.filter((_, i) => !found[i]);
  if (missing.length > 0) throw new BadRequestError('Upload the image first', { [field]: `no such upload: ${missing.join(', ')}` });
}
