/** The subset of JSON Schema (draft 2020-12) that /openapi.json uses for request shapes. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface RateRule {
  key: 'ip' | 'user';
  limit: number;
  per: number;
}

/** One operation of /openapi.json, flattened. */
export interface Operation {
  id: string;
  method: string;
  /** The path template, `/merchants/{merchantId}/dashboard`. */
  path: string;
  /** True when the operation needs a bearer token. */
  bearer: boolean;
  /** `x-permission`: 'any signed-in user', 'platform permission ...', 'merchant permission ...'. */
  permission?: string;
  params: Param[];
  body?: JsonSchema;
  rateLimit: RateRule[];
}

interface OpenApiOperation {
  operationId: string;
  security?: unknown[];
  'x-permission'?: string;
  parameters?: Param[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  'x-rate-limit'?: RateRule[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** The operations documented by the running API, i.e. every route it serves. */
export async function loadOperations(apiUrl: string): Promise<Operation[]> {
  const res = await fetch(`${apiUrl}/openapi.json`);
  if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
  const doc = (await res.json()) as OpenApiDoc;
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      id: op.operationId,
      method: method.toUpperCase(),
      path,
      bearer: (op.security ?? []).length > 0,
      permission: op['x-permission'],
      params: op.parameters ?? [],
      body: op.requestBody?.content['application/json'].schema,
      rateLimit: op['x-rate-limit'] ?? [],
    })),
  );
}

/** Platform or merchant permission: the operation needs more than a signed-in shopper. */
export const needsStaff = (op: Operation): boolean => /^(platform|merchant) permission/.test(op.permission ?? '');
