/** Checks a picked file before asking for an upload ticket: type and size, with a message to show. */
import type { MessageKey } from '@wxshop/shared';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
export const MAX_CSV_BYTES = 1024 * 1024;

export type UploadCheck<T extends string> = { ok: true; contentType: T } | { ok: false; error: MessageKey };

export function checkImage(file: { type: string; size: number }): UploadCheck<ImageType> {
  const type = IMAGE_TYPES.find((t) => t === file.type);
  if (!type) return { ok: false, error: 'merchant.upload.bad_image_type' };
  if (file.size <= 0) return { ok: false, error: 'merchant.upload.empty' };
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, error: 'merchant.upload.image_too_large' };
  return { ok: true, contentType: type };
}

export function checkVideo(file: { type: string; size: number }): UploadCheck<'video/mp4'> {
  if (file.type !== 'video/mp4') return { ok: false, error: 'merchant.upload.bad_video_type' };
  if (file.size <= 0) return { ok: false, error: 'merchant.upload.empty' };
  if (file.size > MAX_VIDEO_BYTES) return { ok: false, error: 'merchant.upload.video_too_large' };
  return { ok: true, contentType: 'video/mp4' };
}

export function checkCsv(file: { type: string; size: number; name: string }): UploadCheck<'text/csv'> {
  if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') return { ok: false, error: 'merchant.upload.bad_csv_type' };
  if (file.size <= 0) return { ok: false, error: 'merchant.upload.empty' };
  if (file.size > MAX_CSV_BYTES) return { ok: false, error: 'merchant.upload.csv_too_large' };
  return { ok: true, contentType: 'text/csv' };
}
