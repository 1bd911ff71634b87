import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { MAX_STAFF_PER_MERCHANT, StaffRole, type InviteOutcome, type InviteStaffInput, type PendingInvite, type StaffMember } from '@wxshop/shared/merchants';
import { db, tableName } from '../lib/table';
import { transact } from '../lib/table-ops';
import { INDEX, keys, ttlIn } from '../lib/keys';
import { ConflictError, NotFoundError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { logger } from '../lib/logger';
import { findIdentity, getAccount } from '../identity/accounts';
import { effectPut, priorEffect } from '../lib/effects';
import {
  StaffItem,
  StaleMerchantError,
  accountRoleUpdate,
  ensureMerchantRolesMap,
  getMerchant,
  isStale,
  listStaffItems,
  staffItemPut,
  withRetries,
  type TransactItem,
} from './merchants';

/** An invite waits this long for the phone's first SMS sign-in. */
export const INVITE_TTL_S = 14 * 24 * 3600;

/** AP24: a pending invite of a phone that has no account yet. `expiresAt` is the TTL attribute (epoch s). */
const InviteItem = z.object({
  entity: z.literal('MerchantInvite'),
  merchantId: z.string(),
  phone: z.string(),
  role: StaffRole,
  invitedBy: z.string(),
  invitedAt: z.string(),
  expiresAt: z.number().int(),
});
type InviteItem = z.infer<typeof InviteItem>;

class AlreadyStaffError extends ConflictError {
  constructor() {
    super('This account is staff of the store already');
  }
}

const toInvite = (i: InviteItem): PendingInvite => ({
  phone: i.phone,
  role: i.role,
  invitedBy: i.invitedBy,
  invitedAt: i.invitedAt,
  expiresAt: new Date(i.expiresAt * 1000).toISOString(),
});
const isLive = (i: InviteItem, nowS = Math.floor(Date.now() / 1000)): boolean => i.expiresAt > nowS;

async function toStaffMember(s: StaffItem): Promise<StaffMember> {
  const account = await getAccount(s.userId);
  const login = account.identities.find((i) => i.provider === 'phone') ?? account.identities.find((i) => i.provider === 'email') ?? account.identities[0];
  return { userId: s.userId, nickname: account.user.nickname, login: login?.display ?? '', role: s.role, createdAt: s.createdAt ?? account.user.createdAt };
}

async function getStaffItem(merchantId: string, userId: string): Promise<StaffItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchantStaff(merchantId, userId), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('staff member');
  return StaffItem.parse(out.Item);
}

/** AP11 + AP24: the store's staff (owner first) and its live invites. */
export async function listStaff(merchantId: string): Promise<{ staff: StaffMember[]; invites: PendingInvite[] }> {
  const p = keys.merchantInvitePrefix(merchantId);
  const [staffItems, invites] = await Promise.all([
    listStaffItems(merchantId),
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': p.PK, ':prefix': p.SKPrefix },
      }),
    ),
  ]);
  const staff = await Promise.all(staffItems.map(toStaffMember));
  staff.sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner') || a.createdAt.localeCompare(b.createdAt));
  return {
    staff,
    invites: (invites.Items ?? [])
      .map((i) => InviteItem.parse(i))
      .filter((i) => isLive(i))
      .map(toInvite),
  };
}

/**
 * Adds an account to a store's staff. One transaction: the merchant's staff count and revision
 * (conditioned on the name and status just read, and on the staff limit), the staff item with
 * those copied onto it, the role on the account, and the phone's pending invite if any.
 * Retried when the store changed in between.
 */
async function addStaffMember(merchantId: string, userId: string, role: StaffRole, invitePhone?: string, reference?: string): Promise<StaffMember> {
  await ensureMerchantRolesMap(userId);
  await withRetries(async () => {
    const merchant = await getMerchant(merchantId, true);
    if (merchant.status === 'closed') throw new ConflictError('A closed store cannot add staff');
    const now = new Date().toISOString();
    const items: TransactItem[] = [
      {
        Update: {
          TableName: tableName(),
          Key: keys.merchant(merchantId),
          UpdateExpression: 'ADD staffCount :one, staffRevision :one',
          ConditionExpression: '#name = :name AND #status = :status AND (attribute_not_exists(staffCount) OR staffCount < :max)',
          ExpressionAttributeNames: { '#name': 'name', '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':name': merchant.name, ':status': merchant.status, ':max': MAX_STAFF_PER_MERCHANT },
        },
      },
      staffItemPut(merchant, userId, role, now),
      accountRoleUpdate(userId, merchantId, role),
      ...(invitePhone ? [{ Delete: { TableName: tableName(), Key: keys.merchantInvite(merchantId, invitePhone) } }] : []),
      ...(reference ? [effectPut(reference, { route: 'invite-merchant-staff', resultId: userId })] : []),
    ];
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const failed = failedConditionIndexes(err);
      if (failed.includes(1) && (await priorEffect(reference))) return; // a re-run of the request that added them
      if (failed.includes(1)) throw new AlreadyStaffError();
      if (failed.includes(0) && (merchant.staffCount ?? 0) >= MAX_STAFF_PER_MERCHANT)
        throw new ConflictError(`A store has at most ${MAX_STAFF_PER_MERCHANT} staff`);
      throw new StaleMerchantError();
    }
  }, isStale);
  return toStaffMember(await getStaffItem(merchantId, userId));
}

