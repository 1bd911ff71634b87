import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@wxshop/shared';

/** Native names, shown as-is whatever the current language (a reader looks for their own). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-CN': '简体中文',
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * A platform language tag -> a supported language, or null. WeChat says `zh_CN`/`en`, Alipay
 * `zh-Hans`, browsers `en-US`/`fr-CA`/`zh-TW`. Any Chinese maps to zh-CN (the only Chinese offered).
 */
export function matchLanguage(tag: string | undefined | null): Language | null {
  if (!tag) return null;
  const norm = tag.trim().replace(/_/g, '-').toLowerCase();
  if (norm.startsWith('zh')) return 'zh-CN';
  const base = norm.split('-')[0];
  return LANGUAGES.find((l) => l === base) ?? null;
}

/** The stored choice, else the system language if supported, else zh-CN. */
export function pickLanguage(stored: unknown, systemTag: string | undefined | null): Language {
  if (isLanguage(stored)) return stored;
  return matchLanguage(systemTag) ?? DEFAULT_LANGUAGE;
}
