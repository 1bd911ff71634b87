import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory, ulid } from 'ulid';
import { z } from 'zod';
import { Currency, LocalizedText, MerchantRole, MerchantStatus, isSellingStatus, type MerchantAdminView } from '@wxshop/shared';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { ConflictError, NotFoundError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { publicImageUrl } from './uploads';

export { MerchantStatus };

/** One write of a transaction (TransactWriteItems entry). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** AP10: the merchant PROFILE item, which also carries the store profile and the platform status. */
export const MerchantItem = z.object({
  entity: z.literal('Merchant'),
  id: z.string(),
  name: z.string(),
  status: MerchantStatus,
  ownerId: z.string(),
  currency: Currency,
  createdAt: z.string(),
  updatedAt: z.string().optional(),
  statusReason: z.string().optional(),
  statusChangedAt: z.string().optional(),
  applicationId: z.string().optional(),
  intro: LocalizedText.optional(),
  logoKey: z.string().optional(),
  bannerKey: z.string().optional(),
  /** Staff items, the owner's included; capped at MAX_STAFF_PER_MERCHANT. */
  staffCount: z.number().int().optional(),
  /** Bumped by every staff change: a write that copies merchant fields onto every staff item conditions on it. */
  staffRevision: z.number().int().optional(),
  /** The store's WeChat Pay sub-merchant id (二级商户号): a store without one cannot sell. */
  subMchid: z.string().optional(),
});
export type MerchantItem = z.infer<typeof MerchantItem>;

export const StaffItem = z.object({
  entity: z.literal('MerchantStaff'),
  merchantId: z.string(),
  userId: z.string(),
  role: MerchantRole,
  merchantName: z.string(),
  merchantStatus: MerchantStatus,
  createdAt: z.string().optional(),
});
export type StaffItem = z.infer<typeof StaffItem>;

/** A store with this name exists (names compare case-, width- and space-insensitively). */
export class StoreNameTakenError extends ConflictError {
  constructor(name: string) {
    super(`A store named "${name}" already exists`);
  }
}

/** A transaction lost a race with a concurrent change of the store or its staff: retried, then a 409. */
export class StaleMerchantError extends ConflictError {
  constructor() {
    super('The store changed meanwhile: try again');
  }
}
export const isStale = (err: unknown): boolean => err instanceof StaleMerchantError;

/** The form store names are compared in: NFKC, trimmed, lower case, single spaces. */
export const normalizeName = (name: string): string => name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** True when a store name is taken (AP15). Advisory only: the name item's conditional put decides. */
export async function isStoreNameTaken(name: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchantName(normalizeName(name)), ConsistentRead: true }));
  return out.Item !== undefined;
}

/**
 * Makes sure the account's `roles.merchants` map exists, so a transaction can then set one
 * merchant's role in it (DynamoDB cannot create a map and set a key inside it in one expression).
 */
export async function ensureMerchantRolesMap(userId: string): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(userId),
        UpdateExpression: 'SET #roles.#merchants = if_not_exists(#roles.#merchants, :empty)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#roles': 'roles', '#merchants': 'merchants' },
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new NotFoundError('account');
    throw err;
  }
}

/** The account side of a membership: sets (or removes, role null) one merchant's role in `roles.merchants`. */
export function accountRoleUpdate(userId: string, merchantId: string, role: MerchantRole | null): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.user(userId),
      UpdateExpression: role === null ? 'REMOVE #roles.#merchants.#mid' : 'SET #roles.#merchants.#mid = :role',
      ConditionExpression: 'attribute_exists(#roles.#merchants)',
      ExpressionAttributeNames: { '#roles': 'roles', '#merchants': 'merchants', '#mid': merchantId },
      ...(role === null ? {} : { ExpressionAttributeValues: { ':role': role } }),
    },
  };
}

export function staffItemPut(merchant: Pick<MerchantItem, 'id' | 'name' | 'status'>, userId: string, role: MerchantRole, now: string): TransactItem {
  const item: StaffItem = {
    entity: 'MerchantStaff',
    merchantId: merchant.id,
    userId,
    role,
    merchantName: merchant.name,
    merchantStatus: merchant.status,
    createdAt: now,
  };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.merchantStaff(merchant.id, userId), ...keys.merchantStaffGsi1(userId, merchant.id), ...item },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Inbox ids sort in the order messages were written by this process, even within one millisecond. */
const inboxId = monotonicFactory();

export function inboxMessagePut(
  merchantId: string,
  kind: 'store_opened' | 'status_changed',
  status: MerchantStatus,
  reason: string | null,
  now: string,
): TransactItem {
  const id = inboxId();
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.merchantInboxMessage(merchantId, id), entity: 'MerchantInboxMessage', id, merchantId, kind, status, reason, createdAt: now },
    },
  };
}

export interface NewMerchant {
  name: string;
  ownerId: string;
  currency?: Currency;
  id?: string;
  applicationId?: string;
}

/**
 * The writes that create a merchant, for one transaction: the merchant (indexed by status, AP23),
 * its unique name (AP15), the owner's staff item (AP11/AP12), the owner role on the account and a
 * welcome message (AP26). Conditions: index 0 fails when the id exists, index 1 when the name is taken.
 */
