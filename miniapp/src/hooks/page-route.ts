/** A page's route without the leading slash and the query: `/pages/me/index?x=1` -> `pages/me/index`. */
export function pageRoute(path: string | undefined): string | undefined {
  if (!path) return undefined;
  return path.replace(/^\//, '').split('?')[0] || undefined;
}

/**
 * True when the page at `own` is the one on top of the stack, so its title is the one to show.
 * When either is unknown (a platform that does not say), the page is taken to be on top.
 */
export function isTopPage(own: string | undefined, stack: { route?: string }[]): boolean {
  const top = pageRoute(stack[stack.length - 1]?.route);
  const mine = pageRoute(own);
  return top === undefined || mine === undefined || top === mine;
}
