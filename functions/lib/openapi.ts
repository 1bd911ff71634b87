import { z } from 'zod';
import { ALL_ROUTES } from '@wxshop/shared/api/all';
import { ErrorBody } from '@wxshop/shared/errors';
import type { RouteDef } from '@wxshop/shared/api/route';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
};

function securityOf(route: RouteDef): Record<string, unknown> {
  if (route.auth === 'public') return { security: [] };
  const needs =
    route.auth === 'user'
      ? 'any signed-in user'
      : 'platform' in route.auth
        ? `platform permission ${route.auth.platform}`
        : `merchant permission ${route.auth.merchant} in {merchantId}`;
  return { security: [{ bearer: [] }], 'x-permission': needs };
}

function parametersOf(route: RouteDef): unknown[] {
  const params: unknown[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {}))
      params.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
  }
  if (route.idempotent) params.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } });
  return params;
}

/** OpenAPI 3.1, generated from the same zod schemas the functions validate with. */
export function buildOpenApi(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const route of ALL_ROUTES) {
    const status = String(route.status ?? 200);
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      ...securityOf(route),
      parameters: parametersOf(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: {
        [status]: { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } },
        '4XX': { description: 'Refused: see error.code', content: { 'application/json': { schema: errorRef } } },
        '500': { description: 'internal_error', content: { 'application/json': { schema: errorRef } } },
      },
      ...(route.rateLimit ? { 'x-rate-limit': route.rateLimit } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'wxshop API',
      version: '0.1.0',
      description: 'Multi-merchant commerce platform API. Every error body is { error: { code, message, requestId, fields? } }.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { Error: jsonSchema(ErrorBody, 'output') } },
  };
}
