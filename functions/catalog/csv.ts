/**
 * CSV product import, the pure part: RFC 4180 parsing (quoted fields, "" escapes, CR/LF inside quotes,
 * a UTF-8 BOM) and the mapping of rows to product content. The columns are documented in
 * docs/adr/0023-csv-product-import.md and shown in docs/samples/products.csv.
 */
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS, ProductContentInput, type CsvColumn, type ImportRowError } from '@wxshop/shared/catalog';
import type { LocalizedText } from '@wxshop/shared/i18n/languages';

export { CSV_COLUMNS, type CsvColumn } from '@wxshop/shared/catalog';

export const MAX_IMPORT_ROWS = 500;
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** Product-level columns: given on a product's first row; later rows leave them empty or repeat them. */
const PRODUCT_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter(
  (c) =>
    ![
      'handle',
      'spec1_value',
      'spec2_value',
      'spec3_value',
      'sku_code',
      'price',
      'market_price',
      'stock',
      'low_stock_threshold',
      'sku_image_key',
      'enabled',
    ].includes(c),
);

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

/** Parses CSV text into records; strips a UTF-8 BOM; skips blank lines. @throws CsvSyntaxError */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < src.length; i += 1) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 1;
        } else inQuotes = false;
      } else {
        if (c === '\n') line += 1;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field.trim() !== '') throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      field = '';
      quoted = true;
      inQuotes = true;
    } else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      if (quoted) throw new CsvSyntaxError(line, 'text after a closing quote');
      field += c;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(recordLine, 'a quoted field is not closed');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/**
 * A decimal amount in major units ("19.90") to integer minor units, exactly (no floating point).
 * @returns undefined when the text is not a non-negative amount with at most `exponent` decimals
 */
export function parseAmount(text: string, exponent: number): number | undefined {
  const m = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const fraction = m[2] ?? '';
  if (fraction.length > exponent) return undefined;
  const minor = Number(m[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : undefined;
}

const parseInteger = (text: string): number | undefined => (/^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : undefined);

export interface ProductRows {
  handle: string;
  lines: number[];
  /** The content to create, when the rows could be read; the service still checks it. */
  input?: ProductContentInput;
  errors: ImportRowError[];
}

export interface ParsedImport {
  rows: number;
  errors: ImportRowError[];
  products: ProductRows[];
}

/** Characters no product text needs: C0/C1 controls (NUL included) except tab and line breaks, DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Bidirectional overrides and isolates: they make text read differently from what it is ("Trojan Source"). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** What a spreadsheet runs as a formula when the text is opened or exported again (CSV injection). */
const FORMULA_START = /^[=+\-@]/;

/**
 * Why a cell is refused, or undefined when it is fine. Refused rather than cleaned: a silently changed
 * title is worse than a line the merchant fixes. Checked on the cell as written (before trimming), so a
 * formula behind spaces is found too.
 */
export function hostileCell(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (CONTROL.test(value)) return 'contains a control character';
  if (BIDI.test(value)) return 'contains a bidirectional control character (text that reads differently from what it is)';
  if (FORMULA_START.test(value.trimStart()) && !/^-?\d+(\.\d+)?$/.test(value.trim()))
    return 'starts with =, +, - or @, which a spreadsheet runs as a formula: remove the sign or put text before it';
  return undefined;
}

const split = (v: string): string[] =>
  v
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Reads an import file: header check, row limit, grouping by handle, and each group's rows into a
 * `ProductContentInput` (prices in the store currency's minor units). File-level problems come back in
 * `errors` with no products; a group's problems in its own `errors`.
 */
export function readImport(text: string, currencyExponent: number): ParsedImport {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { rows: 0, errors: [{ line: err.line, column: null, message: err.message }], products: [] };
    throw err;
  }
  const [header, ...data] = records;
  if (!header) return { rows: 0, errors: [{ line: 1, column: null, message: 'the file is empty' }], products: [] };
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const errors: ImportRowError[] = [];
  names.forEach((n) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(n)) errors.push({ line: 1, column: n, message: 'unknown column' });
  });
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) errors.push({ line: 1, column: n, message: 'column given twice' });
  });
  for (const c of REQUIRED_CSV_COLUMNS) if (!names.includes(c)) errors.push({ line: 1, column: c, message: 'required column missing' });
  if (data.length > MAX_IMPORT_ROWS) errors.push({ line: 1, column: null, message: `at most ${MAX_IMPORT_ROWS} rows per file (found ${data.length})` });
  if (errors.length > 0) return { rows: data.length, errors, products: [] };

  const groups = new Map<string, { line: number; get: (c: CsvColumn) => string }[]>();
  const hostile = new Map<string, ImportRowError[]>();
  for (const r of data) {
    const get = (c: CsvColumn): string => {
      const i = names.indexOf(c);
      return i < 0 ? '' : (r.fields[i] ?? '').trim();
    };
    if (r.fields.length > names.length) {
      errors.push({ line: r.line, column: null, message: `more fields (${r.fields.length}) than columns (${names.length})` });
      continue;
    }
    const handle = get('handle');
    if (!handle) {
      errors.push({ line: r.line, column: 'handle', message: 'required' });
      continue;
    }
    groups.set(handle, [...(groups.get(handle) ?? []), { line: r.line, get }]);
    for (const [i, value] of r.fields.entries()) {
      const why = hostileCell(value);
      if (why) hostile.set(handle, [...(hostile.get(handle) ?? []), { line: r.line, column: names[i] ?? null, message: why }]);
    }
  }
  const products = [...groups.entries()].map(([handle, rows]) => {
    const product = readProduct(handle, rows, currencyExponent);
    const refused = hostile.get(handle);
    if (!refused) return product;
    const { input: _dropped, ...rest } = product;
    return { ...rest, errors: [...refused, ...product.errors] };
  });
  return { rows: data.length, errors, products };
}

