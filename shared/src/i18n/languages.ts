import { z } from 'zod';

/** Languages every user-visible text is offered in. zh-CN is the source language. */
export const LANGUAGES = ['zh-CN', 'en', 'es', 'fr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const Language = z.enum(LANGUAGES);
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Text in several languages; Chinese is required, the others fall back to it. */
export const LocalizedText = z
  .object({
    'zh-CN': z.string().min(1),
    en: z.string().optional(),
    es: z.string().optional(),
    fr: z.string().optional(),
    de: z.string().optional(),
  })
  .strict();
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the text in `lang`, falling back to English then Chinese. */
export function localize(text: LocalizedText, lang: Language): string {
  return text[lang] || text.en || text['zh-CN'];
}
