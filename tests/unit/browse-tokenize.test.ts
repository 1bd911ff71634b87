import { compact, foldAccents, foldPlural, indexTokens, queryTerms, queryWords } from '../../functions/browse/tokenize';

const terms = (q: string) => queryTerms(q).map((t) => t.token);

describe('indexing text', () => {
  it('indexes Chinese as every character and every neighbouring pair', () => {
    expect(indexTokens('龙井茶')).toEqual(['龙', '井', '茶', '龙井', '井茶']);
  });

  it('pairs characters across spaces (visual separators) but not across punctuation', () => {
    expect(indexTokens('岩茶 礼盒')).toContain('茶礼');
    const tokens = indexTokens('西湖，龙井');
    expect(tokens).toContain('西湖');
    expect(tokens).toContain('龙井');
    expect(tokens).not.toContain('湖龙');
  });

  it('indexes other languages as folded words, without stopwords', () => {
    expect(indexTokens('The Crème Brûlée Boxes, 250g!')).toEqual(['creme', 'brulee', 'box', '250g']);
  });

  it('indexes mixed Chinese and Latin text', () => {
    expect(indexTokens('熊猫Panda户外 T恤')).toEqual(expect.arrayContaining(['熊猫', '户外', 'panda', 't', '恤']));
  });

  it('normalises full-width characters', () => {
    expect(indexTokens('ＡＢＣ１２３')).toEqual(['abc123']);
  });
});

describe('folding', () => {
  it('strips accents and expands ligatures', () => {
    expect(foldAccents('crème brûlée straße œuvre')).toBe('creme brulee strasse oeuvre');
  });

  it('folds common plural endings and leaves short and non-alphabetic words alone', () => {
    expect(['teas', 'boxes', 'berries', 'glasses', 'watches', 'bus', 'glass', 'tea', '10s', 'cups'].map(foldPlural)).toEqual([
      'tea',
      'box',
      'berry',
      'glass',
      'watch',
      'bus',
      'glass',
      'tea',
      '10s',
      'cup',
    ]);
  });

  it('compacts text for phrase matches', () => {
    expect(compact('West Lake — Longjing, 250g')).toBe('westlakelongjing250g');
  });
});

describe('query terms', () => {
  it('looks a Chinese word up by its bigrams, in any order', () => {
    expect(terms('西湖龙井')).toEqual(['西湖', '龙井']);
    expect(terms('龙井 西湖')).toEqual(['龙井', '西湖']);
  });

  it('regroups characters the segmenter left single into one run', () => {
    expect(queryWords('明前特级')).toEqual([{ word: '明前特级', han: true }]);
    expect(terms('明前特级')).toEqual(['明前', '前特', '特级']);
  });

  it('looks a single character up as itself', () => {
    expect(queryTerms('茶')).toEqual([{ token: '茶', han: true }]);
  });

  it('folds Latin words the way the index does and drops stopwords', () => {
    expect(terms('The Hiking BOOTS for Women')).toEqual(['hiking', 'boot', 'women']);
    expect(terms('Thé vert')).toEqual(['the', 'vert']);
  });

  it('keeps stopwords when the query has nothing else', () => {
    expect(terms('the')).toEqual(['the']);
  });

  it('splits words with inner punctuation like the index does', () => {
    expect(terms("women's t-shirt")).toEqual(['women', 's', 't', 'shirt']);
    expect(indexTokens("Women's T-shirt")).toEqual(['women', 's', 't', 'shirt']);
  });

  it('has no terms for punctuation only, and at most 10 terms', () => {
    expect(terms('！！！ ...')).toEqual([]);
    expect(terms('一二三四五六七八九十甲乙丙丁')).toHaveLength(10);
  });

  it('finds what a product was indexed under for every query term', () => {
    const index = new Set(indexTokens('武夷山大红袍 岩茶 礼盒装 500g Wuyi Rock Tea Gift Box'));
    for (const q of ['大红袍', '岩茶礼盒', '礼盒装', '武夷山', 'rock teas', 'gift boxes', '500G']) for (const t of terms(q)) expect(index).toContain(t);
  });
});
