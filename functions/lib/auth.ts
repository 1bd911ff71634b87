import { merchantCan, platformCan, type RouteAuth, type Roles } from '@wxshop/shared/auth';
import type { Language } from '@wxshop/shared/i18n/languages';
import { keys, type Key } from './keys';
import { batchGet, keyString } from './table-ops';
import { SessionItem, UserItem } from './items';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from './errors';
import { sessionIsLive, verifyAccessToken, type AccessClaims } from './tokens';

export interface Principal {
  userId: string;
  sessionId: string;
  roles: Roles;
  language: Language;
}

/** Items read with the session check, by `PK|SK` (absent keys are missing). */
export type Prefetched = Map<string, Record<string, unknown>>;

/**
 * Verifies the bearer token, then reads the session and the account in ONE BatchGet:
 * a revoked session or a removed role takes effect on the next call, not at token expiry.
 */
export async function authenticate(authorization: string | undefined): Promise<Principal> {
  return (await authenticateWith(authorization)).principal;
}

/**
 * {@link authenticate}, with the handler's own first reads in the same BatchGet (ADR 0051): `extra`
 * names them from the verified claims (the caller's id), so one DynamoDB call both proves the session
 * live and reads what the handler needs. Nothing of `extra` is returned unless the session is live.
 */
export async function authenticateWith(
  authorization: string | undefined,
  extra?: (claims: AccessClaims) => Key[],
): Promise<{ principal: Principal; prefetched: Prefetched }> {
  const match = /^Bearer ([A-Za-z0-9._-]{20,2048})$/.exec(authorization ?? '');
  if (!match?.[1]) throw new UnauthenticatedError('unauthenticated', 'Sign in first');
  const claims = await verifyAccessToken(match[1]);
  const sessionKey = keys.session(claims.sessionId);
  const userKey = keys.user(claims.userId);
  const items = await batchGet([sessionKey, userKey, ...(extra?.(claims) ?? [])], true);
  const sessionRaw = items.get(keyString(sessionKey));
  const userRaw = items.get(keyString(userKey));
  if (!sessionRaw || !userRaw) throw new UnauthenticatedError('token_invalid', 'The session has ended');
  const session = SessionItem.parse(sessionRaw);
  if (session.revoked || session.userId !== claims.userId || !sessionIsLive(session)) {
    throw new UnauthenticatedError('token_invalid', 'The session has ended');
  }
  const user = UserItem.parse(userRaw);
  items.delete(keyString(sessionKey));
  items.delete(keyString(userKey));
  return { principal: { userId: user.id, sessionId: session.id, roles: user.roles, language: user.language }, prefetched: items };
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
