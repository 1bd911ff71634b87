import type { GetObjectCommandOutput, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { env, envOr } from './config';

/**
 * The S3 SDK loads on first use, not with the module: most functions never touch S3, and requiring
 * the client and the presigner costs every cold start tens of milliseconds (docs/performance.md).
 * This module is the only one that imports `@aws-sdk/client-s3`.
 */
const sdk = () => import('@aws-sdk/client-s3');
const presigner = () => import('@aws-sdk/s3-request-presigner');

let client: Promise<S3Client> | undefined;

/** S3 for uploads; locally S3_ENDPOINT points at s3rver, which checks presigned signatures like S3. */
export function s3(): Promise<S3Client> {
  client ??= sdk().then(({ S3Client }) => {
    const endpoint = process.env.S3_ENDPOINT;
    return new S3Client({
      region: envOr('AWS_REGION', 'ap-east-1'),
      ...(endpoint ? { endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
    });
  });
  return client;
}

export const uploadsBucket = (): string => env('UPLOADS_BUCKET');

/** A presigned PUT bound to the content type and exact length, valid `expiresIn` seconds. */
export async function presignPut(key: string, contentType: string, size: number, expiresIn = 300): Promise<string> {
  const [{ PutObjectCommand }, { getSignedUrl }, client] = await Promise.all([sdk(), presigner(), s3()]);
  return getSignedUrl(client, new PutObjectCommand({ Bucket: uploadsBucket(), Key: key, ContentType: contentType, ContentLength: size }), {
    expiresIn,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
}

/** A presigned GET of one object, valid `expiresIn` seconds. */
export async function presignGet(key: string, expiresIn: number): Promise<string> {
  const [{ GetObjectCommand }, { getSignedUrl }, client] = await Promise.all([sdk(), presigner(), s3()]);
  return getSignedUrl(client, new GetObjectCommand({ Bucket: uploadsBucket(), Key: key }), { expiresIn });
}

/** One object of the uploads bucket (S3 errors, e.g. `NoSuchKey`, are the caller's to map). */
export async function getObject(key: string): Promise<GetObjectCommandOutput> {
  const [{ GetObjectCommand }, client] = await Promise.all([sdk(), s3()]);
  return client.send(new GetObjectCommand({ Bucket: uploadsBucket(), Key: key }));
}

/** Writes one object into the uploads bucket. */
export async function putObject(input: Omit<PutObjectCommandInput, 'Bucket'>): Promise<void> {
  const [{ PutObjectCommand }, client] = await Promise.all([sdk(), s3()]);
  await client.send(new PutObjectCommand({ ...input, Bucket: uploadsBucket() }));
}

export async function objectExists(key: string): Promise<boolean> {
  try {
    const [{ HeadObjectCommand }, client] = await Promise.all([sdk(), s3()]);
    await client.send(new HeadObjectCommand({ Bucket: uploadsBucket(), Key: key }));
    return true;
  } catch (err) {
    if (err instanceof Error && (err.name === 'NotFound' || err.name === 'NoSuchKey')) return false;
    throw err;
  }
}
