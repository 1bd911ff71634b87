import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  LayoutBlockInput,
  isSellingStatus,
  type InboxMessage,
  type PublicStore,
  type StoreProfile,
  type UpdateStoreProfileInput,
  InboxMessage as InboxMessageSchema,
} from '@wxshop/shared/merchants';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { BadRequestError, ConflictError, NotFoundError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { existingCategoryIds } from '../categories/categories';
import { batchGet, changesExpression, keyString, queryPage } from '../lib/table-ops';
import { layoutCategoryIds, layoutImageKeys, layoutProblems, layoutProductIds, toLayoutBlock } from './rules';
import {
  MerchantItem,
  StaleMerchantError,
  StoreNameTakenError,
  getMerchant,
  normalizeName,
  staffCopyUpdates,
  staffUnchanged,
  isStale,
  withRetries,
  type TransactItem,
} from './merchants';
import { assertUploaded, publicImageUrl } from './uploads';
import { objectKeys } from '../lib/object-keys';

/** AP25: the store home layout, one item per merchant. */
const LayoutItem = z.object({ entity: z.literal('StoreLayout'), merchantId: z.string(), blocks: z.array(LayoutBlockInput), updatedAt: z.string() });

const imageUrl = (key: string): string => publicImageUrl(key) ?? '';

/** AP10 + AP25 in one BatchGet: the merchant and its layout. */
async function readStore(merchantId: string): Promise<{ merchant: MerchantItem; blocks: LayoutBlockInput[] }> {
  const table = tableName();
  const out = await db().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [keys.merchant(merchantId), keys.storeLayout(merchantId)] } } }));
  const items = out.Responses?.[table] ?? [];
  const merchantRaw = items.find((i) => i.SK === keys.merchant(merchantId).SK);
  if (!merchantRaw) throw new NotFoundError('store');
  const layoutRaw = items.find((i) => i.SK === keys.storeLayout(merchantId).SK);
  return { merchant: MerchantItem.parse(merchantRaw), blocks: layoutRaw ? LayoutItem.parse(layoutRaw).blocks : [] };
}

function toStoreProfile(merchant: MerchantItem, blocks: LayoutBlockInput[]): StoreProfile {
  return {
    id: merchant.id,
    name: merchant.name,
    status: merchant.status,
    statusReason: merchant.statusReason ?? null,
    statusChangedAt: merchant.statusChangedAt ?? null,
    selling: isSellingStatus(merchant.status),
    currency: merchant.currency,
    intro: merchant.intro ?? null,
    logoKey: merchant.logoKey ?? null,
    logoUrl: publicImageUrl(merchant.logoKey),
    bannerKey: merchant.bannerKey ?? null,
    bannerUrl: publicImageUrl(merchant.bannerKey),
    blocks: blocks.map((b) => toLayoutBlock(b, imageUrl)),
    createdAt: merchant.createdAt,
  };
}

/** The store as its staff see it: profile, layout, platform status and its reason. */
export async function getStoreProfile(merchantId: string): Promise<StoreProfile> {
  const { merchant, blocks } = await readStore(merchantId);
  return toStoreProfile(merchant, blocks);
}

/** The store page for shoppers. Suspended and closed stores are shown with selling=false. */
export async function getPublicStore(merchantId: string): Promise<PublicStore> {
  const { merchant, blocks } = await readStore(merchantId);
  const p = toStoreProfile(merchant, blocks);
  return { id: p.id, name: p.name, status: p.status, selling: p.selling, intro: p.intro, logoUrl: p.logoUrl, bannerUrl: p.bannerUrl, blocks: p.blocks };
}

/**
 * Changes the store profile. Primary course: 1. new images must be this store's uploads;
 * 2. one transaction updates the merchant and, on a rename, swaps the unique name items and copies
 * the name onto every staff item (guarded by the staff revision; retried when staff changed meanwhile).
 * A closed store cannot be edited.
 */
export async function updateStoreProfile(merchantId: string, changes: UpdateStoreProfileInput): Promise<StoreProfile> {
  if (changes.logoKey) await assertUploaded([changes.logoKey], objectKeys.storeImages(merchantId), 'body.logoKey');
  if (changes.bannerKey) await assertUploaded([changes.bannerKey], objectKeys.storeImages(merchantId), 'body.bannerKey');
  await withRetries(() => writeProfile(merchantId, changes), isStale);
  return getStoreProfile(merchantId);
}

