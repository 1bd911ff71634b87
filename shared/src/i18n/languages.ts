import { z } from 'zod';

/** Languages every user-visible text is offered in. zh-CN is the source language. */
export const LANGUAGES = ['zh-CN', 'en', 'es', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const Language = z.enum(LANGUAGES);
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/**
 * The most characters a text may have, per language (ADR 0043). What a shopper expects to read: a title fits
 * a product card and a search result line, a description a detail page, a spec value a chip.
 */
export const TEXT_LIMITS = {
  productTitle: 100,
  productDescription: 5000,
  specName: 20,
  specValue: 40,
  categoryName: 32,
  storeIntro: 500,
  layoutTitle: 40,
  /** Any localized text not named above (also what a stored text may hold when read back). */
  text: 5000,
} as const;

/** Text in several languages, each at most `max` characters; Chinese is required, the others fall back to it. */
export const localizedText = (max: number) =>
  z
    .object({
      'zh-CN': z.string().min(1).max(max),
      en: z.string().max(max).optional(),
      es: z.string().max(max).optional(),
      fr: z.string().max(max).optional(),
      de: z.string().max(max).optional(),
    })
    .strict();

/** Text in several languages, at most `TEXT_LIMITS.text` characters each; inputs use a named limit. */
export const LocalizedText = localizedText(TEXT_LIMITS.text);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the text in `lang`, falling back to English then Chinese. */
export function localize(text: LocalizedText, lang: Language): string {
  return text[lang] || text.en || text['zh-CN'];
}
