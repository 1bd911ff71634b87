import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { MAIN_CATALOG } from '@wxshop/shared/i18n/messages/main';
import { formatMessage, LANGUAGES, type Language, type MessageKey } from '@wxshop/shared';
import { storage, STORAGE_KEYS } from '../services/storage';
import { setDocumentLanguage } from '../platform/ui';
import { pickLanguage } from './detect';

export { LANGUAGE_NAMES, isLanguage } from './detect';

function systemLanguageTag(): string | undefined {
  try {
    return Taro.getSystemInfoSync().language;
  } catch {
    return undefined;
  }
}

/**
 * The messages loaded so far, per language: the main package's at start; a subpackage adds its area
 * (`addMessages`, from its `messages.ts`) when its first page loads, so the main package carries no
 * merchant or admin text.
 */
const catalog = {} as Record<Language, Record<string, string>>;
for (const lang of LANGUAGES) catalog[lang] = { ...MAIN_CATALOG[lang] };

/** Adds an area's messages (every language); called once by each subpackage. */
export function addMessages(area: Record<Language, Record<string, string>>): void {
  for (const lang of LANGUAGES) Object.assign(catalog[lang], area[lang]);
}

let current: Language = pickLanguage(storage.get(STORAGE_KEYS.language), systemLanguageTag());
const listeners = new Set<() => void>();
setDocumentLanguage(current);

export function getLanguage(): Language {
  return current;
}

/** Switches every screen to `lang` and remembers it on this device. */
export function setLanguage(lang: Language): void {
  storage.set(STORAGE_KEYS.language, lang);
  if (lang === current) return;
  current = lang;
  setDocumentLanguage(lang);
  listeners.forEach((l) => l());
}

/** True when the user picked a language on this device (then it wins over the profile's). */
export function hasChosenLanguage(): boolean {
  return storage.get(STORAGE_KEYS.language) !== undefined;
}

/** The text of `key` in the current language; the key itself when its area is not loaded (a bug to see, not a crash). */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return formatMessage(catalog[current][key] ?? key, vars);
}

/** `t` for a key built at run time (`error.${code}`), with a fallback key when it does not exist. */
export function tDynamic(key: string, fallback: MessageKey): string {
  return t(Object.prototype.hasOwnProperty.call(catalog[current], key) ? (key as MessageKey) : fallback);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the component when the language changes. */
export function useI18n(): { lang: Language; t: typeof t } {
  const lang = useSyncExternalStore(subscribe, getLanguage, getLanguage);
  return { lang, t };
}
