import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { env, envOr } from './config';

let client: S3Client | undefined;

/** S3 for uploads; locally S3_ENDPOINT points at s3rver, which checks presigned signatures like S3. */
export function s3(): S3Client {
  if (!client) {
    const endpoint = process.env.S3_ENDPOINT;
    client = new S3Client({
      region: envOr('AWS_REGION', 'ap-east-1'),
      ...(endpoint ? { endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
    });
  }
  return client;
}

export const uploadsBucket = (): string => env('UPLOADS_BUCKET');

/** A presigned PUT bound to the content type and exact length, valid `expiresIn` seconds. */
export async function presignPut(key: string, contentType: string, size: number, expiresIn = 300): Promise<string> {
  return getSignedUrl(s3(), new PutObjectCommand({ Bucket: uploadsBucket(), Key: key, ContentType: contentType, ContentLength: size }), {
    expiresIn,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
}

export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: uploadsBucket(), Key: key }));
    return true;
  } catch (err) {
    if (err instanceof Error && (err.name === 'NotFound' || err.name === 'NoSuchKey')) return false;
    throw err;
  }
}
