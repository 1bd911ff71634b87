/** On H5 the share's link carries its scene in the page's own query string (no WeChat scene number). */
export function launchContext(_options: unknown): { query: Record<string, unknown>; scene?: number } {
  if (typeof window === 'undefined') return { query: {} };
  return { query: Object.fromEntries(new URLSearchParams(window.location.search)) };
}
