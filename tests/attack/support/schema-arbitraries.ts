import fc from 'fast-check';
import type { JsonSchema } from './openapi';

/**
 * Valid values for fields whose emitted JSON Schema is looser than the zod schema behind it
 * (an email is only `maxLength: 254` in the document), so that a mutated request is invalid
 * because of the mutation, and a "valid" one really reaches the handler.
 */
const KNOWN_FIELDS: Record<string, fc.Arbitrary<unknown>> = {
  email: fc.stringMatching(/^[a-z][a-z0-9]{2,12}@example\.test$/),
  phone: fc.stringMatching(/^\+86139\d{8}$/),
  password: fc.string({ minLength: 8, maxLength: 24, unit: 'grapheme-ascii' }),
};

/** Strings that have broken other systems: injection, encodings, control and bidi characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE users;--",
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  'PK = :pk',
  'attribute_exists(PK)',
  '#roles.#platform',
  'USER#01HZZZZZZZZZZZZZZZZZZZZZZA',
  '__proto__',
  'constructor',
  '\u202Egnp.exe',
  '\uFEFF',
  'ｆｕｌｌｗｉｄｔｈ',
  '𝕳𝖊𝖑𝖑𝖔',
  '👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦',
  'Z̴̛͙a̷̢͝l̶̡̛g̸̢̛o̵̧̕',
  '\ud800',
  '\udfff\ud800',
  'a\r\nSet-Cookie: x=1',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '          ',
  '\t\n\r',
  '{"$gt":""}',
  '[object Object]',
  'eyJQSyI6IlVTRVIjeCJ9',
  Buffer.from(JSON.stringify({ PK: 'USER#x', SK: 'PROFILE' })).toString('base64url'),
  Buffer.from(JSON.stringify({ GSI1PK: 'PLATFORM_STAFF' })).toString('base64url'),
  Buffer.from(JSON.stringify({ a: 'b' })).toString('base64url'),
  Buffer.from('not json').toString('base64url'),
];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
  );

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** A value the schema accepts (as far as JSON Schema describes it). */
export function validValue(schema: JsonSchema, name?: string): fc.Arbitrary<unknown> {
  if (name && KNOWN_FIELDS[name] && typeOf(schema) === 'string') return KNOWN_FIELDS[name]!;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((s) => validValue(s, name)));
  switch (typeOf(schema)) {
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = validValue(s, k);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'string':
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc
        .string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40), unit: 'grapheme-ascii' })
        .filter((s) => s.trim().length >= (schema.minLength ?? 0));
    case 'integer':
    case 'number': {
      const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? -1000);
      const max = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : (schema.maximum ?? 1_000_000);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? validValue(schema.items) : fc.jsonValue(), { maxLength: 3 });
    default:
      return fc.jsonValue();
  }
}

export const propertiesOf = (schema: JsonSchema | undefined, types: string[]): [string, JsonSchema][] =>
  Object.entries(schema?.properties ?? {}).filter(([, s]) => types.includes(typeOf(s) ?? ''));

/** A JSON value of another type than the schema declares. */
export function wrongTypeValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const t = typeOf(schema);
  const all: unknown[] = ['text', 42, -1.5, true, null, [], {}, ['a'], { $gt: '' }, { nested: { deep: [1, 2] } }];
  const wrong = all.filter((v) => {
    if (v === null) return true;
    if (Array.isArray(v)) return t !== 'array';
    if (typeof v === 'number') return t !== 'number' && !(t === 'integer' && Number.isInteger(v));
    if (typeof v === 'object') return t !== 'object';
    return typeof v !== t;
  });
  return fc.constantFrom(...wrong);
}

/** Numbers outside the declared range or not integers where integers are declared. */
export function outOfRangeNumber(schema: JsonSchema): fc.Arbitrary<number> {
  const candidates = [-1, 0, -0.0001, 0.5, 1.5, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER + 2, 1e21, 1e308, -1e308, Number.MIN_VALUE, -(2 ** 31), 2 ** 31, 2 ** 63];
  const invalid = candidates.filter((n) => {
    if (typeOf(schema) === 'integer' && !Number.isInteger(n)) return true;
    if (schema.minimum !== undefined && n < schema.minimum) return true;
    if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) return true;
    if (schema.maximum !== undefined && n > schema.maximum) return true;
    if (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum) return true;
    return false;
  });
  return fc.constantFrom(...(invalid.length ? invalid : [1e308]));
}

/** Raw JSON texts that are not JSON (or not what JSON.parse accepts). */
export const MALFORMED_JSON: readonly string[] = [
  '{',
  '}',
  '{"a":',
  '{"a":1,,}',
  "{'a':1}",
  '{"a":1}garbage',
  '[1,2',
  'undefined',
  'NaN',
  '\u0000',
  '\uFEFF{}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":01}',
  '{"a":1e}',
  '"unterminated',
  '{a:1}',
  '<xml/>',
  'Infinity',
  '{"__proto__":',
];
