import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, type Language } from '@wxshop/shared/i18n/languages';
import type { Profile } from '@wxshop/shared/users';
import type { Currency } from '@wxshop/shared/money';
import { PlatformRole } from '@wxshop/shared/auth';
import { db, tableName } from '../lib/table';
import { TransactionConditionError, putNew, transact } from '../lib/table-ops';
import { keys, type IdentityProvider } from '../lib/keys';
import { UserItem } from '../lib/items';
import { ConflictError, NotFoundError, isConditionFailure } from '../lib/errors';
import { envOr } from '../lib/config';

/** The lookup item that makes a login method belong to exactly one account. */
export const IdentityLookup = z.object({
  entity: z.literal('IdentityLookup'),
  provider: z.enum(['wechat', 'alipay', 'phone', 'email']),
  subject: z.string(),
  userId: z.string(),
  passwordHash: z.string().optional(),
  failedAttempts: z.number().int().optional(),
  lockedUntil: z.number().int().optional(),
});
export type IdentityLookup = z.infer<typeof IdentityLookup>;

const IdentityItem = z.object({
  entity: z.literal('Identity'),
  provider: z.enum(['wechat', 'alipay', 'phone', 'email']),
  subject: z.string(),
  display: z.string(),
});

export interface NewIdentity {
  provider: IdentityProvider;
  subject: string;
  display: string;
  passwordHash?: string;
}

/** How an identity is shown to its owner: a phone or email is masked. */
export function displayOf(provider: IdentityProvider, subject: string): string {
  if (provider === 'phone') {
    const cn = /^\+86(\d{3})\d{4}(\d{4})$/.exec(subject);
    return cn ? `+86 ${cn[1]}****${cn[2]}` : `${subject.slice(0, 4)}****${subject.slice(-4)}`;
  }
  if (provider === 'email') return subject.replace(/^(.).*(@.*)$/, '$1***$2');
  return provider === 'wechat' ? 'WeChat' : 'Alipay';
}

export async function findIdentity(provider: IdentityProvider, subject: string): Promise<IdentityLookup | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.identity(provider, subject), ConsistentRead: true }));
  return out.Item ? IdentityLookup.parse(out.Item) : undefined;
}

function identityPuts(userId: string, identity: NewIdentity, now: string) {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.identity(identity.provider, identity.subject),
          entity: 'IdentityLookup',
          provider: identity.provider,
          subject: identity.subject,
          userId,
          passwordHash: identity.passwordHash,
          createdAt: now,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.userIdentity(userId, identity.provider, identity.subject),
          entity: 'Identity',
          provider: identity.provider,
          subject: identity.subject,
          display: identity.display,
          createdAt: now,
        },
      },
    },
  ];
}

export interface NewAccount {
  nickname: string;
  language?: Language;
  currency?: Currency;
}

/**
 * Creates an account with its first login method in one transaction.
 * Returns undefined when the login method was taken meanwhile (the caller then signs in to that account).
 */
export async function createAccount(identity: NewIdentity, account: NewAccount): Promise<string | undefined> {
  const userId = ulid();
  const now = new Date().toISOString();
  const user: UserItem = {
    entity: 'User',
    id: userId,
    nickname: account.nickname,
    language: account.language ?? DEFAULT_LANGUAGE,
    currency: account.currency ?? 'CNY',
    roles: {},
    createdAt: now,
    updatedAt: now,
  };
  try {
    await transact([putNew({ ...keys.user(userId), ...user, signupProvider: identity.provider }), ...identityPuts(userId, identity, now)]);
    return userId;
  } catch (err) {
    if (err instanceof TransactionConditionError) return undefined;
    throw err;
  }
}

