import type { CategoryRoot, LocalizedText } from '@wxshop/shared';
import {
  canAddChild,
  canDelete,
  canMove,
  categoryPath,
  findCategory,
  flattenTree,
  moveUpdates,
  visibleRows,
} from '../../../miniapp/src/admin/lib/category-tree';

/** ULID-shaped ids: `id('A')` -> 26 chars, sorted like the letter. */
const id = (c: string): string => c.padEnd(26, '0');
const name = (zh: string, en?: string): LocalizedText => (en ? { 'zh-CN': zh, en } : { 'zh-CN': zh });
const node = (key: string, parent: string | null, level: number, order: number, title: LocalizedText) => ({
  id: id(key),
  parentId: parent ? id(parent) : null,
  level,
  name: title,
  iconKey: null,
  iconUrl: null,
  order,
});

/** Food (Tea (Green, Black), Snacks), Outdoors: given out of order, as a store might hold them. */
function sampleTree(): CategoryRoot[] {
  return [
    { ...node('O', null, 1, 20, name('户外', 'Outdoors')), children: [] },
    {
      ...node('F', null, 1, 10, name('食品', 'Food')),
      children: [
        { ...node('S', 'F', 2, 20, name('零食')), children: [] },
        {
          ...node('T', 'F', 2, 10, name('茶', 'Tea')),
          children: [
            { ...node('K', 'T', 3, 20, name('红茶', 'Black tea')), children: [] },
            { ...node('G', 'T', 3, 10, name('绿茶', 'Green tea')), children: [] },
          ],
        },
      ],
    },
  ];
}

describe('category tree rows', () => {
  it('flattens depth-first with siblings by order, names in the chosen language falling back to Chinese', () => {
    // Act
    const rows = flattenTree(sampleTree(), 'en');

    // Assert
    expect(rows.map((r) => [r.label, r.level, r.index])).toEqual([
      ['Food', 1, 0],
      ['Tea', 2, 0],
      ['Green tea', 3, 0],
      ['Black tea', 3, 1],
      ['零食', 2, 1],
      ['Outdoors', 1, 1],
    ]);
    expect(rows[0]!.childIds).toEqual([id('T'), id('S')]);
    expect(rows[2]!.siblingIds).toEqual([id('G'), id('K')]);
    expect(rows[0]!.category).not.toHaveProperty('children');
  });

  it('orders siblings with the same order by id, as the API does', () => {
    // Prepare
    const tree: CategoryRoot[] = [
      { ...node('B', null, 1, 0, name('乙')), children: [] },
      { ...node('A', null, 1, 0, name('甲')), children: [] },
    ];

    // Act
    const labels = flattenTree(tree, 'zh-CN').map((r) => r.label);

    // Assert
    expect(labels).toEqual(['甲', '乙']);
  });

  it('hides everything below a collapsed category, at every depth', () => {
    // Prepare
    const rows = flattenTree(sampleTree(), 'en');

    // Act
    const foodCollapsed = visibleRows(rows, new Set([id('F')])).map((r) => r.label);
    const teaCollapsed = visibleRows(rows, new Set([id('T')])).map((r) => r.label);

    // Assert
    expect(foodCollapsed).toEqual(['Food', 'Outdoors']);
    expect(teaCollapsed).toEqual(['Food', 'Tea', '零食', 'Outdoors']);
  });

  it('allows children above level 3, deleting leaves only, and moves within the sibling bounds', () => {
    // Prepare
    const rows = flattenTree(sampleTree(), 'en');
    const [food, tea, green, black] = rows;

    // Assert
    expect([food, tea, green].map((r) => canAddChild(r!))).toEqual([true, true, false]);
    expect([food, tea, green].map((r) => canDelete(r!))).toEqual([false, false, true]);
    expect([canMove(green!, 'up'), canMove(green!, 'down'), canMove(black!, 'up'), canMove(black!, 'down')]).toEqual([false, true, true, false]);
  });

  it('finds a category and the path of names down to it', () => {
    // Act
    const found = findCategory(sampleTree(), id('K'));
    const path = categoryPath(sampleTree(), id('K'), 'en');
    const missing = categoryPath(sampleTree(), id('Z'), 'en');

    // Assert
    expect(found).toMatchObject({ id: id('K'), level: 3, parentId: id('T') });
    expect(found).not.toHaveProperty('children');
    expect(path).toEqual(['Food', 'Tea', 'Black tea']);
    expect(missing).toEqual([]);
    expect(findCategory(sampleTree(), id('Z'))).toBeUndefined();
  });
});

describe('moving a category among its siblings', () => {
  const siblings = [
    { id: id('A'), order: 10 },
    { id: id('B'), order: 20 },
    { id: id('C'), order: 30 },
  ];

  it('swaps the orders of two neighbours with different orders', () => {
    // Act
    const up = moveUpdates(siblings, id('B'), 'up');
    const down = moveUpdates(siblings, id('B'), 'down');

    // Assert
    expect(up).toEqual([
      { id: id('B'), order: 10 },
      { id: id('A'), order: 20 },
    ]);
    expect(down).toEqual([
      { id: id('B'), order: 30 },
      { id: id('C'), order: 20 },
    ]);
  });

  it('renumbers the siblings when the neighbours share an order, sending only the changed ones', () => {
    // Prepare: all 0, displayed A, B, C (by id)
    const tied = [
      { id: id('C'), order: 0 },
      { id: id('A'), order: 0 },
      { id: id('B'), order: 0 },
    ];

    // Act
    const updates = moveUpdates(tied, id('C'), 'up');

    // Assert: the new sequence A, C, B numbered 0, 10, 20; A keeps 0
    expect(updates).toEqual([
      { id: id('C'), order: 10 },
      { id: id('B'), order: 20 },
    ]);
  });

  it('does nothing for the first moving up, the last moving down, or an unknown id', () => {
    // Assert
    expect(moveUpdates(siblings, id('A'), 'up')).toEqual([]);
    expect(moveUpdates(siblings, id('C'), 'down')).toEqual([]);
    expect(moveUpdates(siblings, id('Z'), 'up')).toEqual([]);
  });
});