export function merchantCreationItems(input: NewMerchant, now: string): { merchant: MerchantItem; items: TransactItem[] } {
  const id = input.id ?? ulid();
  const merchant: MerchantItem = {
    entity: 'Merchant',
    id,
    name: input.name,
    status: 'open',
    ownerId: input.ownerId,
    currency: input.currency ?? 'CNY',
    createdAt: now,
    updatedAt: now,
    ...(input.applicationId ? { applicationId: input.applicationId } : {}),
    staffCount: 1,
    staffRevision: 1,
  };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.merchant(id), ...keys.merchantStatusGsi2('open', now, id), ...merchant },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.merchantName(normalizeName(input.name)), entity: 'MerchantName', merchantId: id },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    staffItemPut(merchant, input.ownerId, 'owner', now),
    accountRoleUpdate(input.ownerId, id, 'owner'),
    inboxMessagePut(id, 'store_opened', 'open', null, now),
  ];
  return { merchant, items };
}

/** Maps a failed creation transaction to its reason. */
export function creationFailure(err: unknown, name: string, offset = 0): Error {
  const failed = failedConditionIndexes(err).map((i) => i - offset);
  if (failed.includes(1)) return new StoreNameTakenError(name);
  if (failed.includes(0)) return new ConflictError('This store exists already');
  return new ConflictError('The owner account changed meanwhile: try again');
}

/**
 * Creates a merchant with its owner, in ONE transaction (see merchantCreationItems), after making
 * sure the owner's `roles.merchants` map exists. Store approval composes the same items with the
 * application's own writes instead of calling this.
 */
export async function createMerchant(input: NewMerchant): Promise<MerchantItem> {
  await ensureMerchantRolesMap(input.ownerId);
  const { merchant, items } = merchantCreationItems(input, new Date().toISOString());
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (isConditionFailure(err)) throw creationFailure(err, input.name);
    throw err;
  }
  return merchant;
}

/** AP10. A missing merchant is a 404. */
export async function getMerchant(id: string, consistent = false): Promise<MerchantItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(id), ConsistentRead: consistent }));
  if (!out.Item) throw new NotFoundError('merchant');
  return MerchantItem.parse(out.Item);
}

/**
 * For the catalog: whether a store's products can be bought now (open or warned).
 * A missing store does not sell.
 */
export async function isStoreSelling(merchantId: string): Promise<boolean> {
  const out = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.merchant(merchantId), ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }),
  );
  const status = MerchantStatus.safeParse(out.Item?.status);
  return status.success && isSellingStatus(status.data);
}

/**
 * Brings a merchant written before onboarding existed (no AP23 status index entry, no staff count)
 * up to date. Idempotent; used by the local seed on a kept table.
 */
export async function backfillMerchant(id: string): Promise<void> {
  const m = await getMerchant(id, true);
  if (m.staffCount !== undefined) return;
  const index = keys.merchantStatusGsi2(m.status, m.createdAt, id);
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.merchant(id),
        UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk, staffCount = :n, staffRevision = :one',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(staffCount)',
        ExpressionAttributeValues: { ':pk': index.GSI2PK, ':sk': index.GSI2SK, ':n': await countMerchantStaff(id), ':one': 1 },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

/** AP12: the merchants a user is staff of. */
export async function listUserMerchants(userId: string) {
  const p = keys.userMerchantsPrefix(userId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byOwner,
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
      ExpressionAttributeValues: { ':pk': p.GSI1PK, ':prefix': p.GSI1SKPrefix },
    }),
  );
  return (out.Items ?? []).map((i) => StaffItem.parse(i)).map((s) => ({ id: s.merchantId, name: s.merchantName, status: s.merchantStatus, role: s.role }));
}

/** AP11: a merchant's staff items (at most MAX_STAFF_PER_MERCHANT, so one page). */
export async function listStaffItems(merchantId: string): Promise<StaffItem[]> {
  const p = keys.merchantStaffPrefix(merchantId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': p.PK, ':prefix': p.SKPrefix },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => StaffItem.parse(i));
}

/** AP11: how many staff a merchant has. */
export async function countMerchantStaff(merchantId: string): Promise<number> {
  const p = keys.merchantStaffPrefix(merchantId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': p.PK, ':prefix': p.SKPrefix },
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

/**
 * The writes that copy a change of the merchant's name or status onto every staff item
 * (listUserMerchants reads them there), guarded by the staff revision read with `merchant`:
 * a staff change in between fails the transaction, and the caller retries.
 */
export async function staffCopyUpdates(merchant: MerchantItem, changes: { merchantName?: string; merchantStatus?: MerchantStatus }): Promise<TransactItem[]> {
  const staff = await listStaffItems(merchant.id);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  if (sets.length === 0) return [];
  return staff.map((s) => ({
    Update: {
      TableName: tableName(),
      Key: keys.merchantStaff(merchant.id, s.userId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }));
}

/** The condition that the merchant's staff did not change since `merchant` was read. */
export function staffUnchanged(merchant: MerchantItem): { expression: string; values: Record<string, unknown> } {
  return merchant.staffRevision === undefined
    ? { expression: 'attribute_not_exists(staffRevision)', values: {} }
    : { expression: 'staffRevision = :staffRevision', values: { ':staffRevision': merchant.staffRevision } };
}

/** Retries `fn` when a transaction lost a race with a concurrent change (condition failed on a guard). */
export async function withRetries<T>(fn: () => Promise<T>, isRace: (err: unknown) => boolean, attempts = 4): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isRace(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * i + Math.floor(Math.random() * 20)));
    }
  }
}

export function toAdminView(m: MerchantItem): MerchantAdminView {
  return {
    id: m.id,
    name: m.name,
    status: m.status,
    statusReason: m.statusReason ?? null,
    statusChangedAt: m.statusChangedAt ?? null,
    ownerId: m.ownerId,
    currency: m.currency,
    applicationId: m.applicationId ?? null,
    logoUrl: publicImageUrl(m.logoKey),
    createdAt: m.createdAt,
  };
}
