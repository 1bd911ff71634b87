/** The query and WeChat scene number the mini-program was opened (or shown again) with. */
export function launchContext(options: { query?: Record<string, unknown>; scene?: number } | undefined): { query: Record<string, unknown>; scene?: number } {
  return { query: options?.query ?? {}, scene: options?.scene };
}
