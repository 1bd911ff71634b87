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

/**
 * A form field's accessible name (WCAG 1.3.1 / 4.1.2; axe `label`): Taro's H5 `Input` renders
 * `<taro-input-core><input></taro-input-core>` and copies only `nativeProps` onto the `<input>`,
 * so the visible label's text goes there as `aria-label`.
 */
export function fieldLabel(label: string): { nativeProps: { 'aria-label': string } } {
  return { nativeProps: { 'aria-label': label } };
}

/**
 * Taro's H5 router makes every page a scroll container (`.taro_page { overflow-y: scroll }`); a
 * page of plain text and tappable views then has nothing a keyboard can focus to scroll it (WCAG
 * 2.1.1; axe `scrollable-region-focusable`). Each page container joins the tab order as it is added.
 */
export function keyboardScrollablePages(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const mark = (el: Element): void => {
    if (el.classList.contains('taro_page') && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
  };
  document.querySelectorAll('.taro_page').forEach(mark);
  new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach((n) => n.nodeType === 1 && mark(n as Element));
  }).observe(document.body, { childList: true, subtree: true });
}
