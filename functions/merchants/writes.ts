/** Builders of transaction items shared by merchant creation, store approval, staff and store changes. */
import { monotonicFactory, ulid } from 'ulid';
import { Currency } from '@wxshop/shared/money';
import { MerchantRole } from '@wxshop/shared/auth';
import { MerchantStatus } from '@wxshop/shared/merchants';
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { ConflictError, failedConditionIndexes } from '../lib/errors';
import { MerchantItem, StaffItem, normalizeName, type TransactItem } from './items';
import { StoreNameTakenError } from './errors';
import { listStaffItems } from './merchants';

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
  return creationRefusal(
    failedConditionIndexes(err).map((i) => i - offset),
    name,
  );
}

/** The reason for a refused creation, from the indexes of the failed items. */
export function creationRefusal(failed: number[], name: string): Error {
  if (failed.includes(1)) return new StoreNameTakenError(name);
  if (failed.includes(0)) return new ConflictError('This store exists already');
  return new ConflictError('The owner account changed meanwhile: try again');
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
