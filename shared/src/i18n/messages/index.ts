import type { Catalog, MessageKey, Messages } from '../keys';
import type { Language } from '../languages';
import { admin } from './areas/admin';
import { checkout } from './areas/checkout';
import { merchant } from './areas/merchant';
import { orders } from './areas/orders';
import { reviews } from './areas/reviews';
import { inbox } from './areas/inbox';
import { finance } from './areas/finance';
import { afterSales } from './areas/after-sales';
import { distribution } from './areas/distribution';
import { points } from './areas/points';
import { MAIN_CATALOG } from './main';

/**
 * Every language's messages, every area: for tests and tools. The mini-program loads the main
 * package's (`./main`) and each subpackage its own area (`./areas/merchant`, `./areas/admin`, `./areas/checkout`, `./areas/orders`, `./areas/inbox`, `./areas/finance`).
 * package's (`./main`) and each subpackage its own area (`./areas/merchant`, `./areas/admin`, `./areas/checkout`, `./areas/orders`, `./areas/inbox`, `./areas/points`).
 * Kept out of the shared index so the functions bundle only what they use.
 */
const all = (lang: Language): Messages => ({
  ...MAIN_CATALOG[lang],
  ...merchant[lang],
  ...admin[lang],
  ...checkout[lang],
  ...orders[lang],
  ...reviews[lang],
  ...inbox[lang],
  ...finance[lang],
  ...afterSales[lang],
  ...distribution[lang],
  ...points[lang],
});
export const CATALOG: Catalog = { 'zh-CN': all('zh-CN'), en: all('en'), es: all('es'), fr: all('fr'), de: all('de') };

export const { de, en, es, fr } = CATALOG;
export const zhCN = CATALOG['zh-CN'];

/** Every message key (English defines the set). */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
