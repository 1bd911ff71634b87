import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildOpenApi } from '../lib/openapi';

const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

type Operation = {
  operationId: string;
  summary: string;
  security: unknown[];
  'x-permission'?: string;
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
};

/** GET /docs: the OpenAPI document as a readable page (no external assets: it must work offline). */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => {
  const doc = buildOpenApi('') as { paths: Record<string, Record<string, Operation>> };
  const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const body = op.requestBody
        ? `<details><summary>body</summary><pre>${escape(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))}</pre></details>`
        : '';
      const ok = Object.entries(op.responses).find(([s]) => s.startsWith('2'));
      const response = ok?.[1].content
        ? `<details><summary>${ok[0]} response</summary><pre>${escape(JSON.stringify(ok[1].content['application/json'].schema, null, 2))}</pre></details>`
        : '';
      return `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3><p>${escape(op.summary)}</p><p class="auth">${op.security.length ? `Bearer token, ${escape(op['x-permission'] ?? '')}` : 'Public'}</p>${body}${response}</section>`;
    }),
  );
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>wxshop API</title><style>body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}section{border-bottom:1px solid #eee;padding:.5rem 0}.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px}.get{background:#2b8a3e}.post{background:#1971c2}.patch{background:#e67700}.delete{background:#c92a2a}.put{background:#5f3dc4}.auth{color:#666}pre{background:#f8f9fa;padding:.5rem;overflow:auto}</style></head><body><h1>wxshop API</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors: <code>{ error: { code, message, requestId, fields? } }</code>.</p>${rows.join('')}</body></html>`;
  return { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
};
