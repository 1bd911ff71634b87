import type { z } from 'zod';
import type { RouteAuth } from '../auth';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API route: the single description that the Lambda wrapper validates against, the typed
 * client calls, and /openapi.json is generated from. Schemas of inputs are strict objects.
 */
export interface RouteDef<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends RouteAuth = RouteAuth,
> {
  /** Stable operation id, also the function name in serverless.yml (kebab-case). */
  id: string;
  method: HttpMethod;
  /** API Gateway style: `/merchants/{merchantId}/staff`. */
  path: string;
  summary: string;
  tag: string;
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  /** Success status; 200 unless said. */
  status?: 200 | 201 | 202 | 204;
  /**
   * The route honours an `Idempotency-Key` header. `true`: the wrapper keeps a record per key (claimed
   * before the handler, completed with the response). `'handler'`: the handler makes its effect once per
   * key itself, with a marker in its own transaction (submit-checkout), so no record is needed.
   */
  idempotent?: boolean | 'handler';
  /** Rate limits, checked before the handler: `per` is the window in seconds. */
  rateLimit?: { key: 'ip' | 'user'; limit: number; per: number }[];
}

export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType, const A extends RouteAuth>(
  def: RouteDef<B, Q, P, R, A>,
): RouteDef<B, Q, P, R, A> {
  return def;
}

export type RouteBody<T> = T extends RouteDef<infer B, z.ZodType, z.ZodType, z.ZodType, RouteAuth> ? z.input<B> : never;
export type RouteQuery<T> = T extends RouteDef<z.ZodType, infer Q, z.ZodType, z.ZodType, RouteAuth> ? z.input<Q> : never;
export type RouteParams<T> = T extends RouteDef<z.ZodType, z.ZodType, infer P, z.ZodType, RouteAuth> ? z.input<P> : never;
export type RouteResponse<T> = T extends RouteDef<z.ZodType, z.ZodType, z.ZodType, infer R, RouteAuth> ? z.output<R> : never;
