import type { Category } from '@wxshop/shared/catalog';
import type { CategoryRoot } from '@wxshop/shared/api/category';
import { MAX_CATEGORY_DEPTH } from '@wxshop/shared/api/category';

/** Siblings by `order`, then by id (ULIDs: creation order) so the tree reads the same every time. */
export const bySiblingOrder = (a: Pick<Category, 'order' | 'id'>, b: Pick<Category, 'order' | 'id'>): number =>
  a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Builds the nested tree from the flat list of categories (one Query, AP27).
 * Categories whose parent is missing, or that sit deeper than three levels, are left out.
 */
export function buildCategoryTree(categories: readonly Category[]): CategoryRoot[] {
  const children = new Map<string | null, Category[]>();
  for (const c of categories) {
    const list = children.get(c.parentId) ?? [];
    list.push(c);
    children.set(c.parentId, list);
  }
  const under = (parentId: string | null, level: number): Category[] => (children.get(parentId) ?? []).filter((c) => c.level === level).sort(bySiblingOrder);
  return under(null, 1).map((root) => ({
    ...root,
    children: under(root.id, 2).map((branch) => ({ ...branch, children: under(branch.id, 3).map((leaf) => ({ ...leaf, children: [] })) })),
  }));
}

/** The level of a new category under `parent` (null: top level), or null when that would be deeper than allowed. */
export function levelUnder(parent: Pick<Category, 'level'> | null): number | null {
  const level = parent ? parent.level + 1 : 1;
  return level > MAX_CATEGORY_DEPTH ? null : level;
}

/** The default position of a new category: after its last sibling, in steps of 10 (room to insert between). */
export function nextSiblingOrder(siblings: readonly Pick<Category, 'order'>[]): number {
  return siblings.length === 0 ? 10 : Math.max(...siblings.map((s) => s.order)) + 10;
}
