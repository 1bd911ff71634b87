import type { MerchantSku } from '@wxshop/shared';
import {
  buildSkuRows,
  combinations,
  duplicateValues,
  effectiveSpecs,
  emptyRow,
  CODE_PREFIX,
  fillAll,
  fillCodes,
  matrixSize,
  rowLabels,
  rowsFromSkus,
  type SpecDraft,
} from '../../../miniapp/src/merchant/lib/sku-matrix';

const colour: SpecDraft = { name: { 'zh-CN': '颜色', en: 'Colour' }, values: [{ 'zh-CN': '红', en: 'Red' }, { 'zh-CN': '蓝' }] };
const size: SpecDraft = { name: { 'zh-CN': '尺码' }, values: [{ 'zh-CN': 'S' }, { 'zh-CN': 'M' }, { 'zh-CN': 'L' }] };

describe('SKU matrix', () => {
  it('lists every combination, first dimension slowest', () => {
    expect(combinations([])).toEqual([[]]);
    expect(combinations([2, 2])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(combinations([2, 3, 1])).toHaveLength(6);
    expect(combinations([2, 0])).toEqual([]);
  });

  it('builds one row per combination with its labels in the chosen language', () => {
    const rows = buildSkuRows([colour, size], [])!;
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r.specIndexes)).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(rowLabels([colour, size], rows[1]!, 'en')).toEqual(['Red', 'M']);
    expect(rowLabels([colour, size], rows[3]!, 'en')).toEqual(['蓝', 'S']);
  });

  it('has one row without dimensions', () => {
    expect(buildSkuRows([], [])).toEqual([emptyRow('', [])]);
  });

  it('keeps what was typed when a value is added', () => {
    const first = buildSkuRows([colour], [])!.map((r, i) => ({ ...r, code: `C${i}`, price: '9.90' }));
    const withGreen: SpecDraft = { ...colour, values: [...colour.values, { 'zh-CN': '绿' }] };
    const next = buildSkuRows([withGreen], first)!;
    expect(next.map((r) => [r.code, r.price])).toEqual([
      ['C0', '9.90'],
      ['C1', '9.90'],
      ['', ''],
    ]);
  });

  it('matches rows by combination when a value in the middle is removed', () => {
    const rows = buildSkuRows([size], [])!.map((r) => ({ ...r, code: `SZ-${r.key}` }));
    const noM: SpecDraft = { ...size, values: [{ 'zh-CN': 'S' }, { 'zh-CN': 'L' }] };
    expect(buildSkuRows([noM], rows)!.map((r) => [r.code, r.specIndexes])).toEqual([
      ['SZ-S', [0]],
      ['SZ-L', [1]],
    ]);
  });

  it('keeps row i while a value is being renamed (same shape), dropping the SKU id of a changed combination', () => {
    const rows = buildSkuRows([colour], [])!.map((r, i) => ({ ...r, code: `C${i}`, skuId: `SKU${i}`, stock: 5 }));
    const renamed: SpecDraft = { ...colour, values: [{ 'zh-CN': '红色' }, { 'zh-CN': '蓝' }] };
    const next = buildSkuRows([renamed], rows)!;
    expect(next[0]).toMatchObject({ code: 'C0', key: '红色' });
    expect(next[0]!.skuId).toBeUndefined();
    expect(next[1]).toMatchObject({ code: 'C1', skuId: 'SKU1', stock: 5 });
  });

  it('keeps the single row when the first dimension with one value is added', () => {
    const lone = [{ ...emptyRow('', []), code: 'ONLY', price: '5' }];
    const one: SpecDraft = { name: { 'zh-CN': '颜色' }, values: [{ 'zh-CN': '黑' }] };
    expect(buildSkuRows([one], lone)![0]).toMatchObject({ code: 'ONLY', price: '5', specIndexes: [0] });
  });

  it('refuses a matrix over 300 rows', () => {
    const many = (n: number): SpecDraft => ({ name: { 'zh-CN': 'x' }, values: Array.from({ length: n }, (_, i) => ({ 'zh-CN': `v${i}` })) });
    expect(buildSkuRows([many(20), many(15)], [])).toHaveLength(300);
    expect(buildSkuRows([many(20), many(16)], [])).toBeNull();
    expect(matrixSize([many(20), many(16)])).toBe(320);
  });

  it('leaves out dimensions and values without Chinese text', () => {
    const half: SpecDraft = { name: { 'zh-CN': '尺码' }, values: [{ 'zh-CN': 'S' }, { en: 'M' }, { 'zh-CN': ' ' }] };
    const blank: SpecDraft = { name: {}, values: [{}] };
    expect(effectiveSpecs([half, blank])).toEqual([{ name: half.name, values: [{ 'zh-CN': 'S' }] }]);
    expect(matrixSize([colour, blank])).toBe(2);
  });

  it('finds repeated values', () => {
    expect(duplicateValues({ name: { 'zh-CN': 'x' }, values: [{ 'zh-CN': 'a' }, { 'zh-CN': 'b' }, { 'zh-CN': 'a ' }] })).toEqual([2]);
  });

  it('fills one field on every row', () => {
    const rows = buildSkuRows([colour], [])!;
    expect(fillAll(rows, 'price', '19.90').map((r) => r.price)).toEqual(['19.90', '19.90']);
  });

  it('fills empty SKU codes from a prefix, padded to the row count, never repeating a code a row has', () => {
    const rows = buildSkuRows([colour, size], [])!;
    rows[1] = { ...rows[1]!, code: 'TEE-002' };
    rows[4] = { ...rows[4]!, code: 'MINE' };
    expect(fillCodes(rows, 'TEE').map((r) => r.code)).toEqual(['TEE-001', 'TEE-002', 'TEE-003', 'TEE-004', 'MINE', 'TEE-005']);
    const big = buildSkuRows([{ name: { 'zh-CN': 'n' }, values: Array.from({ length: 40 }, (_, i) => ({ 'zh-CN': `v${i}` })) }, size], [])!;
    const codes = fillCodes(big, 'X').map((r) => r.code);
    expect(codes).toHaveLength(120);
    expect(new Set(codes).size).toBe(120);
    expect(codes.at(-1)).toBe('X-120');
    expect(['TEE', 'a.b_c-1', 'x'.repeat(56)].every((p) => CODE_PREFIX.test(p))).toBe(true);
    expect(['', 'T E', '茶', 'x'.repeat(57), 'a/b'].some((p) => CODE_PREFIX.test(p))).toBe(false);
  });

  it('turns an existing product back into rows, prices in yuan, removed SKUs left out', () => {
    const sku = (over: Partial<MerchantSku>): MerchantSku => ({
      id: '01HZZZZZZZZZZZZZZZZZZZZZZ1',
      productId: '01HZZZZZZZZZZZZZZZZZZZZZZP',
      specIndexes: [0],
      code: 'R',
      price: { amount: 1990, currency: 'CNY' },
      marketPrice: null,
      stock: 7,
      imageUrl: null,
      enabled: true,
      lowStockThreshold: 2,
      imageKey: null,
      specValues: ['红'],
      removed: false,
      ...over,
    });
    const rows = rowsFromSkus([colour], [sku({}), sku({ id: '01HZZZZZZZZZZZZZZZZZZZZZZ2', specIndexes: [1], removed: true })], 2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: '红', price: '19.90', marketPrice: '', stock: 7, lowStockThreshold: '2', skuId: '01HZZZZZZZZZZZZZZZZZZZZZZ1' });
  });
});
