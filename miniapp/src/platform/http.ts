import type { HttpMethod } from '@wxshop/shared';

/** Browsers send every method as is. */
export function adaptMethod(method: HttpMethod): { method: HttpMethod; headers: Record<string, string> } {
  return { method, headers: {} };
}
