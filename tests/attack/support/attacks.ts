import fc from 'fast-check';
import type { Operation, Param } from './openapi';
import { buildPath, wellFormed, type RequestSpec } from './http';
import { MALFORMED_JSON, hostileString, outOfRangeNumber, propertiesOf, validValue, wrongTypeValue } from './schema-arbitraries';

/** One generated request. Whether the API must accept its input is decided by `acceptsInput`. */
export interface Attack {
  /** What was done to an otherwise valid request. */
  mutation: string;
  spec: RequestSpec;
  /** The path parameters as sent (before encoding). */
  params: Record<string, string>;
  /** Replaces the Authorization header (forged, expired, malformed tokens). */
  authorization?: string;
  /**
   * Built on the route fixture's request (real ids, a real SMS code, a live refresh token). Such a
   * request the schemas accept would reach the handler with a real object: a wrong code or password
   * is counted, a reused refresh token ends its session (writes a 4xx rightly makes), and a lockout
   * would break the fixtures after it. The suite sends those only when they are the fixture itself.
   */
  onFixture?: boolean;
}

/** An otherwise valid request that the mutations break one way. */
export interface Base {
  body: unknown;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Headers the request needs to be valid (an Idempotency-Key). */
  headers?: Record<string, string>;
}

const paramsIn = (op: Operation, where: Param['in']): Param[] => op.params.filter((p) => p.in === where);

function baseArbitrary(op: Operation, fixed: Record<string, string>): fc.Arbitrary<Base> {
  const pathModel: Record<string, fc.Arbitrary<string>> = {};
  for (const p of paramsIn(op, 'path')) pathModel[p.name] = fixed[p.name] !== undefined ? fc.constant(fixed[p.name]!) : validValue(p.schema).map(String);
  const queryModel: Record<string, fc.Arbitrary<string>> = {};
  for (const p of paramsIn(op, 'query').filter((q) => q.name !== 'cursor')) queryModel[p.name] = validValue(p.schema).map(String);
  return fc
    .record({
      body: op.body ? validValue(op.body) : fc.constant(undefined),
      params: fc.record(pathModel),
      query: fc.record(queryModel, { requiredKeys: [] }),
    })
    .map((b) => ({ ...b, query: Object.fromEntries(Object.entries(b.query).filter((e): e is [string, string] => e[1] !== undefined)) }));
}

const specOf = (op: Operation, base: Base, patch: Partial<RequestSpec> = {}): RequestSpec & { params: Record<string, string> } => {
  const headers = base.headers || patch.headers ? { ...base.headers, ...patch.headers } : undefined;
  return {
    params: Object.fromEntries(Object.entries(base.params).map(([k, v]) => [k, wellFormed(v)])),
    method: op.method,
    path: buildPath(op.path, base.params),
    query: Object.keys(base.query).length ? base.query : undefined,
    body: base.body,
    ...patch,
    ...(headers ? { headers } : {}),
  };
};

/**
 * The base of a route fixture's request (support/route-fixtures.ts: real ids of the world's objects):
 * its path parameters read back from the operation's path template. Throws when the fixture's path is
 * not one of the operation's.
 */
export function baseFromFixture(op: Operation, spec: RequestSpec): Base {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const literal = (text: string): string => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `^${op.path
      .split(/\{\w+\}/)
      .map(literal)
      .join('([^/]+)')}$`,
  );
  const [pathOnly, inline] = spec.path.split('?') as [string, string | undefined];
  const match = pattern.exec(pathOnly);
  if (!match || spec.method.toUpperCase() !== op.method) throw new Error(`the fixture's request ${spec.method} ${spec.path} is not ${op.method} ${op.path}`);
  return {
    body: spec.raw !== undefined ? (JSON.parse(spec.raw) as unknown) : spec.body,
    params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])),
    query: { ...Object.fromEntries(new URLSearchParams(inline ?? '')), ...spec.query },
    headers: spec.headers,
  };
}

/** The fixture's request itself, unbroken: the one every allowed caller must get a 2xx for. */
export const fixtureAttack = (op: Operation, base: Base): Attack => {
  const { params, ...spec } = specOf(op, base);
  return { mutation: 'valid (route fixture)', spec, params, onFixture: true };
};

const withField = (body: unknown, name: string, value: unknown): Record<string, unknown> => ({ ...(body as Record<string, unknown>), [name]: value });
const withoutField = (body: unknown, name: string): Record<string, unknown> => {
  const copy = { ...(body as Record<string, unknown>) };
  delete copy[name];
  return copy;
};

