import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { PlatformRole } from '@wxshop/shared/auth';
import type { PlatformStaff } from '@wxshop/shared/api/admin';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { BadRequestError, NotFoundError } from '../lib/errors';
import { queryPage } from '../lib/table-ops';
import { createAccount, displayOf, findIdentity, getAccount, setPlatformRole } from '../identity/accounts';

const PlatformRoleItem = z.object({ userId: z.string(), role: PlatformRole, createdAt: z.string(), createdBy: z.string() });

async function toStaff(item: z.infer<typeof PlatformRoleItem>): Promise<PlatformStaff> {
  const account = await getAccount(item.userId);
  const login = account.identities.find((i) => i.provider === 'phone') ?? account.identities.find((i) => i.provider === 'email') ?? account.identities[0];
  return {
    userId: item.userId,
    nickname: account.user.nickname,
    role: item.role,
    login: login?.display ?? '',
    createdAt: item.createdAt,
    createdBy: item.createdBy,
  };
}

/** AP9: platform staff, oldest first, a page at a time. */
export async function listStaff(limit = 50, cursor?: string): Promise<{ items: PlatformStaff[]; nextCursor: string | null }> {
  const out = await queryPage(
    {
      IndexName: INDEX.byOwner,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.platformStaffIndex().GSI1PK },
    },
    { limit: limit, cursor: cursor, expected: { GSI1PK: keys.platformStaffIndex().GSI1PK } },
  );
  const items = await Promise.all(out.items.map((i) => toStaff(PlatformRoleItem.parse(i))));
  return { items, nextCursor: out.nextCursor };
}

export interface NewStaff {
  role: z.infer<typeof PlatformRole>;
  phone?: string;
  email?: string;
  nickname?: string;
}

/**
 * Grants a platform role. Primary course: 1. find the account by phone or email; 2. a phone with no
 * account gets one (the person signs in by SMS); an unknown email is refused (they register first);
 * 3. write the role item and the role on the account in one transaction.
 */
export async function grantStaffRole(input: NewStaff, grantedBy: string): Promise<PlatformStaff> {
  let userId: string | undefined;
  if (input.phone) {
    userId = (await findIdentity('phone', input.phone))?.userId;
    userId ??= await createAccount(
      { provider: 'phone', subject: input.phone, display: displayOf('phone', input.phone) },
      { nickname: input.nickname ?? `员工${input.phone.slice(-4)}` },
    );
    userId ??= (await findIdentity('phone', input.phone))?.userId;
  } else if (input.email) {
    userId = (await findIdentity('email', input.email))?.userId;
    if (!userId) throw new NotFoundError('account with this email (ask them to register first)');
  }
  if (!userId) throw new BadRequestError('Give a phone or an email');
  if (userId === grantedBy) throw new BadRequestError('You cannot change your own role');
  const createdAt = await setPlatformRole(userId, input.role, grantedBy);
  return toStaff({ userId, role: input.role, createdAt, createdBy: grantedBy });
}

export async function revokeStaffRole(userId: string, revokedBy: string): Promise<void> {
  if (userId === revokedBy) throw new BadRequestError('You cannot remove your own role');
  const existing = await db().send(new GetCommand({ TableName: tableName(), Key: keys.platformRole(userId), ConsistentRead: true }));
  if (!existing.Item) throw new NotFoundError('staff member');
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: tableName(), Key: keys.platformRole(userId) } },
        {
          Update: {
            TableName: tableName(),
            Key: keys.user(userId),
            UpdateExpression: 'REMOVE #roles.#platform',
            ExpressionAttributeNames: { '#roles': 'roles', '#platform': 'platform' },
          },
        },
      ],
    }),
  );
}