const text = (zh: string, rest: Partial<Record<'en' | 'es' | 'fr' | 'de', string>>): LocalizedText => ({
  'zh-CN': zh,
  ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v)),
});

function readProduct(handle: string, rows: { line: number; get: (c: CsvColumn) => string }[], exponent: number): ProductRows {
  const errors: ImportRowError[] = [];
  const first = rows[0]!;
  const lines = rows.map((r) => r.line);
  for (const r of rows.slice(1))
    for (const c of PRODUCT_COLUMNS) {
      const v = r.get(c);
      if (v && v !== first.get(c)) errors.push({ line: r.line, column: c, message: `differs from line ${first.line} (leave it empty on later rows)` });
    }
  const f = first.get;
  const dims = ([1, 2, 3] as const).map((n) => ({ n, name: f(`spec${n}_name`) })).filter((d) => d.name);
  const values: string[][] = dims.map(() => []);
  const skus = rows.map((r) => {
    const specIndexes = dims.map((d, di) => {
      const v = r.get(`spec${d.n}_value`);
      if (!v) {
        errors.push({ line: r.line, column: `spec${d.n}_value`, message: `required (the product has spec ${d.name})` });
        return 0;
      }
      const list = values[di]!;
      if (!list.includes(v)) list.push(v);
      return list.indexOf(v);
    });
    for (const n of [1, 2, 3] as const)
      if (!dims.some((d) => d.n === n) && r.get(`spec${n}_value`))
        errors.push({ line: r.line, column: `spec${n}_value`, message: `spec${n}_name is empty on line ${first.line}` });
    const price = parseAmount(r.get('price'), exponent);
    if (price === undefined) errors.push({ line: r.line, column: 'price', message: `an amount like 19.90 (at most ${exponent} decimals)` });
    const marketText = r.get('market_price');
    const marketPrice = marketText ? parseAmount(marketText, exponent) : undefined;
    if (marketText && marketPrice === undefined) errors.push({ line: r.line, column: 'market_price', message: 'an amount like 29.90' });
    const int = (c: CsvColumn): number | undefined => {
      const v = r.get(c);
      if (!v) return undefined;
      const n = parseInteger(v);
      if (n === undefined) errors.push({ line: r.line, column: c, message: 'a whole number' });
      return n;
    };
    const enabledText = r.get('enabled').toLowerCase();
    if (enabledText && !['true', 'false', '1', '0', 'yes', 'no'].includes(enabledText))
      errors.push({ line: r.line, column: 'enabled', message: 'true or false' });
    const initialStock = int('stock');
    const lowStockThreshold = int('low_stock_threshold');
    return {
      specIndexes,
      code: r.get('sku_code'),
      price: price ?? 0,
      ...(marketPrice !== undefined ? { marketPrice } : {}),
      ...(initialStock !== undefined ? { initialStock } : {}),
      ...(lowStockThreshold !== undefined ? { lowStockThreshold } : {}),
      ...(r.get('sku_image_key') ? { imageKey: r.get('sku_image_key') } : {}),
      ...(enabledText ? { enabled: ['true', '1', 'yes'].includes(enabledText) } : {}),
    };
  });
  const optional = (c: CsvColumn): string | undefined => f(c) || undefined;
  const optInt = (c: CsvColumn): number | undefined => {
    const v = f(c);
    if (!v) return undefined;
    const n = parseInteger(v);
    if (n === undefined) errors.push({ line: first.line, column: c, message: 'a whole number' });
    return n;
  };
  const weightGrams = optInt('weight_grams');
  const volumeCm3 = optInt('volume_cm3');
  const candidate = {
    title: text(f('title_zh'), { en: f('title_en'), es: f('title_es'), fr: f('title_fr'), de: f('title_de') }),
    description: text(f('description_zh'), { en: f('description_en'), es: f('description_es'), fr: f('description_fr'), de: f('description_de') }),
    categoryId: f('category_id'),
    imageKeys: split(f('image_keys')),
    ...(optional('video_key') ? { videoKey: optional('video_key') } : {}),
    ...(f('tags') ? { tags: split(f('tags')) } : {}),
    ...(optional('brand') ? { brand: optional('brand') } : {}),
    ...(optional('origin') ? { origin: optional('origin') } : {}),
    ...(optional('material') ? { material: optional('material') } : {}),
    ...(weightGrams !== undefined ? { weightGrams } : {}),
    ...(volumeCm3 !== undefined ? { volumeCm3 } : {}),
    ...(optional('hs_code') ? { hsCode: optional('hs_code') } : {}),
    ...(optional('country_of_origin') ? { countryOfOrigin: optional('country_of_origin') } : {}),
    ...(optional('on_sale_at') ? { onSaleAt: optional('on_sale_at') } : {}),
    ...(optional('off_sale_at') ? { offSaleAt: optional('off_sale_at') } : {}),
    specs: dims.map((d, di) => ({ name: { 'zh-CN': d.name }, values: values[di]!.map((v) => ({ 'zh-CN': v })) })),
    skus,
  };
  const parsed = ProductContentInput.safeParse(candidate);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const at = locate(issue.path.map(String), lines);
      errors.push({ ...at, message: issue.message });
    }
  return { handle, lines, errors, ...(parsed.success && errors.length === 0 ? { input: parsed.data } : {}) };
}

