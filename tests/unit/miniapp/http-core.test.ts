import { createPlatformStaff, getMe, getMerchantDashboard, listPlatformStaff, loginSms, type Profile, type TokenPair } from '@wxshop/shared';
import {
  ApiError,
  createApiClient,
  type TokenStore,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '../../../miniapp/src/services/http-core';

const BASE = 'http://api.test';

const profile: Profile = {
  id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  nickname: 'Ming',
  avatarUrl: null,
  language: 'en',
  currency: 'CNY',
  roles: {},
  identities: [],
  createdAt: '2026-11-01T00:00:00.000Z',
};

function pair(n: number): TokenPair {
  return { accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresIn: 900, isNewUser: false, profile };
}

function memoryTokens(initial: { accessToken: string; refreshToken: string } | null) {
  let current = initial;
  const store: TokenStore & { current(): typeof current } = {
    get: () => current,
    save: (p) => {
      current = { accessToken: p.accessToken, refreshToken: p.refreshToken };
    },
    clear: () => {
      current = null;
    },
    current: () => current,
  };
  return store;
}

const expired = { status: 401, body: { error: { code: 'token_expired', message: 'expired', requestId: 'r-exp' } } };
const ok = (body: unknown): TransportResponse => ({ status: 200, body });

/** A fake API: `handle` answers each request; every request is recorded. */
function fakeTransport(handle: (req: TransportRequest) => TransportResponse | Promise<TransportResponse>) {
  const calls: TransportRequest[] = [];
  const transport: Transport = async (req) => {
    calls.push(req);
    await new Promise((r) => setTimeout(r, 1));
    return handle(req);
  };
  return { transport, calls };
}

/** Access tokens `at-1` (stale) -> refresh gives `at-2`; GET /me answers 401 token_expired to stale tokens. */
function expiringApi(refresh: () => TransportResponse = () => ok(pair(2))) {
  return fakeTransport((req) => {
    if (req.url === `${BASE}/auth/refresh`) return refresh();
    if (req.headers.Authorization === 'Bearer at-1') return expired;
    return ok(profile);
  });
}

describe('API client', () => {
  it('sends the access token, the language and a path built from params and query', async () => {
    const { transport, calls } = fakeTransport((req) =>
      req.url.includes('/dashboard') ? ok({ merchant: {}, staffCount: 2 }) : ok({ items: [], nextCursor: null }),
    );
    const api = createApiClient({ baseUrl: BASE, transport, tokens: memoryTokens({ accessToken: 'at-9', refreshToken: 'rt-9' }), language: () => 'fr' });

    const dashboard = await api.call(getMerchantDashboard, { params: { merchantId: '01JMERCHANT000000000000000' } });
    await api.call(listPlatformStaff, { query: { cursor: 'a b', limit: 5 } });

    expect(dashboard.staffCount).toBe(2);
    expect(calls[0]).toMatchObject({ method: 'GET', url: `${BASE}/merchants/01JMERCHANT000000000000000/dashboard` });
    expect(calls[0]!.headers).toMatchObject({ Authorization: 'Bearer at-9', 'Accept-Language': 'fr' });
    expect(calls[1]!.url).toBe(`${BASE}/admin/staff?cursor=a%20b&limit=5`);
  });

  it('refreshes once on token_expired, stores the rotated tokens and retries the call', async () => {
    const tokens = memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const { transport, calls } = expiringApi();
    const api = createApiClient({ baseUrl: BASE, transport, tokens });

    const me = await api.call(getMe);

    expect(me.nickname).toBe('Ming');
    expect(calls.map((c) => `${c.method} ${c.url.replace(BASE, '')}`)).toEqual(['GET /me', 'POST /auth/refresh', 'GET /me']);
    expect(calls[1]!.body).toEqual({ refreshToken: 'rt-1' });
    expect(calls[1]!.headers.Authorization).toBeUndefined();
    expect(calls[2]!.headers.Authorization).toBe('Bearer at-2');
    expect(tokens.current()).toEqual({ accessToken: 'at-2', refreshToken: 'rt-2' });
  });

  it('refreshes a single time when parallel calls all meet an expired token', async () => {
    const tokens = memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const { transport, calls } = expiringApi();
    const api = createApiClient({ baseUrl: BASE, transport, tokens });

    const results = await Promise.all([api.call(getMe), api.call(getMe), api.call(getMe), api.call(getMe)]);

    expect(results).toHaveLength(4);
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(calls.filter((c) => c.url.endsWith('/me') && c.headers.Authorization === 'Bearer at-2')).toHaveLength(4);
  });

  it('does not refresh again for a 401 that arrives after another call already refreshed', async () => {
    const tokens = memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' });
    let slowRelease: () => void = () => undefined;
    const slow = new Promise<void>((r) => (slowRelease = r));
    const { transport, calls } = fakeTransport(async (req) => {
      if (req.url.endsWith('/auth/refresh')) return ok(pair(2));
      if (req.headers.Authorization === 'Bearer at-1') {
        if (req.url.endsWith('/admin/staff')) await slow; // this one answers late
        return expired;
      }
      return req.url.endsWith('/admin/staff') ? ok({ items: [], nextCursor: null }) : ok(profile);
    });
    const api = createApiClient({ baseUrl: BASE, transport, tokens });

    const late = api.call(listPlatformStaff);
    await api.call(getMe); // refreshes
    slowRelease();
    await late;

    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('clears the session and sends the user to sign in when the refresh is refused', async () => {
    const tokens = memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const onSessionExpired = jest.fn();
    const { transport } = expiringApi(() => ({ status: 401, body: { error: { code: 'token_invalid', message: 'reused', requestId: 'r' } } }));
    const api = createApiClient({ baseUrl: BASE, transport, tokens, onSessionExpired });

    const failure = await api.call(getMe).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('token_expired');
    expect(tokens.current()).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    const tokens = memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const onSessionExpired = jest.fn();
    const transport: Transport = async (req) => {
      if (req.url.endsWith('/auth/refresh')) throw new Error('request:fail timeout');
      return expired;
    };
    const api = createApiClient({ baseUrl: BASE, transport, tokens, onSessionExpired });

    await expect(api.call(getMe)).rejects.toMatchObject({ code: 'network_error', status: 0 });
    expect(tokens.current()).toEqual({ accessToken: 'at-1', refreshToken: 'rt-1' });
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('ends the session on a 401 token_invalid without trying to refresh', async () => {
    const tokens = memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const onSessionExpired = jest.fn();
    const { transport, calls } = fakeTransport(() => ({ status: 401, body: { error: { code: 'token_invalid', message: 'bad', requestId: 'r' } } }));
    const api = createApiClient({ baseUrl: BASE, transport, tokens, onSessionExpired });

    await expect(api.call(getMe)).rejects.toMatchObject({ code: 'token_invalid' });
    expect(calls).toHaveLength(1);
    expect(tokens.current()).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('turns error bodies into ApiError with code, request id, fields and retryAfter', async () => {
    const { transport } = fakeTransport((req) =>
      req.url.endsWith('/auth/sms/login')
        ? { status: 429, body: { error: { code: 'rate_limited', message: 'slow down', requestId: 'req-1', retryAfter: 30 } } }
        : { status: 502, body: '<html>Bad gateway</html>' },
    );
    const api = createApiClient({ baseUrl: BASE, transport, tokens: memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' }) });

    await expect(api.call(loginSms, { body: { phone: '+8613800000000', code: '123456' } })).rejects.toMatchObject({
      code: 'rate_limited',
      status: 429,
      requestId: 'req-1',
      retryAfter: 30,
    });
    await expect(api.call(getMe)).rejects.toMatchObject({ code: 'internal_error', status: 502 });
  });

  it('keeps the details an error body carries (the new preview of a 409 price_changed)', async () => {
    const preview = { total: { amount: 1200, currency: 'CNY' } };
    const { transport } = fakeTransport(() => ({
      status: 409,
      body: { error: { code: 'price_changed', message: 'changed', requestId: 'req-2', details: { preview } } },
    }));
    const api = createApiClient({ baseUrl: BASE, transport, tokens: memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' }) });

    await expect(api.call(getMe)).rejects.toMatchObject({ code: 'price_changed', status: 409, details: { preview } });
  });

  it('reports an unreachable server as network_error', async () => {
    const transport: Transport = async () => {
      throw new Error('request:fail net::ERR_CONNECTION_REFUSED');
    };
    const api = createApiClient({ baseUrl: BASE, transport, tokens: memoryTokens(null) });

    await expect(api.call(loginSms, { body: { phone: '+8613800000000', code: '123456' } })).rejects.toMatchObject({ code: 'network_error' });
  });

  it('rejects invalid input with the route schema before sending anything', async () => {
    const { transport, calls } = fakeTransport(() => ok({}));
    const api = createApiClient({ baseUrl: BASE, transport, tokens: memoryTokens(null) });

    const failure = (await api.call(loginSms, { body: { phone: '138', code: '12' } }).catch((e: unknown) => e)) as ApiError;

    expect(failure.code).toBe('validation_failed');
    expect(Object.keys(failure.fields ?? {}).sort()).toEqual(['code', 'phone']);
    expect(calls).toHaveLength(0);
  });

  it('does not call a signed-in route without a session', async () => {
    const { transport, calls } = fakeTransport(() => ok(profile));
    const api = createApiClient({ baseUrl: BASE, transport, tokens: memoryTokens(null) });

    await expect(api.call(getMe)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(calls).toHaveLength(0);
  });

  it('keeps one Idempotency-Key across the retry after a refresh', async () => {
    const tokens = memoryTokens({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const { transport, calls } = fakeTransport((req) => {
      if (req.url.endsWith('/auth/refresh')) return ok(pair(2));
      if (req.headers.Authorization === 'Bearer at-1') return expired;
      return { status: 201, body: { userId: 'u', nickname: 'n', role: 'finance', login: 'x', createdAt: 'c', createdBy: 'b' } };
    });
    const api = createApiClient({ baseUrl: BASE, transport, tokens });

    await api.call(createPlatformStaff, { body: { role: 'finance', email: 'Fin@Example.com' }, idempotencyKey: 'form-1' });

    const creates = calls.filter((c) => c.url.endsWith('/admin/staff'));
    expect(creates.map((c) => c.headers['Idempotency-Key'])).toEqual(['form-1', 'form-1']);
    expect(creates[1]!.body).toEqual({ role: 'finance', email: 'fin@example.com' });
  });
});