/** The mutations that apply to an operation, each an arbitrary over the request it produces. */
function mutations(op: Operation, base: Base, forgedAuthorizations: readonly string[]): fc.Arbitrary<Attack>[] {
  const out: fc.Arbitrary<Attack>[] = [];
  const attack = (mutation: string, full: RequestSpec & { params: Record<string, string> }, authorization?: string): Attack => {
    const { params, ...spec } = full;
    return { mutation, spec, params, authorization };
  };
  const strings = propertiesOf(op.body, ['string']);
  const numbers = propertiesOf(op.body, ['integer', 'number']);
  const required = op.body?.required ?? [];

  out.push(fc.constant(attack('valid', specOf(op, base))));
  if (strings.length) {
    out.push(
      fc
        .tuple(fc.constantFrom(...strings), hostileString())
        .map(([[name], s]) => attack(`hostile string in body.${name}`, specOf(op, base, { body: withField(base.body, name, s) }))),
    );
  }
  const cursor = paramsIn(op, 'query').find((p) => p.name === 'cursor');
  if (cursor) out.push(hostileString().map((s) => attack('hostile cursor', specOf(op, { ...base, query: { ...base.query, cursor: s } }))));

  if (op.body) {
    // a fixture may leave out an optional body: its broken variants start from an empty object
    const bodyJson = JSON.stringify(base.body ?? {});
    out.push(fc.constantFrom(...MALFORMED_JSON).map((raw) => attack('malformed JSON', specOf(op, base, { body: undefined, raw }))));
    out.push(
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml')
        .map((type) => attack(`content-type ${type}`, specOf(op, base, { body: undefined, raw: bodyJson, headers: { 'Content-Type': type } }))),
    );
    out.push(
      fc
        .constantFrom<unknown>(null, 0, -1, 'text', true, [], [base.body])
        .map((body) => attack(`body is ${JSON.stringify(body)?.slice(0, 20)}`, specOf(op, base, { body: undefined, raw: JSON.stringify(body) }))),
    );
    out.push(
      fc
        .constantFrom('price', 'commissionRate', 'points', 'role', 'userId', 'isAdmin', 'PK', 'roles')
        .map((k) => attack(`extra field ${k}`, specOf(op, base, { body: withField(base.body, k, k === 'roles' ? { platform: 'super_admin' } : 1) }))),
    );
    out.push(
      fc.constant(
        attack(
          'extra field __proto__',
          specOf(op, base, {
            body: undefined,
            raw: bodyJson.replace(/^\{/, '{"__proto__":{"isAdmin":true,"roles":{"platform":"super_admin"}}' + (bodyJson === '{}' ? '' : ',')),
          }),
        ),
      ),
    );
    out.push(
      fc
        .integer({ min: 65 * 1024, max: 200 * 1024 })
        .map((n) => attack(`body of ${n} bytes`, specOf(op, base, { body: withField(base.body, strings[0]?.[0] ?? 'padding', 'x'.repeat(n)) }))),
    );
  }
  if (required.length)
    out.push(fc.constantFrom(...required).map((name) => attack(`missing body.${name}`, specOf(op, base, { body: withoutField(base.body, name) }))));
  const typed = Object.entries(op.body?.properties ?? {});
  if (typed.length) {
    out.push(
      fc
        .constantFrom(...typed)
        .chain(([name, s]) =>
          wrongTypeValue(s).map((v) => attack(`wrong type body.${name}=${JSON.stringify(v)}`, specOf(op, base, { body: withField(base.body, name, v) }))),
        ),
    );
  }
  const bounded = strings.filter(([, s]) => s.maxLength !== undefined);
  if (bounded.length) {
    out.push(
      fc
        .tuple(fc.constantFrom(...bounded), fc.integer({ min: 1, max: 5000 }), fc.constantFrom('a', '字', '😀'))
        .map(([[name, s], extra, ch]) =>
          attack(`body.${name} over maxLength`, specOf(op, base, { body: withField(base.body, name, ch.repeat((s.maxLength ?? 0) + extra)) })),
        ),
    );
  }
  if (numbers.length) {
    out.push(
      fc
        .constantFrom(...numbers)
        .chain(([name, s]) => outOfRangeNumber(s).map((n) => attack(`body.${name}=${n}`, specOf(op, base, { body: withField(base.body, name, n) })))),
    );
    out.push(
      fc
        .tuple(fc.constantFrom(...numbers), fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0.0', '1.0000000000000001', '0x10'))
        .map(([[name], literal]) => {
          const raw = JSON.stringify(withField(base.body, name, '__N__')).replace('"__N__"', literal);
          return attack(`body.${name}=${literal} (literal)`, specOf(op, base, { body: undefined, raw }));
        }),
    );
  }
  const queryParams = paramsIn(op, 'query');
  out.push(
    fc.tuple(fc.constantFrom('x', 'admin', '__proto__', 'limit', 'cursor'), hostileString()).map(([k, v]) => {
      return attack(`query ${k}=…`, specOf(op, { ...base, query: { ...base.query, [k]: v } }));
    }),
  );
  for (const q of queryParams.filter((p) => p.schema.type === 'integer')) {
    out.push(
      fc
        .constantFrom('abc', '0', '-1', '1.5', '1e3', '', ' ', '101', '99999999999999999999', 'NaN', 'Infinity', '0x10')
        .map((v) => attack(`query ${q.name}=${v}`, specOf(op, { ...base, query: { ...base.query, [q.name]: v } }))),
    );
  }
  for (const p of paramsIn(op, 'path')) {
    const bad = fc.oneof(
      fc.constantFrom('x', '01hzzzzzzzzzzzzzzzzzzzzzza', '0'.repeat(27), '0'.repeat(25), 'I'.repeat(26), '..', '%2e%2e%2f', 'a'.repeat(3000), ' ', "' OR 1=1"),
      hostileString(),
    );
    out.push(bad.map((v) => attack(`path ${p.name}=…`, specOf(op, { ...base, params: { ...base.params, [p.name]: v } }))));
  }
  if (op.bearer && forgedAuthorizations.length) {
    out.push(fc.constantFrom(...forgedAuthorizations).map((h) => attack('forged Authorization', specOf(op, base), h)));
  }
  return out;
}

/**
 * Requests for one operation: mostly broken ones, some well-formed with hostile content.
 * `fixed` pins path parameters of the schema-random base (a merchant the caller is staff of);
 * `fixture` is the route fixture's request, the base of most samples when given.
 */
export function attackArbitrary(
  op: Operation,
  forgedAuthorizations: readonly string[] = [],
  fixed: Record<string, string> = {},
  fixture?: Base,
): fc.Arbitrary<Attack> {
  // half on the fixture's request (ids that exist, states that allow the call), half on schema-random values
  const schema = baseArbitrary(op, fixed).chain((b) => fc.oneof(...mutations(op, b, forgedAuthorizations)));
  if (!fixture) return schema;
  const onFixture = fc.oneof(...mutations(op, fixture, forgedAuthorizations)).map((a): Attack => ({ ...a, onFixture: true }));
  return fc.oneof(onFixture, schema);
}

/** Pagination cursors that decode to JSON but are not a key of the list's index. */
export const CRAFTED_CURSORS: readonly string[] = [{ PK: 'USER#x', SK: 'PROFILE' }, { GSI1PK: 'PLATFORM_STAFF' }, { a: 'b' }, { PK: 1 }, []].map((c) =>
  Buffer.from(JSON.stringify(c)).toString('base64url'),
);

/**
 * Requests every run sends besides the sampled ones, where a random sample would rarely land:
 * each crafted cursor on a paginated route, and each body that is JSON but not an object.
 */
export function edgeAttacks(op: Operation): Attack[] {
  const out: Attack[] = [];
  const path = buildPath(op.path, Object.fromEntries(paramsIn(op, 'path').map((p) => [p.name, '01HZZZZZZZZZZZZZZZZZZZZZZA'])));
  const params = Object.fromEntries(paramsIn(op, 'path').map((p) => [p.name, '01HZZZZZZZZZZZZZZZZZZZZZZA']));
  if (paramsIn(op, 'query').some((q) => q.name === 'cursor')) {
    for (const cursor of CRAFTED_CURSORS) out.push({ mutation: 'crafted cursor', spec: { method: op.method, path, query: { cursor } }, params });
  }
  if (op.body) for (const raw of ['0', 'false', '""', '[]', '"{}"']) out.push({ mutation: `body is ${raw}`, spec: { method: op.method, path, raw }, params });
  return out;
}
