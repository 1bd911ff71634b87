import type { HttpMethod } from '@wxshop/shared';

/**
 * NOTE: wx.request has no PATCH (OPTIONS GET HEAD POST PUT DELETE TRACE CONNECT only), so a PATCH
 * goes out as POST with `X-HTTP-Method-Override: PATCH`; the API must honour that header.
 */
export function adaptMethod(method: HttpMethod): { method: HttpMethod; headers: Record<string, string> } {
  if (method === 'PATCH') return { method: 'POST', headers: { 'X-HTTP-Method-Override': 'PATCH' } };
  return { method, headers: {} };
}