/**
 * The owner adds staff. By account id: the account must exist (404). By phone: an account with that
 * phone login is added at once; otherwise the invite is stored (AP24, replacing an earlier one for
 * the phone) and accepted when the phone first signs in by SMS (acceptStaffInvites).
 */
export async function inviteStaff(merchantId: string, input: InviteStaffInput, invitedBy: string, reference?: string): Promise<InviteOutcome> {
  // a re-run after a crash (ADR 0034): the first run added them; answer that (an invite is a plain overwrite)
  const prior = await priorEffect(reference);
  if (prior) return { outcome: 'added', staff: await toStaffMember(await getStaffItem(merchantId, prior.resultId)) };
  if (input.userId !== undefined) {
    await getAccount(input.userId);
    return { outcome: 'added', staff: await addStaffMember(merchantId, input.userId, input.role, undefined, reference) };
  }
  const phone = input.phone!;
  const identity = await findIdentity('phone', phone);
  if (identity) return { outcome: 'added', staff: await addStaffMember(merchantId, identity.userId, input.role, phone, reference) };
  const merchant = await getMerchant(merchantId);
  if (merchant.status === 'closed') throw new ConflictError('A closed store cannot add staff');
  const invite: InviteItem = {
    entity: 'MerchantInvite',
    merchantId,
    phone,
    role: input.role,
    invitedBy,
    invitedAt: new Date().toISOString(),
    expiresAt: ttlIn(INVITE_TTL_S),
  };
  await db().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.merchantInvite(merchantId, phone), ...keys.phoneInviteGsi1(phone, merchantId), ...invite } }),
  );
  return { outcome: 'invited', invite: toInvite(invite) };
}

/**
 * Turns a phone's pending invites into memberships; called at SMS sign-in (sign-up included)
 * before the session's profile is read. Never fails the sign-in: problems are logged, and an
 * invite that could not be accepted stays for the next sign-in.
 */
export async function acceptStaffInvites(userId: string, phone: string): Promise<number> {
  let accepted = 0;
  try {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byOwner,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.phoneInvitesIndex(phone).GSI1PK },
      }),
    );
    for (const invite of (out.Items ?? []).map((i) => InviteItem.parse(i))) {
      try {
        if (isLive(invite)) {
          await addStaffMember(invite.merchantId, userId, invite.role, phone);
          accepted += 1;
        } else await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.merchantInvite(invite.merchantId, phone) }));
      } catch (err) {
        if (err instanceof AlreadyStaffError)
          await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.merchantInvite(invite.merchantId, phone) }));
        else logger.warn('staff invite not accepted', { merchantId: invite.merchantId, userId, err: String(err) });
      }
    }
  } catch (err) {
    logger.warn('staff invites not read', { userId, err: String(err) });
  }
  return accepted;
}

/** Changes a staff member's role, on the staff item and the account in one transaction. The owner's role never changes here. */
export async function changeStaffRole(merchantId: string, userId: string, role: StaffRole): Promise<StaffMember> {
  const staff = await getStaffItem(merchantId, userId);
  if (staff.role === 'owner') throw new ConflictError("The owner's role cannot be changed");
  await transact(
    [
      {
        Update: {
          TableName: tableName(),
          Key: keys.merchantStaff(merchantId, userId),
          UpdateExpression: 'SET #role = :role',
          ConditionExpression: 'attribute_exists(PK) AND #role <> :owner',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':role': role, ':owner': 'owner' },
        },
      },
      accountRoleUpdate(userId, merchantId, role),
    ],
    () => new NotFoundError('staff member'),
  );
  return toStaffMember({ ...staff, role });
}

/** Removes a staff member (not the owner): the staff item, the role on the account and the merchant's count, in one transaction. */
export async function removeStaff(merchantId: string, userId: string): Promise<void> {
  const staff = await getStaffItem(merchantId, userId);
  if (staff.role === 'owner') throw new ConflictError('The owner cannot be removed');
  await transact(
    [
      {
        Delete: {
          TableName: tableName(),
          Key: keys.merchantStaff(merchantId, userId),
          ConditionExpression: 'attribute_exists(PK) AND #role <> :owner',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':owner': 'owner' },
        },
      },
      accountRoleUpdate(userId, merchantId, null),
      {
        Update: {
          TableName: tableName(),
          Key: keys.merchant(merchantId),
          UpdateExpression: 'ADD staffCount :minus, staffRevision :one',
          ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
        },
      },
    ],
    () => new NotFoundError('staff member'),
  );
}

/** Cancels a pending invite (404 when there is none). */
export async function cancelInvite(merchantId: string, phone: string): Promise<void> {
  try {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.merchantInvite(merchantId, phone), ConditionExpression: 'attribute_exists(PK)' }));
  } catch (err) {
    if (isConditionFailure(err)) throw new NotFoundError('invite');
    throw err;
  }
}
