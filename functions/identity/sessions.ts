import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { TokenPair } from '@wxshop/shared/api/auth';
import { db, tableName } from '../lib/table';
import { INDEX, keys, ttlIn } from '../lib/keys';
import { SessionItem } from '../lib/items';
import { UnauthenticatedError, isConditionFailure } from '../lib/errors';
import { ACCESS_TOKEN_TTL_S, REFRESH_TOKEN_TTL_S, hashSecret, newRefreshSecret, signAccessToken, splitRefreshToken } from '../lib/tokens';
import { getProfile } from './accounts';

/** Starts a session: a rotating refresh token (stored hashed) and a short access token. */
export async function startSession(userId: string, provider: string, isNewUser: boolean): Promise<TokenPair> {
  const sessionId = ulid();
  const secret = newRefreshSecret();
  const now = new Date().toISOString();
  const item: SessionItem = {
    entity: 'Session',
    id: sessionId,
    userId,
    tokenHash: hashSecret(secret),
    revoked: false,
    provider,
    createdAt: now,
    rotatedAt: now,
    expiresAt: ttlIn(REFRESH_TOKEN_TTL_S),
  };
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.session(sessionId), ...keys.sessionGsi1(userId, sessionId), ...item },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return tokenPair(userId, sessionId, secret, isNewUser);
}

async function tokenPair(userId: string, sessionId: string, secret: string, isNewUser: boolean): Promise<TokenPair> {
  const [accessToken, profile] = await Promise.all([signAccessToken({ userId, sessionId }), getProfile(userId)]);
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_S, refreshToken: `${sessionId}.${secret}`, isNewUser, profile };
}

async function revoke(sessionId: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.session(sessionId),
      UpdateExpression: 'SET revoked = :t',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':t': true },
    }),
  );
}

/**
 * Rotates a refresh token. The presented secret must be the current one; presenting the
 * previous one means it was stolen or replayed, and the whole session is revoked.
 */
export async function rotateSession(refreshToken: string): Promise<TokenPair> {
  const { sessionId, secret } = splitRefreshToken(refreshToken);
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(sessionId), ConsistentRead: true }));
  const invalid = new UnauthenticatedError('token_invalid', 'The refresh token is not valid; sign in again');
  if (!out.Item) throw invalid;
  const session = SessionItem.parse(out.Item);
  const presented = hashSecret(secret);
  if (session.revoked || session.expiresAt * 1000 < Date.now()) throw invalid;
  if (presented === session.prevHash) {
    await revoke(sessionId);
    throw invalid;
  }
  if (presented !== session.tokenHash) throw invalid;
  const next = newRefreshSecret();
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.session(sessionId),
        UpdateExpression: 'SET tokenHash = :next, prevHash = :current, rotatedAt = :now, expiresAt = :exp',
        ConditionExpression: 'tokenHash = :current AND revoked = :f',
        ExpressionAttributeValues: {
          ':next': hashSecret(next),
          ':current': presented,
          ':now': new Date().toISOString(),
          ':exp': ttlIn(REFRESH_TOKEN_TTL_S),
          ':f': false,
        },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw invalid;
    throw err;
  }
  return tokenPair(session.userId, sessionId, next, false);
}

/** Ends a session: its refresh token stops working and its access tokens are refused at once. */
export async function endSession(sessionId: string): Promise<void> {
  await revoke(sessionId);
}

/** AP5: every session of a user, then each one revoked (sign out everywhere). */
export async function endAllSessions(userId: string): Promise<number> {
  const p = keys.userSessionsPrefix(userId);
  let revoked = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byOwner,
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)',
        FilterExpression: 'revoked = :f',
        ExpressionAttributeValues: { ':pk': p.GSI1PK, ':prefix': p.GSI1SKPrefix, ':f': false },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      await revoke(SessionItem.parse(item).id);
      revoked += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return revoked;
}
