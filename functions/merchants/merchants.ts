import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { MerchantRole } from '@wxshop/shared';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { ConflictError, NotFoundError, isConditionFailure } from '../lib/errors';

export const MerchantStatus = z.enum(['open', 'warned', 'suspended', 'closed']);
const MerchantItem = z.object({
  entity: z.literal('Merchant'),
  id: z.string(),
  name: z.string(),
  status: MerchantStatus,
  ownerId: z.string(),
  currency: z.string(),
  createdAt: z.string(),
});
export type MerchantItem = z.infer<typeof MerchantItem>;
const StaffItem = z.object({
  entity: z.literal('MerchantStaff'),
  merchantId: z.string(),
  userId: z.string(),
  role: MerchantRole,
  merchantName: z.string(),
  merchantStatus: MerchantStatus,
});

const normalizeName = (name: string): string => name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Creates a merchant with its owner. One transaction: the merchant, its unique name, the owner's
 * staff item and the owner role on the account (read by every authorization check).
 * Onboarding and review (the next issue) end by calling this.
 */
export async function createMerchant(input: { name: string; ownerId: string; currency?: string; id?: string }): Promise<MerchantItem> {
  const id = input.id ?? ulid();
  const now = new Date().toISOString();
  const merchant: MerchantItem = {
    entity: 'Merchant',
    id,
    name: input.name,
    status: 'open',
    ownerId: input.ownerId,
    currency: input.currency ?? 'CNY',
    createdAt: now,
  };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...keys.merchant(id), ...merchant }, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.merchantName(normalizeName(input.name)), entity: 'MerchantName', merchantId: id },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.merchantStaff(id, input.ownerId),
                ...keys.merchantStaffGsi1(input.ownerId, id),
                entity: 'MerchantStaff',
                merchantId: id,
                userId: input.ownerId,
                role: 'owner',
                merchantName: input.name,
                merchantStatus: 'open',
                createdAt: now,
              },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: keys.user(input.ownerId),
              UpdateExpression: 'SET #roles.#merchants = if_not_exists(#roles.#merchants, :empty)',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#roles': 'roles', '#merchants': 'merchants' },
              ExpressionAttributeValues: { ':empty': {} },
            },
          },
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('A store with this name exists, or the owner account is missing');
    throw err;
  }
  // NOTE: a nested map key cannot be set in the same expression that may create its parent map.
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.user(input.ownerId),
            UpdateExpression: 'SET #roles.#merchants.#mid = :owner',
            ExpressionAttributeNames: { '#roles': 'roles', '#merchants': 'merchants', '#mid': id },
            ExpressionAttributeValues: { ':owner': 'owner' },
          },
        },
      ],
    }),
  );
  return merchant;
}

export async function getMerchant(id: string): Promise<MerchantItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(id) }));
  if (!out.Item) throw new NotFoundError('merchant');
  return MerchantItem.parse(out.Item);
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
