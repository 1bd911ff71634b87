import type { Catalog, MessageKey } from '../keys';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { zhCN } from './zh-CN';

/** Every language's messages. Import from `@wxshop/shared/i18n/messages` (kept out of the shared index so the functions bundle only what they use). */
export const CATALOG: Catalog = { 'zh-CN': zhCN, en, es, fr, de };

export { de, en, es, fr, zhCN };

/** Every message key (English defines the set). */
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
