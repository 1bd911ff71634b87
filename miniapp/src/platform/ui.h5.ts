/** `<html lang>` follows the app language (screen readers, hyphenation). */
export function setDocumentLanguage(lang: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/**
 * Gives Taro's H5 tab bar items stable ids (`#tab-home` ... `#tab-me`) for browser tests, and
 * their icons an empty alt (decorative: the label says it).
 * The bar renders after the first page, so try again on the next frames until it is there.
 */
export function decorateTabBar(ids: readonly string[], attempt = 0): void {
  if (typeof document === 'undefined') return;
  const items = document.querySelectorAll('.weui-tabbar__item');
  if (items.length < ids.length) {
    if (attempt < 30) setTimeout(() => decorateTabBar(ids, attempt + 1), 50);
    return;
  }
  items.forEach((el, i) => {
    const id = ids[i];
    if (id && el.id !== id) el.id = id;
    // The icons sit beside their label: decorative, so an empty alt (WCAG 1.1.1) rather than none.
    el.querySelectorAll('img:not([alt])').forEach((img) => img.setAttribute('alt', ''));
  });
}

/**
 * Attributes that let a keyboard reach a scrollable region (WCAG 2.1.1; axe
 * `scrollable-region-focusable`) and name it for screen readers. Spread onto the ScrollView or
 * View that scrolls: Taro's H5 components pass them to the element that scrolls.
 */
export function scrollRegion(label: string): { tabIndex: number; role: string; 'aria-label': string } {
  return { tabIndex: 0, role: 'region', 'aria-label': label };
}
