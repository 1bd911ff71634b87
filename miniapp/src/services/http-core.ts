/**
 * The platform-neutral core of the API client: builds requests from the shared route definitions,
 * attaches the access token, refreshes it once on `token_expired` (single-flight) and turns error
 * bodies into `ApiError`. It knows nothing of Taro: the transport and the token store are injected,
 * so it runs under jest with a fake transport (tests/unit/miniapp/http-core.test.ts).
 */
import { ERROR_CODES, refreshToken as refreshRoute } from '@wxshop/shared';
import type { ErrorCode, HttpMethod, RouteDef, RouteBody, RouteParams, RouteQuery, RouteResponse, TokenPair } from '@wxshop/shared';

export interface TransportRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}
export interface TransportResponse {
  status: number;
  body: unknown;
}
/** Sends one HTTP request. Resolves with any status; rejects only when no answer came (network). */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

/** Where the tokens live (Taro storage in the app, a variable in tests). */
export interface TokenStore {
  get(): { accessToken: string; refreshToken: string } | null;
  save(pair: TokenPair): void;
  clear(): void;
}

/** An API error code, or `network_error` when the server could not be reached. */
export type ClientErrorCode = ErrorCode | 'network_error';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    readonly status: number,
    message: string,
    readonly requestId?: string,
    /** Field path -> message, for validation errors. */
    readonly fields?: Record<string, string>,
    /** Seconds until a rate-limited call may be retried. */
    readonly retryAfter?: number,
    /** What the server gave to recover with, e.g. the new checkout preview of a 409 `price_changed`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRoute = RouteDef<any, any, any, any>;
// `{} extends T` asks whether every field of T is optional.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Field<K extends string, T> = unknown extends T ? { [P in K]?: never } : {} extends T ? { [P in K]?: T } : { [P in K]: T };

/** What a call of `route` takes: `params`, `query`, `body` as the route declares them. */
export type CallInput<R> = Field<'params', RouteParams<R>> &
  Field<'query', RouteQuery<R>> &
  Field<'body', RouteBody<R>> & {
    /** For idempotent routes: reuse one key across user retries of the same action (default: a fresh key per call). */
    idempotencyKey?: string;
  };
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type CallArgs<R> = {} extends CallInput<R> ? [input?: CallInput<R>] : [input: CallInput<R>];

export interface ApiClientOptions {
  /** e.g. `http://127.0.0.1:3000`, no trailing slash. */
  baseUrl: string;
  transport: Transport;
  tokens: TokenStore;
  /** Sent as Accept-Language. */
  language?: () => string;
  /** Called after the session was cleared because it could not be renewed. */
  onSessionExpired?: () => void;
  newIdempotencyKey?: () => string;
}

export interface ApiClient {
  call<R extends AnyRoute>(route: R, ...args: CallArgs<R>): Promise<RouteResponse<R>>;
  /** Rotates the refresh token now (single-flight). False when there is no session or it was refused. */
  refresh(): Promise<boolean>;
}

/** `/merchants/{merchantId}/dashboard` + `{ merchantId: 'X' }` -> `/merchants/X/dashboard`. */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '')
      throw new ApiError('validation_failed', 400, `missing path parameter ${name}`, undefined, { [name]: 'required' });
    return encodeURIComponent(String(value));
  });
}

export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** Reads `{ error: { code, ... } }`; anything else becomes `internal_error` with the HTTP status. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; message?: unknown; requestId?: unknown; fields?: unknown; retryAfter?: unknown; details?: unknown };
    const code = typeof e.code === 'string' && KNOWN_CODES.has(e.code) ? (e.code as ErrorCode) : 'internal_error';
    return new ApiError(
      code,
      status,
      typeof e.message === 'string' ? e.message : code,
      typeof e.requestId === 'string' ? e.requestId : undefined,
      typeof e.fields === 'object' && e.fields !== null ? (e.fields as Record<string, string>) : undefined,
      typeof e.retryAfter === 'number' ? e.retryAfter : undefined,
      typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : undefined,
    );
  }
  return new ApiError('internal_error', status, `HTTP ${status}`);
}

function zodFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

function randomKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;
}

interface Prepared {
  method: HttpMethod;
  url: string;
  body?: unknown;
  headers: Record<string, string>;
  needsAuth: boolean;
}

/** Validates the input with the route's own zod schemas (same rules as the server) and builds the request. */
function prepare(route: AnyRoute, input: Record<string, unknown>, opts: ApiClientOptions): Prepared {
  const check = (schema: AnyRoute['body'], value: unknown): unknown => {
    if (!schema) return value;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ApiError('validation_failed', 400, 'invalid input', undefined, zodFields(parsed.error.issues));
    return parsed.data;
  };
  const params = check(route.params, input.params ?? {}) as Record<string, unknown>;
  const query = route.query ? (check(route.query, input.query ?? {}) as Record<string, unknown>) : undefined;
  let body = route.body ? check(route.body, input.body) : undefined;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (route.method !== 'GET' && route.method !== 'DELETE') {
    body ??= {};
    headers['Content-Type'] = 'application/json';
  }
  if (route.idempotent) headers['Idempotency-Key'] = (input.idempotencyKey as string | undefined) ?? (opts.newIdempotencyKey ?? randomKey)();
  const language = opts.language?.();
  if (language) headers['Accept-Language'] = language;
  return { method: route.method, url: opts.baseUrl + buildPath(route.path, params) + buildQuery(query), body, headers, needsAuth: route.auth !== 'public' };
}

const isOk = (status: number) => status >= 200 && status < 300;

export function createApiClient(opts: ApiClientOptions): ApiClient {
  let inflight: Promise<boolean> | null = null;

  async function send(p: Prepared, accessToken: string | undefined): Promise<TransportResponse> {
    const headers = accessToken ? { ...p.headers, Authorization: `Bearer ${accessToken}` } : p.headers;
    try {
      return await opts.transport({ method: p.method, url: p.url, headers, body: p.body });
    } catch (e) {
      if (isApiError(e)) throw e;
      throw new ApiError('network_error', 0, e instanceof Error ? e.message : 'network error');
    }
  }

  function expire(): void {
    opts.tokens.clear();
    opts.onSessionExpired?.();
  }

  async function doRefresh(): Promise<boolean> {
    const current = opts.tokens.get();
    if (!current) return false;
    const p = prepare(refreshRoute, { body: { refreshToken: current.refreshToken } }, opts);
    // A network failure propagates (the session may still be good); a refusal means it is over.
    const res = await send(p, undefined);
    if (!isOk(res.status)) return false;
    opts.tokens.save(res.body as TokenPair);
    return true;
  }

  function refresh(): Promise<boolean> {
    inflight ??= doRefresh().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function call<R extends AnyRoute>(route: R, ...args: CallArgs<R>): Promise<RouteResponse<R>> {
    const p = prepare(route, (args[0] ?? {}) as Record<string, unknown>, opts);
    let token: string | undefined;
    if (p.needsAuth) {
      // A refresh in flight will replace the token: wait for it rather than send one about to die.
      if (inflight) await inflight.catch(() => false);
      token = opts.tokens.get()?.accessToken;
      if (!token) throw new ApiError('unauthenticated', 401, 'not signed in');
    }
    let res = await send(p, token);
    if (res.status === 401 && token) {
      const first = toApiError(res.status, res.body);
      if (first.code === 'token_expired') {
        const latest = opts.tokens.get()?.accessToken;
        // Another call may have refreshed already while this one was on the wire.
        const renewed = latest !== undefined && latest !== token ? true : await refresh();
        if (!renewed) {
          expire();
          throw first;
        }
        token = opts.tokens.get()?.accessToken;
        res = await send(p, token);
      }
      if (res.status === 401) {
        const err = toApiError(res.status, res.body);
        expire();
        throw err;
      }
    }
    if (isOk(res.status)) return (res.status === 204 ? undefined : res.body) as RouteResponse<R>;
    throw toApiError(res.status, res.body);
  }

  return { call, refresh };
}
