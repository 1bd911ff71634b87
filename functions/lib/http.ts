import middy, { type MiddlewareObj, type Request } from '@middy/core';
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import type { RouteDef } from '@wxshop/shared/api/route';
import type { ErrorBody } from '@wxshop/shared/errors';
import { AppError, BadRequestError, ValidationError } from './errors';
import { authenticateWith, authorize, type Prefetched, type Principal } from './auth';
import type { Key } from './keys';
import { hit } from './rate-limit';
import * as idempotency from './idempotency';
import { logger } from './logger';
import { envOr } from './config';

/** JSON bodies above this are refused with 413 (API Gateway itself allows 10 MB). */
export const MAX_BODY_BYTES = 64 * 1024;

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface HandlerInput<R extends RouteDef> {
  body: z.output<NonNullable<R['body']>>;
  query: z.output<NonNullable<R['query']>>;
  params: z.output<NonNullable<R['params']>>;
  /** The signed-in caller; present on every route that is not `public`. */
  user: R['auth'] extends 'public' ? Principal | undefined : Principal;
  requestId: string;
  ip: string;
  headers: Record<string, string | undefined>;
  /**
   * Present when the route is idempotent and the request sent an Idempotency-Key: a stable reference
   * of (route, caller, key) for the handler's writes, so a run after a takeover (the first run died
   * before its record was completed) finds the first run's effect instead of applying it twice.
   */
  idempotencyReference?: string;
  /** The items the route's `prefetch` named, read in the session check's BatchGet (empty without one). */
  prefetched: Prefetched;
}

/** What a route's prefetch sees: the validated input and the caller named by the verified token. */
export interface PrefetchInput<R extends RouteDef> {
  body: z.output<NonNullable<R['body']>>;
  query: z.output<NonNullable<R['query']>>;
  params: z.output<NonNullable<R['params']>>;
  headers: Record<string, string | undefined>;
  userId: string;
}

export interface HttpOptions<R extends RouteDef> {
  /**
   * Keys the handler reads first, read in the same BatchGet as the session and the account (ADR 0051):
   * one DynamoDB call fewer per request. Signed-in routes only; the handler must treat a missing item
   * as it would after its own read.
   */
  prefetch?: (input: PrefetchInput<R>) => Key[];
}

interface State {
  requestId: string;
  startedAt: number;
  ip: string;
  body?: unknown;
  query?: unknown;
  params?: unknown;
  user?: Principal;
  prefetched?: Prefetched;
  idempotency?: idempotency.IdempotencyScope;
  /** This call claimed the key (it runs the handler): only then may it complete or release the record. */
  idempotencyOwned?: boolean;
}

const states = new WeakMap<Event, State>();
const stateOf = (event: Event): State => {
  const s = states.get(event);
  if (!s) throw new Error('request state missing');
  return s;
};

const header = (event: Event, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
};

/** Zod issues -> `{ "body.phone": "message" }`. */
function fieldsOf(prefix: string, error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].join('.');
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    fields[path] ??= message;
  }
  return fields;
}

function parseWith(schema: z.ZodType | undefined, value: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const out = schema.safeParse(value);
  if (!out.success) throw new ValidationError(fieldsOf(prefix, out.error));
  return out.data;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Result {
  return { statusCode: status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: status === 204 ? '' : JSON.stringify(body) };
}

export function errorResponse(err: unknown, requestId: string): Result {
  if (err instanceof AppError) {
    const body: ErrorBody = {
      error: {
        code: err.code,
        message: err.message,
        requestId,
        ...(err.extra.fields ? { fields: err.extra.fields } : {}),
        ...(err.extra.retryAfter !== undefined ? { retryAfter: err.extra.retryAfter } : {}),
        ...(err.extra.details ? { details: err.extra.details } : {}),
      },
    };
    return jsonResponse(err.status, body, err.extra.headers);
  }
  logger.error('unhandled error', { requestId, error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) });
  const body: ErrorBody = { error: { code: 'internal_error', message: 'Something went wrong', requestId } };
  return jsonResponse(500, body);
}

