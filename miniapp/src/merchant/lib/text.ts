import { LANGUAGES, type Language, type LocalizedText } from '@wxshop/shared';

/** Text being edited in every language; zh-CN is the one that is required. */
export type TextDraft = Partial<Record<Language, string>>;

/** The draft as the API's LocalizedText (null when zh-CN is empty); empty translations are left out. */
export function toLocalized(draft: TextDraft): LocalizedText | null {
  const zh = (draft['zh-CN'] ?? '').trim();
  if (!zh) return null;
  const out: LocalizedText = { 'zh-CN': zh };
  for (const lang of LANGUAGES) {
    if (lang === 'zh-CN') continue;
    const v = (draft[lang] ?? '').trim();
    if (v) out[lang] = v;
  }
  return out;
}

export function fromLocalized(text: LocalizedText | null | undefined): TextDraft {
  return text ? { ...text } : {};
}

/** The draft in `lang`, falling back to zh-CN (what a row label shows). */
export function draftText(draft: TextDraft, lang: Language): string {
  return (draft[lang] ?? '').trim() || (draft['zh-CN'] ?? '').trim();
}
