/**
 * Shares (ADR 0065): a distributor's share of a store, a product or a personal invite is one short
 * `scene` (12 characters of wxacode.getUnlimited's set) mapped to the share in the table (AP132), one
 * per distributor and target (AP133). Its mini-program code is generated ONCE through WeChat's
 * getwxacodeunlimit, stored in S3 under `shares/<scene>.png` and reused; the H5 link carries the scene.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { CreateShareInput, Share, ShareChannel, ShareKind, ShareTarget } from '@wxshop/shared/distribution';
import type { z } from 'zod';
import { db, tableName } from '../lib/table';
import { keys, ttlIn } from '../lib/keys';
import { objectKeys } from '../lib/object-keys';
import { envOr } from '../lib/config';
import { batchGet, keyString, putIfAbsent, putNew, transact, TransactionConditionError } from '../lib/table-ops';
import { ForbiddenError, NotFoundError, isConditionFailure } from '../lib/errors';
import { putObject } from '../lib/storage';
import { getUnlimitedQrCode } from '../lib/adapters/wechat';
import { OwnShareItem, ShareItem } from './items';
import { isDistributor } from './distributors';

/** The page a share opens (no leading slash: the form getwxacodeunlimit takes). */
export const PAGE_OF: Record<ShareKind, string> = {
  store: 'shop/pages/store/index',
  product: 'shop/pages/product/index',
  invite: 'pages/home/index',
};

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz';
const SCENE_LENGTH = 12;
/** A random scene: 12 of 54 letters and digits (about 69 bits); unique by the AP132 put. */
export const newScene = (): string => Array.from(randomBytes(SCENE_LENGTH), (b) => ALPHABET[b % ALPHABET.length]).join('');

const VISIT_TTL_S = 180 * 86400;

const publicUrl = (key: string): string => `${envOr('UPLOADS_PUBLIC_BASE', 'http://127.0.0.1:4569/wxshop-uploads')}/${key}`;

/** The copyable H5 link of a share: the page with its target and the scene. */
export function linkOf(s: Pick<ShareItem, 'kind' | 'targetId' | 'page' | 'scene'>): string {
  const url = new URL(`/${s.page}`, new URL(envOr('H5_ORIGIN', 'http://127.0.0.1:8080')).origin);
  if (s.kind !== 'invite' && s.targetId) url.searchParams.set('id', s.targetId);
  url.searchParams.set('scene', s.scene);
  return url.toString();
}

const toShare = (s: ShareItem & { qrKey: string }): Share => ({
  scene: s.scene,
  kind: s.kind,
  targetId: s.targetId,
  page: s.page,
  link: linkOf(s),
  qrUrl: publicUrl(s.qrKey),
  createdAt: s.createdAt,
});

export async function readShare(scene: string): Promise<ShareItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.share(scene), ConsistentRead: true }));
  return out.Item ? ShareItem.parse(out.Item) : undefined;
}

/** A store that exists, or a product on sale: what may be shared. */
async function assertTarget(kind: ShareKind, targetId: string | null): Promise<void> {
  if (kind === 'invite' || !targetId) return;
  const key = kind === 'store' ? keys.merchant(targetId) : keys.product(targetId);
  const item = (await batchGet([key])).get(keyString(key));
  if (!item || (kind === 'product' && item.onSale !== true)) throw new NotFoundError(kind);
}

/** The distributor's share of the target: found (AP133), or made with its scene in one transaction. */
async function findOrMake(userId: string, kind: ShareKind, targetId: string | null, now: Date): Promise<ShareItem> {
  const own = keys.ownShare(userId, kind, targetId);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const found = (await batchGet([own], true)).get(keyString(own));
    if (found) {
      const share = await readShare(OwnShareItem.parse(found).scene);
      if (share) return share;
    }
    const share: ShareItem = {
      entity: 'Share',
      scene: newScene(),
      kind,
      targetId,
      page: PAGE_OF[kind],
      distributorId: userId,
      qrKey: null,
      createdAt: now.toISOString(),
    };
    try {
      await transact([putNew({ ...own, entity: 'OwnShare', scene: share.scene }), putNew({ ...keys.share(share.scene), ...share })]);
      return share;
    } catch (err) {
      // another request made this share first (item 0), or the scene was taken (item 1): look again
      if (!(err instanceof TransactionConditionError)) throw err;
    }
  }
  throw new Error('could not make a share');
}

/**
 * The caller's share of a store, a product or an invite. Primary course:
 * 1. the caller must be an approved distributor (403), the target a store or a product on sale (404);
 * 2. the share is found or made (AP133 + AP132);
 * 3. without a stored code: getwxacodeunlimit for `page?scene=`, the PNG put to S3, its key set on the
 *    share only if none is set (a concurrent first request stores the same image under the same key).
 */
export async function createShare(userId: string, input: z.output<typeof CreateShareInput>, now = new Date()): Promise<Share> {
  if (!(await isDistributor(userId))) throw new ForbiddenError('only distributors share');
  const targetId = input.targetId ?? null;
  await assertTarget(input.kind, targetId);
  const share = await findOrMake(userId, input.kind, targetId, now);
  if (share.qrKey) return toShare({ ...share, qrKey: share.qrKey });
  const qrKey = objectKeys.shareCode(share.scene);
  const png = await getUnlimitedQrCode({ scene: share.scene, page: share.page, checkPath: false });
  await putObject({ Key: qrKey, Body: png, ContentType: 'image/png', CacheControl: 'public, max-age=31536000, immutable' });
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.share(share.scene),
        UpdateExpression: 'SET qrKey = :k',
        ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(qrKey) OR qrKey = :null)',
        ExpressionAttributeValues: { ':k': qrKey, ':null': null },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
  return toShare({ ...share, qrKey });
}

/** Records one opening of a share (AP134) and answers what it opens (404 for an unknown scene). */
export async function recordVisit(scene: string, channel: ShareChannel, now = new Date()): Promise<ShareTarget> {
  const share = await readShare(scene);
  if (!share) throw new NotFoundError('share');
  await putIfAbsent({
    ...keys.shareVisit(scene, ulid(now.getTime())),
    entity: 'ShareVisit',
    scene,
    channel,
    at: now.toISOString(),
    expiresAt: ttlIn(VISIT_TTL_S, now.getTime()),
  });
  return { scene, kind: share.kind, targetId: share.targetId, page: share.page };
}