/**
 * The id that names this request in the logs and in every error body: API Gateway's own, unless it is
 * missing or one of serverless-offline's fixed placeholders (`offlineContext_resourceId` on every request),
 * then a fresh UUID. NOTE: offline's `context.awsRequestId` is no substitute: in-process, concurrent
 * invocations of one function share one context object.
 */
export function requestIdOf(event: Pick<Event, 'requestContext'>): string {
  const platform = event.requestContext?.requestId;
  if (platform && !platform.startsWith('offlineContext_')) return platform;
  return crypto.randomUUID();
}

/** Request id, timing and one structured log line per request. */
const requestLog = (): MiddlewareObj<Event, Result> => ({
  before: (request) => {
    const requestId = requestIdOf(request.event);
    states.set(request.event, { requestId, startedAt: Date.now(), ip: request.event.requestContext?.http?.sourceIp ?? 'unknown' });
  },
  after: (request) => logLine(request),
  onError: (request) => logLine(request),
});

function logLine(request: Request<Event, Result>): void {
  const s = states.get(request.event);
  const status = request.response?.statusCode ?? 500;
  logger.info('request', {
    requestId: s?.requestId,
    method: request.event.requestContext?.http?.method,
    path: request.event.rawPath,
    status,
    ms: s ? Date.now() - s.startedAt : undefined,
  });
  if (s && request.response) request.response.headers = { ...request.response.headers, 'X-Request-Id': s.requestId };
}

/** Maps every thrown error to the one error body. Unknown errors leak nothing. */
const errorMapper = (): MiddlewareObj<Event, Result> => ({
  onError: (request) => {
    const s = states.get(request.event);
    request.response = errorResponse(request.error, s?.requestId ?? 'unknown');
  },
});