const FIELD_COLUMNS: Record<string, CsvColumn> = {
  categoryId: 'category_id',
  imageKeys: 'image_keys',
  videoKey: 'video_key',
  tags: 'tags',
  brand: 'brand',
  origin: 'origin',
  material: 'material',
  weightGrams: 'weight_grams',
  volumeCm3: 'volume_cm3',
  hsCode: 'hs_code',
  countryOfOrigin: 'country_of_origin',
  onSaleAt: 'on_sale_at',
  offSaleAt: 'off_sale_at',
  specs: 'spec1_name',
};
const SKU_COLUMNS: Record<string, CsvColumn> = {
  code: 'sku_code',
  price: 'price',
  marketPrice: 'market_price',
  initialStock: 'stock',
  lowStockThreshold: 'low_stock_threshold',
  imageKey: 'sku_image_key',
  enabled: 'enabled',
  specIndexes: 'spec1_value',
};
const LANG_SUFFIX: Record<string, string> = { 'zh-CN': 'zh', en: 'en', es: 'es', fr: 'fr', de: 'de' };

/**
 * Where a content field path (`skus.2.code`, `title.zh-CN`) is in the file: the line of that SKU's row
 * (or the product's first row) and its column.
 */
export function locate(path: string[], lines: number[]): { line: number; column: string | null } {
  const [head, second, third] = path;
  const firstLine = lines[0] ?? 1;
  if (head === 'skus') {
    const i = Number(second);
    if (Number.isInteger(i) && lines[i] !== undefined) return { line: lines[i]!, column: (third && SKU_COLUMNS[third]) ?? null };
    return { line: firstLine, column: null };
  }
  if (head === 'title' || head === 'description') return { line: firstLine, column: `${head}_${LANG_SUFFIX[second ?? 'zh-CN'] ?? 'zh'}` };
  return { line: firstLine, column: (head && FIELD_COLUMNS[head]) ?? null };
}
