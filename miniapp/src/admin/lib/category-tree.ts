import { localize, type Category, type CategoryRoot, type Language } from '@wxshop/shared';

/** The deepest level a category can have: level-3 categories take no children. */
export const MAX_LEVEL = 3;

/** One line of the category tree as the admin page shows it: depth-first, siblings in order. */
export interface TreeRow {
  category: Category;
  /** 1, 2 or 3. */
  level: number;
  /** Localized name in the current language (falls back to English, then Chinese). */
  label: string;
  /** Ids of its children in display order (empty for a leaf). */
  childIds: string[];
  /** Ids of its siblings (itself included) in display order. */
  siblingIds: string[];
  /** Position among its siblings (0-based). */
  index: number;
}

interface Node extends Category {
  children?: Node[];
}

/** Siblings in display order: `order` ascending, then id (the API's order). */
export function sortSiblings<T extends Pick<Category, 'id' | 'order'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Flattens the tree depth-first into rows, each with its siblings and children, names in `lang`. */
export function flattenTree(roots: readonly CategoryRoot[], lang: Language): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: readonly Node[], level: number) => {
    const sorted = sortSiblings(nodes);
    const siblingIds = sorted.map((n) => n.id);
    sorted.forEach((node, index) => {
      const children = sortSiblings(node.children ?? []);
      const { children: _omit, ...category } = node;
      rows.push({ category, level, label: localize(node.name, lang), childIds: children.map((c) => c.id), siblingIds, index });
      walk(children, level + 1);
    });
  };
  walk(roots as readonly Node[], 1);
  return rows;
}

/** The rows to show: a collapsed category hides everything below it. */
export function visibleRows(rows: readonly TreeRow[], collapsed: ReadonlySet<string>): TreeRow[] {
  const hiddenParents = new Set<string>();
  return rows.filter((row) => {
    const parent = row.category.parentId;
    const hidden = parent !== null && hiddenParents.has(parent);
    if (hidden || collapsed.has(row.category.id)) hiddenParents.add(row.category.id);
    return !hidden;
  });
}

export const canAddChild = (row: Pick<TreeRow, 'level'>): boolean => row.level < MAX_LEVEL;
/** The API deletes only categories without children (409 otherwise). */
export const canDelete = (row: Pick<TreeRow, 'childIds'>): boolean => row.childIds.length === 0;
export const canMove = (row: Pick<TreeRow, 'index' | 'siblingIds'>, direction: 'up' | 'down'): boolean =>
  direction === 'up' ? row.index > 0 : row.index < row.siblingIds.length - 1;

/** An order change of one category. */
export interface OrderUpdate {
  id: string;
  order: number;
}

const ORDER_STEP = 10;

/**
 * The order updates that move `id` one place up or down among `siblings` (display order).
 * Two distinct orders are swapped (two updates); when they are equal the API sorts by id, so the
 * siblings are renumbered 0, 10, 20... in the new sequence and only the changed ones are sent.
 * Answers [] when the move is impossible (first up, last down, unknown id).
 */
export function moveUpdates(siblings: readonly Pick<Category, 'id' | 'order'>[], id: string, direction: 'up' | 'down'): OrderUpdate[] {
  const sorted = sortSiblings(siblings);
  const from = sorted.findIndex((s) => s.id === id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= sorted.length) return [];
  const a = sorted[from]!;
  const b = sorted[to]!;
  if (a.order !== b.order) {
    return [
      { id: a.id, order: b.order },
      { id: b.id, order: a.order },
    ];
  }
  const next = [...sorted];
  next[from] = b;
  next[to] = a;
  return next.map((s, i) => ({ id: s.id, order: i * ORDER_STEP })).filter((u, i) => u.order !== next[i]!.order);
}

/** Finds a category anywhere in the tree (with its level), e.g. the parent of a new category. */
export function findCategory(roots: readonly CategoryRoot[], id: string): Category | undefined {
  const stack: Node[] = [...(roots as readonly Node[])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.id === id) {
      const { children: _omit, ...category } = node;
      return category;
    }
    stack.push(...(node.children ?? []));
  }
  return undefined;
}

/** The names from the top level down to `id` in `lang` ("Food › Tea › Green tea"); [] when unknown. */
export function categoryPath(roots: readonly CategoryRoot[], id: string, lang: Language): string[] {
  const search = (nodes: readonly Node[], trail: string[]): string[] | null => {
    for (const node of nodes) {
      const here = [...trail, localize(node.name, lang)];
      if (node.id === id) return here;
      const found = search(node.children ?? [], here);
      if (found) return found;
    }
    return null;
  };
  return search(roots as readonly Node[], []) ?? [];
}