/** JSON parsing with a size limit, then strict validation of path, query and body. */
const parseInput = (route: RouteDef): MiddlewareObj<Event, Result> => ({
  before: (request) => {
    const { event } = request;
    const s = stateOf(event);
    let body: unknown;
    if (event.body !== undefined && event.body !== null && event.body !== '') {
      // NOTE: API Gateway always sends the body as text; serverless-offline passes falsy JSON (`0`, `false`) parsed.
      const text = typeof event.body === 'string' ? event.body : JSON.stringify(event.body);
      const raw = event.isBase64Encoded ? Buffer.from(text, 'base64').toString('utf8') : text;
      if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw new AppError('payload_too_large', 413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
      const type = header(event, 'content-type') ?? '';
      if (!/^application\/json\b/i.test(type)) throw new AppError('unsupported_media_type', 415, 'Send the body as application/json');
      try {
        body = JSON.parse(raw);
      } catch {
        throw new BadRequestError('The body is not valid JSON', undefined, 'malformed_json');
      }
    }
    // An empty object is "no body": mini-program request APIs send `{}` with every POST/PUT.
    const emptyObject = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
    if (!route.body && body !== undefined && !emptyObject) throw new ValidationError({ body: 'this route takes no body' });
    s.body = route.body ? parseWith(route.body, body, 'body') : undefined;
    const query = event.queryStringParameters ?? {};
    if (!route.query && Object.keys(query).length > 0) throw new ValidationError({ query: 'this route takes no query parameters' });
    s.query = parseWith(route.query, query, 'query');
    s.params = parseWith(route.params, event.pathParameters ?? {}, 'params');
  },
});

const authenticateCaller = <R extends RouteDef>(route: R, prefetch?: HttpOptions<R>['prefetch']): MiddlewareObj<Event, Result> => ({
  before: async (request) => {
    const s = stateOf(request.event);
    const authorization = header(request.event, 'authorization');
    if (route.auth === 'public') {
      return;
    }
    const extra = prefetch
      ? (claims: { userId: string }) =>
          prefetch({ body: s.body, query: s.query, params: s.params, headers: request.event.headers ?? {}, userId: claims.userId } as PrefetchInput<R>)
      : undefined;
    const { principal, prefetched } = await authenticateWith(authorization, extra);
    s.user = principal;
    s.prefetched = prefetched;
    authorize(route.auth, s.user, (s.params ?? {}) as Record<string, unknown>);
  },
});

const rateLimit = (route: RouteDef): MiddlewareObj<Event, Result> => ({
  before: async (request) => {
    const s = stateOf(request.event);
    for (const rule of route.rateLimit ?? []) {
      const subject = rule.key === 'user' ? (s.user?.userId ?? s.ip) : s.ip;
      await hit({ bucket: `${route.id}:${rule.key}`, subject, limit: rule.limit, per: rule.per });
    }
  },
});

const idempotent = (route: RouteDef): MiddlewareObj<Event, Result> => ({
  before: async (request) => {
    const key = header(request.event, 'idempotency-key');
    // 'handler': the handler writes its own once-per-key marker (no record, two DynamoDB calls fewer)
    if (route.idempotent !== true || key === undefined) return undefined;
    const s = stateOf(request.event);
    s.idempotency = { route: route.id, caller: s.user?.userId ?? s.ip, key, request: { body: s.body, query: s.query, params: s.params } };
    const stored = await idempotency.claim(s.idempotency);
    s.idempotencyOwned = stored === null;
    if (stored)
      return { statusCode: stored.status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotent-Replayed': 'true' }, body: stored.body };
    return undefined;
  },
  after: async (request) => {
    const s = stateOf(request.event);
    if (s.idempotency && s.idempotencyOwned && request.response && request.response.headers?.['Idempotent-Replayed'] !== 'true') {
      await idempotency.complete(s.idempotency, { status: request.response.statusCode ?? 200, body: String(request.response.body ?? '') });
    }
  },
  onError: async (request) => {
    const s = states.get(request.event);
    // a crashed host releases nothing: the record stays in_progress until it is taken over
    if (request.error instanceof idempotency.SimulatedCrash) return;
    // NOTE: a call refused by the claim (the same key still running, or reused for another request) owns
    // nothing: releasing would delete the running call's record and let a third call run the handler again
    if (s?.idempotency && s.idempotencyOwned)
      await idempotency.release(s.idempotency).catch((err: unknown) => logger.warn('idempotency release failed', { err: String(err) }));
  },
});

const corsOrigins = (): string[] =>
  envOr('CORS_ORIGINS', 'http://127.0.0.1:8080,http://localhost:8080')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/**
 * Builds a Lambda handler for one route: the middy chain (log, CORS, error mapping, JSON parsing,
 * strict validation, authentication, permission, rate limits, idempotency), then the handler's
 * result validated against the route's response schema (which strips anything undeclared).
 */
export function http<R extends RouteDef>(route: R, fn: (input: HandlerInput<R>) => Promise<z.input<R['response']>>, options: HttpOptions<R> = {}) {
  if (options.prefetch && route.auth === 'public') throw new Error(`${route.id}: prefetch needs a signed-in route (it rides on the session check)`);
  return middy<Event, Result, Error, Context>()
    .use(requestLog())
    .use(
      httpCors({
        origins: corsOrigins(),
        headers: 'Authorization,Content-Type,Idempotency-Key',
        exposeHeaders: 'X-Request-Id,Retry-After,Idempotent-Replayed',
        maxAge: 600,
      }),
    )
    .use(errorMapper())
    .use(parseInput(route))
    .use(authenticateCaller(route, options.prefetch))
    .use(rateLimit(route))
    .use(idempotent(route))
    .handler(async (event) => {
      const s = stateOf(event);
      const result = await fn({
        body: s.body,
        query: s.query,
        params: s.params,
        user: s.user,
        requestId: s.requestId,
        ip: s.ip,
        headers: event.headers ?? {},
        idempotencyReference: s.idempotency ? idempotency.effectReference(s.idempotency) : undefined,
        prefetched: s.prefetched ?? new Map(),
      } as HandlerInput<R>);
      const status = route.status ?? 200;
      return jsonResponse(status, route.response.parse(result));
    });
}
