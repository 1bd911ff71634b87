import { SignJWT } from 'jose';
import { ulid } from 'ulid';

const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * Authorization headers that must all be refused with 401: malformed schemes, unsigned and
 * wrongly signed tokens, an expired one, a refresh-typed one, one for a session that does not
 * exist, and a real token whose claims were edited (the user id swapped for another).
 */
export async function forgedAuthorizations(jwtSecret: string, real: { accessToken: string; userId: string }, otherUserId: string): Promise<string[]> {
  const key = new TextEncoder().encode(jwtSecret);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sid: ulid(), typ: 'access' };
  const signed = (c: Record<string, unknown>, opts: { exp?: number; iat?: number; secret?: Uint8Array; sub?: string } = {}) =>
    new SignJWT(c)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(opts.sub ?? real.userId)
      .setIssuer('wxshop')
      .setAudience('wxshop-api')
      .setIssuedAt(opts.iat ?? now)
      .setExpirationTime(opts.exp ?? now + 900)
      .sign(opts.secret ?? key);
  const [head, payload, signature] = real.accessToken.split('.');
  const claimsOfReal = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return [
    'Bearer',
    'Bearer ',
    'Bearer x',
    'bearer ' + real.accessToken,
    'Basic dXNlcjpwYXNzd29yZA==',
    `Token ${real.accessToken}`,
    `Bearer ${'a'.repeat(3000)}`,
    `Bearer ${real.accessToken}x`,
    `Bearer ${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...claimsOfReal })}.`,
    `Bearer ${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...claimsOfReal, sub: otherUserId })}.`,
    `Bearer ${head}.${enc({ ...claimsOfReal, sub: otherUserId })}.${signature}`,
    `Bearer ${await signed(claims, { secret: new TextEncoder().encode('not-the-secret-not-the-secret-000') })}`,
    `Bearer ${await signed({ ...claimsOfReal }, { exp: now - 60, iat: now - 1000 })}`,
    `Bearer ${await signed({ ...claims, typ: 'refresh' })}`,
    `Bearer ${await signed(claims)}`,
    `Bearer ${await signed({ ...claimsOfReal }, { sub: otherUserId })}`,
  ];
}
