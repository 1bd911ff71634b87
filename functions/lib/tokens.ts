import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

let secret: Buffer | undefined;
const signingKey = (): Buffer => (secret ??= Buffer.from(env('JWT_SECRET'), 'utf8'));

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/*
 * Access tokens are compact JWS (RFC 7515/7519) with HS256, built on node:crypto: one algorithm, one
 * key, our own claims, so a library's generality (and its 20 KB in every function) buys nothing here.
 * The tests sign and verify with `jose` as the independent implementation (tests/unit/tokens.test.ts).
 */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const B64URL = /^[A-Za-z0-9_-]+$/;
const mac = (input: string): Buffer => createHmac('sha256', signingKey()).update(input).digest();
const invalid = (): UnauthenticatedError => new UnauthenticatedError('token_invalid', 'The access token is not valid');

function jsonObject(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
  return value as Record<string, unknown>;
}

/** Signs a short-lived HS256 access token naming the user and the session. */
export async function signAccessToken(claims: AccessClaims, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  const payload = { sid: claims.sessionId, typ: 'access', sub: claims.userId, iss: ISSUER, aud: AUDIENCE, iat, exp: iat + ACCESS_TOKEN_TTL_S };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signingInput}.${mac(signingInput).toString('base64url')}`;
}

/**
 * Verifies the signature first (header `alg` must be HS256: `none` and every other algorithm are refused,
 * as is a `crit` header), then issuer, audience, expiry and not-before; a tampered token is
 * `token_invalid`, an old one `token_expired`.
 */
export async function verifyAccessToken(token: string, now = Date.now()): Promise<AccessClaims> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) throw invalid();
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = jsonObject(headerPart);
  if (header.alg !== 'HS256' || 'crit' in header) throw invalid();
  const given = Buffer.from(signaturePart, 'base64url');
  const expected = mac(`${headerPart}.${payloadPart}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const payload = jsonObject(payloadPart);
  const audience = payload.aud;
  if (payload.iss !== ISSUER || !(audience === AUDIENCE || (Array.isArray(audience) && audience.includes(AUDIENCE)))) throw invalid();
  const nowS = Math.floor(now / 1000);
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw invalid();
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > nowS)) throw invalid();
  if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw invalid();
  if (payload.exp <= nowS) throw new UnauthenticatedError('token_expired', 'The access token has expired');
  return { userId: payload.sub, sessionId: payload.sid };
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
