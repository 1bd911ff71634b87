import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { merchantCan, platformCan, type RouteAuth, type Roles } from '@wxshop/shared/auth';
import type { Language } from '@wxshop/shared/i18n/languages';
import { db, tableName } from './table';
import { keys } from './keys';
import { SessionItem, UserItem } from './items';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors';
import { sessionIsLive, verifyAccessToken } from './tokens';

export interface Principal {
  userId: string;
  sessionId: string;
  roles: Roles;
  language: Language;
}

/**
 * Verifies the bearer token, then reads the session and the account in ONE BatchGet:
 * a revoked session or a removed role takes effect on the next call, not at token expiry.
 */
export async function authenticate(authorization: string | undefined): Promise<Principal> {
  const match = /^Bearer ([A-Za-z0-9._-]{20,2048})$/.exec(authorization ?? '');
  if (!match?.[1]) throw new UnauthenticatedError('unauthenticated', 'Sign in first');
  const claims = await verifyAccessToken(match[1]);
  const table = tableName();
  const sessionKey = keys.session(claims.sessionId);
  const userKey = keys.user(claims.userId);
  const out = await db().send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [sessionKey, userKey], ConsistentRead: true } } }));
  const items = out.Responses?.[table] ?? [];
  const sessionRaw = items.find((i) => i.PK === sessionKey.PK);
  const userRaw = items.find((i) => i.PK === userKey.PK && i.SK === userKey.SK);
  if (!sessionRaw || !userRaw) throw new UnauthenticatedError('token_invalid', 'The session has ended');
  const session = SessionItem.parse(sessionRaw);
  if (session.revoked || session.userId !== claims.userId || !sessionIsLive(session)) {
    throw new UnauthenticatedError('token_invalid', 'The session has ended');
  }
  const user = UserItem.parse(userRaw);
  return { userId: user.id, sessionId: session.id, roles: user.roles, language: user.language };
}

/**
 * Checks a route's declared permission. Merchant routes name the merchant in the path:
 * staff of another merchant get 404 (they must not learn it exists), everyone else 403.
 */
export function authorize(auth: RouteAuth, principal: Principal, params: Record<string, unknown>): void {
  if (auth === 'public' || auth === 'user') return;
  if ('platform' in auth) {
    if (!platformCan(principal.roles, auth.platform)) throw new ForbiddenError();
    return;
  }
  const merchantId = params.merchantId;
  if (typeof merchantId !== 'string') throw new Error('a merchant route must have a {merchantId} path parameter');
  if (merchantCan(principal.roles, merchantId, auth.merchant)) return;
  const memberships = Object.keys(principal.roles.merchants ?? {});
  if (memberships.length === 0) throw new ForbiddenError('Only merchant staff can do this');
  if (!memberships.includes(merchantId)) throw new NotFoundError('merchant');
  throw new ForbiddenError('Your role in this store does not allow this');
}
