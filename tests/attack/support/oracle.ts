import { ALL_ROUTES } from '@wxshop/shared/api/all';
import type { RouteDef } from '@wxshop/shared/api/route';
import { MAX_BODY_BYTES } from '../../../functions/lib/http';
import type { Attack } from './attacks';

export const routeById = (id: string): RouteDef | undefined => ALL_ROUTES.find((r) => r.id === id);

type Parsed = { ok: true; body: unknown } | { ok: false };

/**
 * The body as the API receives it locally. serverless-offline parses a JSON body and hands the
 * handler the raw text only when the parsed value is a truthy non-string; otherwise (NOTE: unlike
 * API Gateway, which always sends the text):
 * - `null` and `""` arrive as no body;
 * - `0` and `false` arrive as those values (functions/lib/http.ts reads them as JSON again);
 * - a JSON string arrives as its content, without the quotes, and is parsed by our API as JSON.
 * On AWS each of these is refused, so the model errs towards accepting: never a false finding.
 */
function parsedBody(attack: Attack): Parsed {
  const text = attack.spec.raw ?? (attack.spec.body === undefined ? undefined : JSON.stringify(attack.spec.body));
  if (text === undefined || text === '') return { ok: true, body: undefined };
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) return { ok: false };
  const type = attack.spec.headers?.['Content-Type'] ?? 'application/json';
  if (!/^application\/json\b/i.test(type)) return { ok: false };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  if (body === null || body === '') return { ok: true, body: undefined };
  if (typeof body !== 'string') return { ok: true, body };
  try {
    return { ok: true, body: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A route without a body takes `{}` as no body: the mini-program request APIs send one with every POST. */
const isEmptyObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/**
 * Whether the route's own zod schemas accept the request's body, query and path parameters: the
 * oracle for "invalid input must be refused" and "a well-formed request without a token gets 401".
 * JSON Schema cannot say everything zod says (refinements, trimming, coercion), so the generator
 * works from /openapi.json and the verdict comes from the schemas the functions validate with.
 */
export function acceptsInput(route: RouteDef, attack: Attack): boolean {
  const body = parsedBody(attack);
  if (!body.ok) return false;
  if (route.body ? !route.body.safeParse(body.body).success : body.body !== undefined && !isEmptyObject(body.body)) return false;
  const query = attack.spec.query ?? {};
  if (route.query ? !route.query.safeParse(query).success : Object.keys(query).length > 0) return false;
  if (route.params && !route.params.safeParse(attack.params).success) return false;
  return true;
}

/** Whether the route's path parameter schema accepts the attack's (a broken one may route elsewhere). */
export const acceptsParams = (route: RouteDef, attack: Attack): boolean => !route.params || route.params.safeParse(attack.params).success;
