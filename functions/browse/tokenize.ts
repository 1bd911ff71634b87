/**
 * Text -> search tokens. Pure functions, unit-tested in tests/unit/browse-tokenize.test.ts.
 *
 * Indexing (what a product's text is stored under):
 * - Chinese (Han runs, spaces between Chinese characters ignored): every character (unigram) and every
 *   pair of neighbouring characters (bigram).
 *   Bigrams do not depend on how a segmenter happens to cut a title, so a word is found wherever it
 *   sits in a title; unigrams serve one-character queries ("茶", "杯").
 * - Everything else: words of letters and digits, NFKC-normalised, lower-cased, accents folded
 *   ("Thé" -> "the"), plurals folded ("teas" -> "tea", "boxes" -> "box").
 *
 * Querying: the query is cut into words with `Intl.Segmenter('zh', { granularity: 'word' })`. A Chinese
 * word of one character is looked up as a unigram, a longer word as its bigrams; runs of single
 * characters the segmenter could not group ("明前特级" -> 明/前/特/级) are treated as one word. Words
 * are therefore matched in any order ("龙井 西湖" finds "西湖龙井"), without requiring the pairs that
 * straddle two query words.
 */

/** Longest token kept (longer words are cut): keeps partition keys short. */
export const MAX_TOKEN_LENGTH = 32;

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;
const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Words dropped from queries and the index: very common function words of the five languages that
 * carry no meaning on their own. Checked on the lower-cased word BEFORE accents are folded, so the
 * French "thé" (tea) is not mistaken for the English "the".
 */
const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'de',
  'del',
  'des',
  'du',
  'el',
  'et',
  'la',
  'las',
  'le',
  'les',
  'los',
  'un',
  'una',
  'une',
  'y',
  'der',
  'die',
  'das',
  'und',
  'mit',
  'für',
]);

/** NFKC (full-width -> half-width), lower case. */
export const normalize = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Strips accents: "crème brûlée" -> "creme brulee"; "ß" -> "ss". */
export const foldAccents = (word: string): string =>
  word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .normalize('NFC');

/** Light plural folding for alphabetic words of 4+ letters: boxes -> box, berries -> berry, glasses -> glass, teas -> tea. */
export function foldPlural(word: string): string {
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return word;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

const clip = (token: string): string => [...token].slice(0, MAX_TOKEN_LENGTH).join('');

/** A non-Chinese word as a token, or null for a stopword. */
export function wordToken(word: string): string | null {
  const lower = normalize(word);
  if (STOPWORDS.has(lower)) return null;
  const folded = foldAccents(lower);
  return folded ? clip(foldPlural(folded)) : null;
}

/** Words of letters and digits outside Han runs, as tokens. */
function latinTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.replace(HAN_RUNS, ' ').matchAll(WORDS)) {
    const t = wordToken(m[0]);
    if (t) out.push(t);
  }
  return out;
}

/** Unigrams and bigrams of one run of Han characters. */
export function hanGrams(run: string): string[] {
  const chars = [...run];
  const out = [...chars];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Spaces between Chinese characters: titles use them as visual separators ("岩茶 礼盒装"), queries often omit them. */
const SPACE_BETWEEN_HAN = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/** The distinct tokens a text is indexed under. */
export function indexTokens(text: string): string[] {
  const n = normalize(text);
  const tokens = new Set<string>();
  for (const m of n.replace(SPACE_BETWEEN_HAN, '$1').matchAll(HAN_RUNS)) for (const g of hanGrams(m[0])) tokens.add(g);
  for (const t of latinTokens(n)) tokens.add(t);
  return [...tokens];
}

export const isHan = (s: string): boolean => HAN.test(s);

let segmenter: Intl.Segmenter | undefined;
const wordSegmenter = (): Intl.Segmenter => (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));

/** A Chinese query word as terms: one character as itself, longer words as their bigrams. */
function hanWordTerms(word: string): string[] {
  const chars = [...word];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The words of a query: Chinese words from the segmenter (single characters regrouped), other words as tokens. */
export function queryWords(query: string): { word: string; han: boolean }[] {
  const words: { word: string; han: boolean }[] = [];
  let singles = '';
  const flush = () => {
    if (singles) words.push({ word: singles, han: true });
    singles = '';
  };
  for (const seg of wordSegmenter().segment(normalize(query))) {
    if (!seg.isWordLike) {
      flush();
      continue;
    }
    const s = seg.segment;
    if (/^\p{Script=Han}+$/u.test(s)) {
      if ([...s].length === 1) {
        singles += s;
        continue;
      }
      flush();
      words.push({ word: s, han: true });
      continue;
    }
    flush();
    // A segment may still mix scripts or punctuation inside ("t-shirt", "women's"): split it like the indexer does.
    for (const m of s.matchAll(HAN_RUNS)) words.push({ word: m[0], han: true });
    for (const m of s.replace(HAN_RUNS, ' ').matchAll(WORDS)) words.push({ word: m[0], han: false });
  }
  flush();
  return words;
}

/** A query term: the token looked up, and whether it is Chinese (looked up in the zh-CN index only). */
export interface QueryTerm {
  token: string;
  han: boolean;
}

/** Most terms a query is looked up with (each is one Query); the rest are ignored. */
export const MAX_QUERY_TERMS = 10;

/**
 * The distinct terms a query must match, in query order. If every word is a stopword, the stopwords
 * are kept ("the" alone still searches).
 */
export function queryTerms(query: string): QueryTerm[] {
  const words = queryWords(query);
  const terms = new Map<string, QueryTerm>();
  for (const w of words) {
    if (w.han) for (const t of hanWordTerms(w.word)) terms.set(t, { token: t, han: true });
    else {
      const t = wordToken(w.word);
      if (t) terms.set(t, { token: t, han: false });
    }
  }
  if (terms.size === 0) {
    for (const w of words) {
      if (w.han) continue;
      const t = clip(foldAccents(normalize(w.word)));
      if (t) terms.set(t, { token: t, han: false });
    }
  }
  return [...terms.values()].slice(0, MAX_QUERY_TERMS);
}

/** Text compared for phrase matches: normalised, accents folded, without spaces and punctuation. */
export const compact = (text: string): string => foldAccents(normalize(text)).replace(/[^\p{L}\p{N}]+/gu, '');
