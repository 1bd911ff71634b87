/**
 * Messages of the shopper pages, in every language. English defines the key set; the other
 * languages are checked against it (a missing or extra key fails typecheck).
 * Keys start with 'shopper.' to keep areas apart.
 */
const en = {} as const;

type Keys = keyof typeof en;
type Area = Record<Keys, string>;

const zhCN: Area = {};
const es: Area = {};
const fr: Area = {};
const de: Area = {};

export const shopper = { en, 'zh-CN': zhCN, es, fr, de };
