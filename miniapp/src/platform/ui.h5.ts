/** `<html lang>` follows the app language (screen readers, hyphenation). */
export function setDocumentLanguage(lang: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/**
 * Gives Taro's H5 tab bar items stable ids (`#tab-home` ... `#tab-me`) for browser tests.
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
  });
}
