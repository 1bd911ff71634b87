import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | void>;

export interface Invocation {
  method?: string;
  path?: string;
  body?: unknown;
  raw?: string;
  token?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: Record<string, string>;
  ip?: string;
  /** requestContext.requestId (default: a fresh UUID, as API Gateway gives). */
  requestId?: string;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

const context = (): Context =>
  ({
    awsRequestId: randomUUID(),
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-east-1:000000000000:function:test',
    memoryLimitInMB: '512',
    logGroupName: 'test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

/** Invokes a Lambda handler with an API Gateway HTTP API (payload 2.0) event, as AWS would. */
export async function invoke<T = Record<string, unknown>>(handler: Handler, inv: Invocation = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...(inv.headers ?? {}) };
  if ((inv.body !== undefined || inv.raw !== undefined) && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  if (inv.token) headers.authorization = `Bearer ${inv.token}`;
  const method = inv.method ?? 'POST';
  const path = inv.path ?? '/';
  const event = {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(inv.query ?? {}).toString(),
    headers,
    queryStringParameters: inv.query,
    pathParameters: inv.params,
    body: inv.raw ?? (inv.body === undefined ? undefined : JSON.stringify(inv.body)),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId: inv.requestId ?? randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: inv.ip ?? `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        userAgent: 'jest',
      },
    },
  } as APIGatewayProxyEventV2;
  const result = (await handler(event, context())) as APIGatewayProxyStructuredResultV2;
  const text = typeof result.body === 'string' ? result.body : '';
  return { status: result.statusCode ?? 200, body: (text ? parsed(text) : {}) as T, headers: (result.headers ?? {}) as Record<string, string> };
}

/** JSON bodies parsed; a plain-text answer (Alipay's `success` / `fail`) as its text. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
