import { buildOpenApi } from '../../functions/lib/openapi';

type Schema = Record<string, unknown>;

/** Every string a caller can send (bodies, queries, paths), with the place it sits. */
function requestStrings(doc: Schema): { where: string; schema: Schema }[] {
  const components = ((doc.components as Schema | undefined)?.schemas ?? {}) as Record<string, Schema>;
  const found: { where: string; schema: Schema }[] = [];
  const walk = (s: unknown, where: string, seen: Set<string>): void => {
    if (!s || typeof s !== 'object') return;
    const node = s as Schema;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.split('/').pop()!;
      if (seen.has(name)) return;
      walk(components[name], where, new Set([...seen, name]));
      return;
    }
    if (node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string'))) found.push({ where, schema: node });
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties') for (const [p, ps] of Object.entries(v as Schema)) walk(ps, `${where}.${p}`, seen);
      else if (k === 'items' || k === 'additionalProperties') walk(v, `${where}[]`, seen);
      else if (['anyOf', 'oneOf', 'allOf'].includes(k)) (v as unknown[]).forEach((x) => walk(x, where, seen));
    }
  };
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const id = `${method.toUpperCase()} ${path}`;
      for (const p of (op.parameters ?? []) as Schema[]) walk(p.schema, `${id} ${String(p.in)}:${String(p.name)}`, new Set());
      const content = ((op.requestBody as Schema | undefined)?.content ?? {}) as Record<string, Schema>;
      for (const c of Object.values(content)) walk(c.schema, `${id} body`, new Set());
    }
  }
  return found;
}

/** A pattern that fixes the length by itself: anchored, and no `+`, `*` or open `{n,}` repeat. */
const boundedPattern = (p: unknown): boolean => typeof p === 'string' && p.startsWith('^') && p.endsWith('$') && !/(^|[^\\])[+*]|\{\d+,\}/.test(p);

const bounded = (s: Schema): boolean => typeof s.maxLength === 'number' || Array.isArray(s.enum) || s.const !== undefined || boundedPattern(s.pattern);

describe('every free text a caller sends has a maximum', () => {
  const strings = requestStrings(buildOpenApi('http://127.0.0.1:3000'));

  it('finds the request strings at all (the walk reaches bodies, queries and paths)', () => {
    expect(strings.length).toBeGreaterThan(50);
    expect(strings.some((s) => /body\.title\.zh-CN$/.test(s.where))).toBe(true);
  });

  it('declares maxLength (or an enum) on every string in /openapi.json', () => {
    const unbounded = strings.filter(({ schema }) => !bounded(schema));
    expect(unbounded.map((s) => `${s.where} ${String(s.schema.pattern ?? '')}`)).toEqual([]);
  });
});
