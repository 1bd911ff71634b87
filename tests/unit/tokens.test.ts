/**
 * Access tokens against an independent implementation: `jose` verifies what we sign and signs what we
 * must accept or refuse, so our HS256 code (functions/lib/tokens.ts) and its test cannot share a mistake.
 */
import { SignJWT, jwtVerify, base64url } from 'jose';
import { signAccessToken, verifyAccessToken, ACCESS_TOKEN_TTL_S } from '../../functions/lib/tokens';

process.env.JWT_SECRET ??= 'unit-test-secret-0123456789abcdef';
const key = () => new TextEncoder().encode(process.env.JWT_SECRET);
const claims = { userId: '01JUSER0000000000000000000', sessionId: '01JSESSION0000000000000000' };
const nowS = () => Math.floor(Date.now() / 1000);

function joseToken(
  over: {
    alg?: string;
    secret?: Uint8Array;
    iss?: string;
    aud?: string | string[];
    exp?: number;
    nbf?: number;
    typ?: string;
    sub?: string;
    crit?: boolean;
  } = {},
) {
  const jwt = new SignJWT({ sid: claims.sessionId, typ: over.typ ?? 'access', ...(over.nbf !== undefined ? { nbf: over.nbf } : {}) })
    .setProtectedHeader({ alg: over.alg ?? 'HS256', typ: 'JWT', ...(over.crit ? { crit: ['wxshop'], wxshop: 1 } : {}) } as never)
    .setSubject(over.sub ?? claims.userId)
    .setIssuer(over.iss ?? 'wxshop')
    .setAudience(over.aud ?? 'wxshop-api')
    .setIssuedAt()
    .setExpirationTime(over.exp ?? nowS() + 600);
  return jwt.sign(over.secret ?? key(), over.crit ? { crit: { wxshop: true } } : undefined);
}

const refusal = async (token: string) =>
  verifyAccessToken(token).then(
    () => 'accepted',
    (err: { code?: string }) => err.code,
  );

describe('access tokens (HS256) against jose', () => {
  it('what we sign verifies with jose, with our claims and a 15-minute life', async () => {
    const token = await signAccessToken(claims);
    const { payload, protectedHeader } = await jwtVerify(token, key(), { issuer: 'wxshop', audience: 'wxshop-api', algorithms: ['HS256'] });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: claims.userId, sid: claims.sessionId, typ: 'access' });
    expect(payload.exp! - payload.iat!).toBe(ACCESS_TOKEN_TTL_S);
  });

  it('what jose signs with our key and claims is accepted', async () => {
    await expect(verifyAccessToken(await joseToken())).resolves.toEqual(claims);
    await expect(verifyAccessToken(await joseToken({ aud: ['other', 'wxshop-api'] }))).resolves.toEqual(claims);
  });

  it('expired is token_expired; expired with a bad signature is token_invalid', async () => {
    expect(await refusal(await joseToken({ exp: nowS() - 1 }))).toBe('token_expired');
    expect(await refusal(await joseToken({ exp: nowS() - 1, secret: new TextEncoder().encode('another-secret-of-the-same-length!') }))).toBe('token_invalid');
    expect(await refusal(await signAccessToken(claims, Date.now() - (ACCESS_TOKEN_TTL_S + 1) * 1000))).toBe('token_expired');
  });

  it.each([
    ['another key', () => joseToken({ secret: new TextEncoder().encode('not-our-secret-not-our-secret-!!') })],
    ['HS512', () => joseToken({ alg: 'HS512' })],
    ['another issuer', () => joseToken({ iss: 'someone' })],
    ['another audience', () => joseToken({ aud: 'other-api' })],
    ['not yet valid', () => joseToken({ nbf: nowS() + 120 })],
    ['a refresh-typed token', () => joseToken({ typ: 'refresh' })],
    ['a crit header', () => joseToken({ crit: true })],
  ])('refuses %s as token_invalid', async (_name, make) => {
    expect(await refusal(await make())).toBe('token_invalid');
  });

  it('refuses alg none, edited payloads, re-encoded signatures and malformed tokens', async () => {
    const good = await signAccessToken(claims);
    const [h, p, sig] = good.split('.') as [string, string, string];
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`;
    const edited = base64url.encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(base64url.decode(p))), sub: '01JOTHERUSER00000000000000' }));
    const cases = [
      none,
      `${h}.${edited}.${sig}`,
      `${h}.${p}.${sig.slice(0, -2)}`,
      `${h}.${p}.${sig}A`,
      `${h}.${p}`,
      `${h}.${p}.${sig}.x`,
      `${h}.${p}.${sig}=`,
      '',
      '...',
      `e30.${p}.${sig}`,
      `${h}.bnVsbA.${sig}`,
    ];
    for (const token of cases) expect([token, await refusal(token)]).toEqual([token, 'token_invalid']);
    expect(await refusal(good)).toBe('accepted');
  });
});
