import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@wxshop/shared/i18n/languages';

const header = (headers: Record<string, string | undefined>, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
};

/** The first supported language of an `Accept-Language` header, by quality (`zh`, `zh-TW` -> zh-CN; `en-GB` -> en). */
export function fromAcceptLanguage(value: string | undefined): Language | undefined {
  if (!value) return undefined;
  const ranked = value
    .split(',')
    .slice(0, 20)
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'zh') return 'zh-CN';
    const hit = LANGUAGES.find((l) => l === base);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The shopper's language: the `lang` query parameter, else the signed-in account's language (when the
 * route read it), else `Accept-Language`, else zh-CN. Texts then fall back lang -> en -> zh-CN (`localize`).
 */
export function shopperLanguage(lang: Language | undefined, headers: Record<string, string | undefined>, accountLanguage?: Language): Language {
  return lang ?? accountLanguage ?? fromAcceptLanguage(header(headers, 'accept-language')) ?? DEFAULT_LANGUAGE;
}
