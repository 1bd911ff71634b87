import { localize, type Category, type CategoryRoot, type Language } from '@wxshop/shared';

type Node = Category & { children?: readonly Node[] };

/** Root-to-node path of category `id` in the tree; [] when it is not there. */
export function categoryPath(tree: readonly Node[], id: string | null): Node[] {
  if (!id) return [];
  for (const node of tree) {
    if (node.id === id) return [node];
    const below = categoryPath(node.children ?? [], id);
    if (below.length) return [node, ...below];
  }
  return [];
}

/** A category products can be filed under: one without children. */
export const isLeaf = (node: Node): boolean => (node.children ?? []).length === 0;

/** `服装 › 女装 › 连衣裙` in `lang`; '' when not found. */
export function categoryLabel(tree: readonly CategoryRoot[], id: string | null, lang: Language): string {
  return categoryPath(tree, id)
    .map((c) => localize(c.name, lang))
    .join(' › ');
}

/** Every leaf with its path label, for search-free pickers and tests. */
export function leaves(tree: readonly Node[], lang: Language, prefix = ''): { id: string; label: string }[] {
  return tree.flatMap((n) => {
    const label = prefix ? `${prefix} › ${localize(n.name, lang)}` : localize(n.name, lang);
    return isLeaf(n) ? [{ id: n.id, label }] : leaves(n.children ?? [], lang, label);
  });
}

/** Every category (any level) with its path label, tree order: for category strips. */
export function flattenCategories(tree: readonly Node[], lang: Language, prefix = ''): { id: string; label: string }[] {
  return tree.flatMap((n) => {
    const label = prefix ? `${prefix} › ${localize(n.name, lang)}` : localize(n.name, lang);
    return [{ id: n.id, label }, ...flattenCategories(n.children ?? [], lang, label)];
  });
}
