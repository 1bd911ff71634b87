import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvSyntaxError, locate, parseAmount, parseCsv, readImport } from '../../functions/catalog/csv';

const CATEGORY = '01J0000000000000000000000A';
const IMG = 'merchants/01J0000000000000000000000M/products/01J0000000000000000000000I.jpg';

describe('parseCsv', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\n1,2,3,4').map((r) => r.fields)).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('keeps Chinese text and strips a UTF-8 BOM', () => {
    const [header, row] = parseCsv('\uFEFFhandle,title_zh\r\nt1,纯棉T恤（白色）\r\n');
    expect(header!.fields).toEqual(['handle', 'title_zh']);
    expect(row!.fields).toEqual(['t1', '纯棉T恤（白色）']);
  });

  it('numbers records by the line they start on and skips blank lines', () => {
    expect(parseCsv('h\n\n"a\nb"\nc').map((r) => r.line)).toEqual([1, 3, 5]);
  });

  it('keeps empty fields and trims unquoted ones', () => {
    expect(parseCsv('a, ,"  x  ",\n')[0]!.fields).toEqual(['a', '', '  x  ', '']);
  });

  it('refuses an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('a,"b\nc')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,"b"c')).toThrow(/after a closing quote/);
  });
});

describe('parseAmount', () => {
  it('turns major units into integer minor units exactly', () => {
    expect(parseAmount('19.90', 2)).toBe(1990);
    expect(parseAmount('0.1', 2)).toBe(10);
    expect(parseAmount('1005', 2)).toBe(100500);
    expect(parseAmount('4.35', 2)).toBe(435);
    expect(parseAmount('1200', 0)).toBe(1200);
  });

  it('refuses more decimals than the currency has, signs, separators and text', () => {
    for (const bad of ['19.999', '-1', '1,000', 'abc', '', '1.5e2']) expect(parseAmount(bad, 2)).toBeUndefined();
    expect(parseAmount('12.5', 0)).toBeUndefined();
  });
});

describe('readImport', () => {
  const header = 'handle,title_zh,description_zh,category_id,image_keys,spec1_name,spec1_value,sku_code,price,stock';

  it('groups rows by handle into products with a spec matrix', () => {
    const csv = [header, `a,杯子,陶瓷,${CATEGORY},${IMG},颜色,红,A-1,10,5`, `b,盘子,陶瓷,${CATEGORY},${IMG},,,B-1,3.5,`, `a,,,,,,蓝,A-2,12,0`].join('\n');
    const out = readImport(csv, 2);
    expect(out.errors).toEqual([]);
    expect(out.rows).toBe(3);
    const a = out.products.find((p) => p.handle === 'a')!;
    expect(a.lines).toEqual([2, 4]);
    expect(a.input?.specs).toEqual([{ name: { 'zh-CN': '颜色' }, values: [{ 'zh-CN': '红' }, { 'zh-CN': '蓝' }] }]);
    expect(a.input?.skus.map((s) => [s.specIndexes, s.code, s.price, s.initialStock])).toEqual([
      [[0], 'A-1', 1000, 5],
      [[1], 'A-2', 1200, 0],
    ]);
    expect(out.products.find((p) => p.handle === 'b')!.input?.skus).toEqual([{ specIndexes: [], code: 'B-1', price: 350 }]);
  });

  it('reports a bad row by line and column and gives no content for that product', () => {
    const csv = [header, `a,杯子,陶瓷,${CATEGORY},${IMG},颜色,红,A-1,10.001,5`, `a,不同标题,,,,,蓝,A-2,x,1`].join('\n');
    const [a] = readImport(csv, 2).products;
    expect(a!.input).toBeUndefined();
    expect(a!.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, column: 'price' }),
        expect.objectContaining({ line: 3, column: 'price' }),
        expect.objectContaining({ line: 3, column: 'title_zh' }),
      ]),
    );
  });

  it('refuses the whole file for a bad header or too many rows', () => {
    expect(readImport('handle,title\nx,y', 2).errors).toContainEqual({ line: 1, column: 'title', message: 'unknown column' });
    const many = [header, ...Array.from({ length: 501 }, (_, i) => `h${i},t,d,${CATEGORY},${IMG},,,C${i},1,1`)].join('\n');
    const out = readImport(many, 2);
    expect(out.products).toEqual([]);
    expect(out.errors[0]!.message).toMatch(/at most 500 rows/);
  });

  it('points a content field at its row and column', () => {
    expect(locate(['skus', '1', 'marketPrice'], [4, 7])).toEqual({ line: 7, column: 'market_price' });
    expect(locate(['title', 'en'], [4, 7])).toEqual({ line: 4, column: 'title_en' });
    expect(locate(['categoryId'], [4])).toEqual({ line: 4, column: 'category_id' });
  });
});

describe('the sample file docs/samples/products.csv', () => {
  it('reads as two products, the tee a 2 x 2 matrix, with no errors', () => {
    const text = readFileSync(join(__dirname, '../../docs/samples/products.csv'), 'utf8');
    const out = readImport(text, 2);
    expect(out.errors).toEqual([]);
    expect(out.products.map((p) => [p.handle, p.errors.length, p.input?.skus.length])).toEqual([
      ['tee-classic', 0, 4],
      ['mug-blue', 0, 1],
    ]);
    expect(out.products[0]!.input!.skus[2]).toMatchObject({ specIndexes: [1, 0], code: 'TEE-B-M', price: 6250, marketPrice: 8900, initialStock: 60 });
  });
});
