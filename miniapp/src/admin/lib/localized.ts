import { LANGUAGES, type Language, type LocalizedText } from '@wxshop/shared';

/** A form for a LocalizedText: one (possibly empty) string per language. */
export type LocalizedForm = Record<Language, string>;

export function emptyLocalizedForm(): LocalizedForm {
  return { 'zh-CN': '', en: '', es: '', fr: '', de: '' };
}

export function localizedForm(text: LocalizedText | undefined): LocalizedForm {
  const form = emptyLocalizedForm();
  if (text) for (const lang of LANGUAGES) form[lang] = text[lang] ?? '';
  return form;
}

/** The LocalizedText to send: trimmed, empty languages left out; null when Chinese (required) is empty. */
export function toLocalizedText(
  form: LocalizedForm,
  maxLength = 40,
): { ok: true; text: LocalizedText } | { ok: false; problem: 'zh_required' | 'too_long'; lang: Language } {
  const zh = form['zh-CN'].trim();
  if (!zh) return { ok: false, problem: 'zh_required', lang: 'zh-CN' };
  const text: LocalizedText = { 'zh-CN': zh };
  for (const lang of LANGUAGES) {
    const value = form[lang].trim();
    if ([...value].length > maxLength) return { ok: false, problem: 'too_long', lang };
    if (value && lang !== 'zh-CN') text[lang] = value;
  }
  return { ok: true, text };
}

/** The languages a text is given in, in the platform's language order. */
export function providedLanguages(text: LocalizedText): Language[] {
  return LANGUAGES.filter((lang) => Boolean(text[lang]?.trim()));
}
