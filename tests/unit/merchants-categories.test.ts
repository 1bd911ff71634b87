import type { Category } from '@wxshop/shared';
import { buildCategoryTree, levelUnder, nextSiblingOrder } from '../../functions/categories/tree';

const cat = (id: string, parentId: string | null, level: number, order = 10): Category => ({
  id,
  parentId,
  level,
  name: { 'zh-CN': id },
  iconKey: null,
  iconUrl: null,
  order,
});

describe('buildCategoryTree', () => {
  it('nests three levels with siblings by order, then id', () => {
    const tree = buildCategoryTree([
      cat('B', null, 1, 20),
      cat('A', null, 1, 20),
      cat('C', null, 1, 10),
      cat('A2', 'A', 2, 5),
      cat('A1', 'A', 2, 5),
      cat('A1x', 'A1', 3),
    ]);
    expect(tree.map((c) => c.id)).toEqual(['C', 'A', 'B']);
    const a = tree[1]!;
    expect(a.children.map((c) => c.id)).toEqual(['A1', 'A2']);
    expect(a.children[0]!.children).toEqual([{ ...cat('A1x', 'A1', 3), children: [] }]);
  });

  it('leaves out orphans and categories whose level does not match their depth', () => {
    const tree = buildCategoryTree([cat('A', null, 1), cat('orphan', 'missing', 2), cat('wrong', 'A', 3), cat('deep', 'X', 4)]);
    expect(tree).toEqual([{ ...cat('A', null, 1), children: [] }]);
  });

  it('is empty for no categories', () => {
    expect(buildCategoryTree([])).toEqual([]);
  });
});

describe('levelUnder', () => {
  it('puts a new category one level below its parent, at most at level 3', () => {
    expect(levelUnder(null)).toBe(1);
    expect(levelUnder({ level: 1 })).toBe(2);
    expect(levelUnder({ level: 2 })).toBe(3);
    expect(levelUnder({ level: 3 })).toBeNull();
  });
});

describe('nextSiblingOrder', () => {
  it('places a new category after the last sibling, in steps of 10', () => {
    expect(nextSiblingOrder([])).toBe(10);
    expect(nextSiblingOrder([{ order: 10 }, { order: 35 }])).toBe(45);
  });
});
