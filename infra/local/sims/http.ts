/** Minimal request/reply plumbing for the simulators (node:http, no framework). */
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';

export interface SimRequest {
  method: string;
  url: URL;
  /** Path and query exactly as received (what WeChat Pay signs). */
  pathWithQuery: string;
  headers: IncomingHttpHeaders;
  text: string;
  params: Record<string, string>;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Handler = (req: SimRequest) => Promise<SimReply> | SimReply;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Exact path, or a pattern whose named groups become `params`. */
  path: string | RegExp;
  handler: Handler;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimReply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function html(body: string): SimReply {
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a JSON body with a schema; `undefined` when it is not JSON or does not match. */
export function parseBody<S extends z.ZodType>(schema: S, text: string): z.infer<S> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, params: {} };
      continue;
    }
    const match = route.path.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return undefined;
}
