import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MerchantStatus, isSellingStatus } from '@wxshop/shared/merchants';
import { db, tableName } from '../lib/table';
import { transact } from '../lib/table-ops';
import { INDEX, keys } from '../lib/keys';
import { NotFoundError, isConditionFailure } from '../lib/errors';
import { MerchantItem, StaffItem, normalizeName } from './items';
import { type NewMerchant, creationRefusal, merchantCreationItems } from './writes';

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

/**
 * Creates a merchant with its owner, in ONE transaction (see merchantCreationItems), after making
 * sure the owner's `roles.merchants` map exists. Store approval composes the same items with the
 * application's own writes instead of calling this.
 */
export async function createMerchant(input: NewMerchant): Promise<MerchantItem> {
  await ensureMerchantRolesMap(input.ownerId);
  const { merchant, items } = merchantCreationItems(input, new Date().toISOString());
  await transact(items, (failed) => creationRefusal(failed, input.name));
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

// NOTE: re-exported so that importers of the merchants module keep working; new code imports the module itself.
export { MerchantItem, StaffItem, normalizeName, toAdminView, type TransactItem } from './items';
export { StoreNameTakenError, StaleMerchantError, isStale } from './errors';
export {
  accountRoleUpdate,
  staffItemPut,
  inboxMessagePut,
  type NewMerchant,
  merchantCreationItems,
  creationFailure,
  staffCopyUpdates,
  staffUnchanged,
} from './writes';
export { backfillMerchant } from './backfill';
export { MerchantStatus } from './items';
export { withRetries } from '../lib/retry';