/** Adds a login method to an account; one method belongs to one account, and an account has one of each kind. */
export async function bindIdentity(userId: string, identity: NewIdentity): Promise<void> {
  const existing = await findIdentity(identity.provider, identity.subject);
  if (existing?.userId === userId) return;
  if (existing) throw new ConflictError(`This ${identity.provider} login already belongs to another account`, 'identity_already_bound');
  const account = await getAccount(userId);
  if (account.identities.some((i) => i.provider === identity.provider)) {
    throw new ConflictError(`This account already has a ${identity.provider} login`, 'identity_already_bound');
  }
  try {
    await db().send(new TransactWriteCommand({ TransactItems: identityPuts(userId, identity, new Date().toISOString()) }));
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError(`This ${identity.provider} login already belongs to another account`, 'identity_already_bound');
    throw err;
  }
}

export interface Account {
  user: UserItem;
  identities: { provider: IdentityProvider; subject: string; display: string }[];
}

/** AP1 + AP2 in one Query: the account item and its login methods share a partition. */
export async function getAccount(userId: string): Promise<Account> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.user(userId).PK },
      ConsistentRead: true,
    }),
  );
  const items = out.Items ?? [];
  const userRaw = items.find((i) => i.SK === keys.user(userId).SK);
  if (!userRaw) throw new NotFoundError('account');
  return {
    user: UserItem.parse(userRaw),
    identities: items.filter((i) => String(i.SK).startsWith(keys.userIdentityPrefix(userId).SKPrefix)).map((i) => IdentityItem.parse(i)),
  };
}

const avatarUrl = (key: string | undefined): string | null => (key ? `${envOr('UPLOADS_PUBLIC_BASE', 'http://127.0.0.1:4569/wxshop-uploads')}/${key}` : null);

export function toProfile(account: Account): Profile {
  const { user } = account;
  return {
    id: user.id,
    nickname: user.nickname,
    avatarUrl: avatarUrl(user.avatarKey),
    language: user.language,
    currency: user.currency,
    roles: user.roles,
    identities: account.identities.map((i) => ({ provider: i.provider, display: i.display })),
    createdAt: user.createdAt,
  };
}

export async function getProfile(userId: string): Promise<Profile> {
  return toProfile(await getAccount(userId));
}

export interface ProfileChanges {
  nickname?: string;
  language?: Language;
  currency?: Currency;
  avatarKey?: string;
}

export async function updateAccount(userId: string, changes: ProfileChanges): Promise<void> {
  const sets = Object.entries(changes).filter(([, v]) => v !== undefined);
  const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':updatedAt': new Date().toISOString() };
  const parts = ['#updatedAt = :updatedAt'];
  for (const [k, v] of sets) {
    names[`#${k}`] = k;
    values[`:${k}`] = v;
    parts.push(`#${k} = :${k}`);
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(userId),
        UpdateExpression: `SET ${parts.join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new NotFoundError('account');
    throw err;
  }
}

/** Records a password failure; returns the epoch second until which the login is locked, if it now is. */
export async function recordPasswordFailure(subject: string, maxFailures: number, lockSeconds: number): Promise<number | undefined> {
  const key = keys.identity('email', subject);
  const out = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'ADD failedAttempts :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  if (Number(out.Attributes?.failedAttempts ?? 0) < maxFailures) return undefined;
  const until = Math.floor(Date.now() / 1000) + lockSeconds;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero',
      ExpressionAttributeValues: { ':until': until, ':zero': 0 },
    }),
  );
  return until;
}

export async function clearPasswordFailures(subject: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.identity('email', subject),
      UpdateExpression: 'SET failedAttempts = :zero REMOVE lockedUntil',
      ExpressionAttributeValues: { ':zero': 0 },
    }),
  );
}

export async function setPlatformRole(userId: string, role: z.infer<typeof PlatformRole>, createdBy: string): Promise<string> {
  const now = new Date().toISOString();
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.platformRole(userId), ...keys.platformRoleGsi1(userId, now), entity: 'PlatformRole', userId, role, createdAt: now, createdBy },
          },
        },
        {
          Update: {
            TableName: tableName(),
            Key: keys.user(userId),
            UpdateExpression: 'SET #roles.#platform = :role, updatedAt = :now',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeNames: { '#roles': 'roles', '#platform': 'platform' },
            ExpressionAttributeValues: { ':role': role, ':now': now },
          },
        },
      ],
    }),
  );
  return now;
}
