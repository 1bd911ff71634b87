import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { uploadsBucket } from '../../../functions/lib/storage';

/** What the stack holds outside the table: S3 objects (key -> ETag) and messages the simulators sent. */
export interface SideEffects {
  objects: Map<string, string>;
  sms: number;
  wechatMessages: number;
}

async function count(url: string): Promise<number> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { messages?: unknown[] };
  if (!Array.isArray(body.messages)) throw new Error(`${url}: no messages array in ${JSON.stringify(body).slice(0, 200)}`);
  return body.messages.length;
}

/** Reads every object of the uploads bucket and the SMS and WeChat message logs of the simulators. */
export async function sideEffects(sims: string): Promise<SideEffects> {
  const objects = new Map<string, string>();
  let token: string | undefined;
  // a client of its own, closed after: the handlers' shared one would keep jest from exiting
  const s3 = new S3Client({
    region: 'ap-east-1',
    endpoint: process.env.S3_ENDPOINT,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  try {
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: uploadsBucket(), ContinuationToken: token }));
      for (const o of page.Contents ?? []) objects.set(o.Key!, o.ETag ?? '');
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } finally {
    s3.destroy();
  }
  const [sms, wechatMessages] = await Promise.all([count(`${sims}/_sim/sms/messages`), count(`${sims}/_sim/wechat/messages`)]);
  return { objects, sms, wechatMessages };
}

/** The differences, as sentences (none when nothing happened outside the table). */
export function diffSideEffects(before: SideEffects, after: SideEffects): string[] {
  const out: string[] = [];
  for (const [key, etag] of after.objects) {
    if (!before.objects.has(key)) out.push(`S3 object added: ${key}`);
    else if (before.objects.get(key) !== etag) out.push(`S3 object overwritten: ${key}`);
  }
  for (const key of before.objects.keys()) if (!after.objects.has(key)) out.push(`S3 object deleted: ${key}`);
  if (after.sms !== before.sms) out.push(`SMS sent: ${after.sms - before.sms}`);
  if (after.wechatMessages !== before.wechatMessages) out.push(`WeChat messages sent: ${after.wechatMessages - before.wechatMessages}`);
  return out;
}
