import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ALL_ROUTES } from '@wxshop/shared/api/all';
import type { RouteDef } from '@wxshop/shared/api/route';
import { readFunctions } from '../../infra/local/template';
import { buildOpenApi } from '../../functions/lib/openapi';

const ROOT = join(__dirname, '..', '..');

/** Unwraps optional/refine wrappers down to the object schema, if any. */
function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  let s: z.ZodType = schema;
  for (let i = 0; i < 5; i += 1) {
    if (s instanceof z.ZodObject) return s;
    const inner = (s as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
    const next = inner.innerType ?? inner.in;
    if (!next) return undefined;
    s = next;
  }
  return undefined;
}

describe('the route table', () => {
  const functions = readFunctions();

  it.each(ALL_ROUTES.map((r) => [r.id, r] as [string, RouteDef]))('%s is a function of serverless.yml with its file', (id, route) => {
    const fn = functions.find((f) => f.name === id);
    expect(fn).toBeDefined();
    expect(fn!.events).toContainEqual({ httpApi: { method: route.method, path: route.path } });
    expect(existsSync(join(ROOT, `${fn!.handler.replace(/\.handler$/, '')}.ts`))).toBe(true);
  });

  it.each(ALL_ROUTES.map((r) => [r.id, r] as [string, RouteDef]))('%s rejects unknown fields in body, query and path', (_id, route) => {
    for (const schema of [route.body, route.query, route.params]) {
      if (!schema) continue;
      const obj = objectOf(schema);
      expect(obj).toBeDefined();
      const catchall = (obj as unknown as { _zod: { def: { catchall?: z.ZodType } } })._zod.def.catchall;
      expect(catchall).toBeInstanceOf(z.ZodNever);
    }
  });

  it('uses only methods wx.request and my.request support (no PATCH)', () => {
    for (const r of ALL_ROUTES) expect(['GET', 'POST', 'PUT', 'DELETE']).toContain(r.method);
  });

  it('merchant routes name the merchant in the path', () => {
    for (const r of ALL_ROUTES) if (typeof r.auth === 'object' && 'merchant' in r.auth) expect(r.path).toContain('{merchantId}');
  });

  it('every http function of serverless.yml serves a declared route or an ops page', () => {
    const ids = new Set(ALL_ROUTES.map((r) => r.id));
    const http = functions.filter((f) => f.events.some((e) => 'httpApi' in e)).map((f) => f.name);
    // kuaidi100-push: Kuaidi100's callback, a form body proven by its MD5 sign and answered with Kuaidi100's ack, not a bearer-token JSON route (ADR 0048)
    // alipay-notify: Alipay's trade_status_sync webhook: a form body proven by its RSA2 sign, answered with the literal `success`/`fail`, no session (ADR 0047)
    // wechatpay-notify: WeChat Pay's webhook: its own signature over the raw body and WeChat's answer shapes, no session (ADR 0046)
    // wechatpay-refund-notify: the same for refund notifications, at each refund's notify_url (ADR 0056)
    // wechat-message-push: WeChat's message push (media check verdicts), proven by its SHA1 signature over our token and answered `success` (ADR 0057)
    expect(http.filter((n) => !ids.has(n)).sort()).toEqual([
      'alipay-notify',
      'docs',
      'kuaidi100-push',
      'openapi',
      'wechat-message-push',
      'wechatpay-notify',
      'wechatpay-refund-notify',
    ]);
  });

  it('documents every route in OpenAPI 3.1', () => {
    const doc = buildOpenApi('http://localhost') as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(ALL_ROUTES.map((r) => r.id).sort());
  });
});