async function writeProfile(merchantId: string, changes: UpdateStoreProfileInput): Promise<void> {
  const merchant = await getMerchant(merchantId, true);
  if (merchant.status === 'closed') throw new ConflictError('A closed store cannot be changed');
  const now = new Date().toISOString();
  const guard = staffUnchanged(merchant);
  const update = changesExpression(changes, { updatedAt: now });
  const renamed = changes.name !== undefined && changes.name !== merchant.name;
  const nameKeyChanged = renamed && normalizeName(changes.name!) !== normalizeName(merchant.name);
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName(),
        Key: keys.merchant(merchantId),
        UpdateExpression: update.UpdateExpression,
        ConditionExpression: `attribute_exists(PK) AND #name = :oldName AND ${guard.expression}`,
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#name': 'name' },
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':oldName': merchant.name, ...guard.values },
      },
    },
  ];
  if (nameKeyChanged) {
    items.push(
      { Delete: { TableName: tableName(), Key: keys.merchantName(normalizeName(merchant.name)) } },
      {
        Put: {
          TableName: tableName(),
          Item: { ...keys.merchantName(normalizeName(changes.name!)), entity: 'MerchantName', merchantId },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    );
  }
  if (renamed) items.push(...(await staffCopyUpdates(merchant, { merchantName: changes.name })));
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    if (nameKeyChanged && failedConditionIndexes(err).includes(2)) throw new StoreNameTakenError(changes.name!);
    throw new StaleMerchantError();
  }
}

/**
 * Replaces the store's home layout (AP25). Images must be this store's uploads, categories must exist,
 * and products must be this store's (any status: a draft may be featured before it is approved;
 * shoppers' cards skip products that are not on sale).
 */
export async function updateStoreLayout(merchantId: string, blocks: LayoutBlockInput[]): Promise<StoreProfile> {
  const problems = layoutProblems(merchantId, blocks);
  if (Object.keys(problems).length > 0) throw new BadRequestError('The layout is not valid: see fields', problems);
  const categoryIds = layoutCategoryIds(blocks);
  if (categoryIds.length > 0) {
    const existing = await existingCategoryIds();
    const unknown = categoryIds.filter((id) => !existing.has(id));
    if (unknown.length > 0) throw new BadRequestError('No such category', { 'body.blocks': `no such category: ${unknown.join(', ')}` });
  }
  const productIds = layoutProductIds(blocks);
  if (productIds.length > 0) {
    const found = await batchGet(productIds.map((id) => keys.product(id)));
    const foreign = productIds.filter((id) => found.get(keyString(keys.product(id)))?.merchantId !== merchantId);
    if (foreign.length > 0)
      throw new BadRequestError('No such product in this store', { 'body.blocks': `no such product in this store: ${foreign.join(', ')}` });
  }
  await assertUploaded(layoutImageKeys(blocks), objectKeys.storeImages(merchantId), 'body.blocks');
  const merchant = await getMerchant(merchantId, true);
  if (merchant.status === 'closed') throw new ConflictError('A closed store cannot be changed');
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.storeLayout(merchantId), entity: 'StoreLayout', merchantId, blocks, updatedAt: new Date().toISOString() },
    }),
  );
  return getStoreProfile(merchantId);
}

const InboxItem = InboxMessageSchema.extend({ entity: z.literal('MerchantInboxMessage') });

/** AP26: the store's messages from the platform, newest first. */
export async function listInbox(merchantId: string, limit = 20, cursor?: string): Promise<{ items: InboxMessage[]; nextCursor: string | null }> {
  const p = keys.merchantInboxPrefix(merchantId);
  const out = await queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': p.PK, ':prefix': p.SKPrefix },
      ScanIndexForward: false,
    },
    { limit: limit, cursor: cursor, expected: { PK: p.PK } },
  );
  const items = out.items
    .map((i) => InboxItem.parse(i))
    // messages of other domains (after-sale, the WeChat Pay application) carry their own text and link target
    .map(({ id, kind, status, reason, title, body, data, createdAt }) => ({
      id,
      kind,
      status,
      reason,
      createdAt,
      ...(title ? { title } : {}),
      ...(body ? { body } : {}),
      ...(data ? { data } : {}),
    }));
  return { items, nextCursor: out.nextCursor };
}

// NOTE: the platform's status functions live in platform-status.ts; re-exported for older importers.
export { listMerchantsByStatus, setMerchantStatus } from './platform-status';
