import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { TokenPair } from '@wxshop/shared/api/auth';
import { db, tableName } from '../lib/table';
import { INDEX, keys, ttlIn } from '../lib/keys';
import { SessionItem, type SessionUsedTokenItem } from '../lib/items';
import { UnauthenticatedError, isConditionFailure } from '../lib/errors';
import {
  ACCESS_TOKEN_TTL_S,
  REFRESH_TOKEN_TTL_S,
  hashSecret,
  newRefreshSecret,
  sessionEndsAt,
  sessionIsLive,
  sessionMaxAgeSeconds,
  signAccessToken,
  splitRefreshToken,
} from '../lib/tokens';
import { getProfile } from './accounts';

/**
 * Starts a session: a rotating refresh token (stored hashed) and a short access token. The session's
 * absolute end (`endsAt`) is fixed here; rotations never move it.
 */
export async function startSession(userId: string, provider: string, isNewUser: boolean): Promise<TokenPair> {
  const sessionId = ulid();
  const secret = newRefreshSecret();
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const endsAt = ttlIn(sessionMaxAgeSeconds(), nowMs);
  const item: SessionItem = {
    entity: 'Session',
    id: sessionId,
    userId,
    tokenHash: hashSecret(secret),
    revoked: false,
    provider,
    createdAt: now,
    rotatedAt: now,
    expiresAt: Math.min(ttlIn(REFRESH_TOKEN_TTL_S, nowMs), endsAt),
    endsAt,
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

/** How long after a rotation its replaced token counts as a concurrent duplicate, not a replay. */
export const REFRESH_REUSE_GRACE_MS = 5_000;

/** True when `hash` is a refresh token of this session that a rotation already replaced. */
async function wasReplaced(session: SessionItem, hash: string): Promise<boolean> {
  if (hash === session.prevHash) return true;
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.sessionUsedToken(session.id, hash), ConsistentRead: true }));
  return out.Item !== undefined;
}

/**
 * Rotates a refresh token.
 * 1. The session must exist, be unrevoked, and have passed neither its idle end nor its absolute end
 *    (`endsAt`, fixed at sign-in): after that the user signs in again.
 * 2. A token that any earlier rotation replaced (the previous one or one ten rotations old) means it was
 *    stolen or replayed: the whole session is revoked. Only the token replaced in the last
 *    `REFRESH_REUSE_GRACE_MS` is refused without that, as the loser of a concurrent refresh.
 * 3. The current token is swapped for a new one in one transaction that also records the old one's hash;
 *    its condition (`tokenHash` unchanged) lets exactly one of two concurrent rotations win.
 */
export async function rotateSession(refreshToken: string): Promise<TokenPair> {
  const { sessionId, secret } = splitRefreshToken(refreshToken);
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(sessionId), ConsistentRead: true }));
  const invalid = new UnauthenticatedError('token_invalid', 'The refresh token is not valid; sign in again');
  if (!out.Item) throw invalid;
  const session = SessionItem.parse(out.Item);
  const presented = hashSecret(secret);
  if (session.revoked) throw invalid;
  const nowMs = Date.now();
  if (presented !== session.tokenHash) {
    // A second refresh of the token a rotation replaced moments ago is the same client racing itself
    // (two tabs, a retried request): refused, but the winner's new pair stays valid.
    if (presented === session.prevHash && nowMs - Date.parse(session.rotatedAt) < REFRESH_REUSE_GRACE_MS) throw invalid;
    if (await wasReplaced(session, presented)) {
      await revoke(sessionId);
      throw new UnauthenticatedError('token_invalid', 'The refresh token was already used; the session is ended, sign in again');
    }
    throw invalid;
  }
  const endsAt = sessionEndsAt(session);
  if (nowMs >= endsAt * 1000) {
    throw new UnauthenticatedError('token_invalid', 'The session has reached its maximum lifetime; sign in again');
  }
  if (!sessionIsLive(session, nowMs)) throw new UnauthenticatedError('token_invalid', 'The session has expired; sign in again');
  const next = newRefreshSecret();
  const now = new Date(nowMs).toISOString();
  const used: SessionUsedTokenItem = { entity: 'SessionUsedToken', sessionId, rotatedAt: now, expiresAt: endsAt };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.session(sessionId),
              UpdateExpression: 'SET tokenHash = :next, prevHash = :current, rotatedAt = :now, expiresAt = :exp, endsAt = :ends',
              ConditionExpression: 'tokenHash = :current AND revoked = :f',
              ExpressionAttributeValues: {
                ':next': hashSecret(next),
                ':current': presented,
                ':now': now,
                ':exp': Math.min(ttlIn(REFRESH_TOKEN_TTL_S, nowMs), endsAt),
                ':ends': endsAt,
                ':f': false,
              },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.sessionUsedToken(sessionId, presented), ...used },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      }),
    );
  } catch (err) {
    // The loser of two concurrent rotations of one token: the winner holds the only new pair.
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
