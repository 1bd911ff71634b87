import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { env, envOr } from './config';
import { UnauthenticatedError } from './errors';

const ISSUER = 'wxshop';
const AUDIENCE = 'wxshop-api';
/** Access tokens live 15 minutes; the session behind them is checked on every call. */
export const ACCESS_TOKEN_TTL_S = 15 * 60;
/** Refresh tokens lapse 30 days after the last rotation (an idle session ends)... */
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 3600;
/** ...and no session outlives its absolute lifetime, however often it rotates. */
export const DEFAULT_SESSION_MAX_AGE_DAYS = 30;

/**
 * The absolute lifetime of a session in seconds, from `SESSION_MAX_AGE_DAYS` (whole days, 1-365;
 * 30 by default). Read per call, so a deployment (or a test) can change it without a code change.
 */
export function sessionMaxAgeSeconds(): number {
  const raw = envOr('SESSION_MAX_AGE_DAYS', String(DEFAULT_SESSION_MAX_AGE_DAYS));
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new Error(`SESSION_MAX_AGE_DAYS must be a whole number of days from 1 to 365, not ${JSON.stringify(raw)}`);
  }
  return days * 24 * 3600;
}

let secret: Uint8Array | undefined;
const signingKey = (): Uint8Array => (secret ??= new TextEncoder().encode(env('JWT_SECRET')));

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** Signs a short-lived HS256 access token naming the user and the session. */
export async function signAccessToken(claims: AccessClaims, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ sid: claims.sessionId, typ: 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_S)
    .sign(signingKey());
}

/** Verifies signature, issuer, audience and expiry; a tampered token is `token_invalid`, an old one `token_expired`. */
export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
      throw new UnauthenticatedError('token_invalid', 'The access token is not valid');
    }
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (err) {
    if (err instanceof UnauthenticatedError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('token_expired', 'The access token has expired');
    throw new UnauthenticatedError('token_invalid', 'The access token is not valid');
  }
}

/**
 * When a session ends for good (epoch s): its `endsAt`, or for a session started before that attribute
 * existed, its start plus the lifetime configured now.
 */
export function sessionEndsAt(session: { createdAt: string; endsAt?: number | undefined }): number {
  return session.endsAt ?? Math.floor(Date.parse(session.createdAt) / 1000) + sessionMaxAgeSeconds();
}

/** True while the session may be used: neither its idle end nor its absolute end has passed. */
export function sessionIsLive(session: { createdAt: string; endsAt?: number | undefined; expiresAt: number }, now = Date.now()): boolean {
  return now < Math.min(session.expiresAt, sessionEndsAt(session)) * 1000;
}

/** A refresh token is `<sessionId>.<random secret>`; only the secret's SHA-256 is stored. */
export function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const hashSecret = (secretValue: string): string => createHash('sha256').update(secretValue).digest('base64url');

export function splitRefreshToken(token: string): { sessionId: string; secret: string } {
  const [sessionId, secretValue, extra] = token.split('.');
  if (!sessionId || !secretValue || extra !== undefined || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(sessionId)) {
    throw new UnauthenticatedError('token_invalid', 'The refresh token is not valid');
  }
  return { sessionId, secret: secretValue };
}
