import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportReport } from '@wxshop/shared';
import '../support/integration-env';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { listMerchantProducts } from '../../functions/catalog/products';
import { handler as importRoute } from '../../functions/catalog/import-products';
import { MAX_IMPORT_ROWS } from '../../functions/catalog/csv';
import { categories, imageKey, merchantWithOwner, uniqueCode, type Actor } from './catalog-fixtures';

jest.setTimeout(120_000);

const HEADER = 'handle,title_zh,title_en,description_zh,category_id,image_keys,tags,spec1_name,spec1_value,sku_code,price,stock,sku_image_key';

let merchantId: string;
let otherMerchantId: string;
let owner: Actor;
let leafId: string;
beforeAll(async () => {
  ({ merchantId, owner } = await merchantWithOwner('Hostile'));
  ({ merchantId: otherMerchantId } = await merchantWithOwner('Victim'));
  ({ leafId } = await categories());
});

interface Row {
  title: string;
  titleEn: string;
  description: string;
  images: string;
  tags: string;
  value: string;
  skuImage: string;
}

/** One hostile thing per product, each in the column it is expected to be reported in. */
const KINDS: { name: string; column: string; apply: (r: Row, mid: string) => void; message: RegExp }[] = [
  { name: 'a formula with =', column: 'title_zh', apply: (r) => (r.title = '"=HYPERLINK(""http://evil.example"",""点击"")"'), message: /formula/ },
  {
    name: 'a formula with +',
    column: 'title_en',
    apply: (r) => (r.titleEn = '+cmd|"/c calc"!A0'.replace(/"/g, '""').replace(/^/, '"') + '"'),
    message: /formula/,
  },
  {
    name: 'a formula with -',
    column: 'description_zh',
    apply: (r) => (r.description = '-2+3+cmd|"/c calc"!A0'.replace(/"/g, '""').replace(/^/, '"') + '"'),
    message: /formula/,
  },
  { name: 'a formula with @', column: 'tags', apply: (r) => (r.tags = '@SUM(1+1)'), message: /formula/ },
  { name: 'a formula behind spaces', column: 'spec1_value', apply: (r) => (r.value = '"  =1+1"'), message: /formula/ },
  { name: 'a NUL', column: 'title_zh', apply: (r) => (r.title = '马克杯\u0000'), message: /NUL/ },
  { name: 'a control character', column: 'description_zh', apply: (r) => (r.description = '陶瓷\u0007响铃'), message: /control character/ },
  { name: 'a right-to-left override', column: 'title_en', apply: (r) => (r.titleEn = 'Mug \u202Egpj.exe'), message: /bidirectional/ },
  { name: 'an isolate', column: 'spec1_value', apply: (r) => (r.value = '红\u2066x\u2069'), message: /bidirectional/ },
  {
    name: "another store's product image",
    column: 'image_keys',
    apply: (r, _mid) => (r.images = `merchants/${otherMerchantId}/products/01JAAAAAAAAAAAAAAAAAAAAAAA.jpg`),
    message: /this store/,
  },
  {
    name: "another store's SKU image",
    column: 'sku_image_key',
    apply: (r) => (r.skuImage = `merchants/${otherMerchantId}/products/01JBBBBBBBBBBBBBBBBBBBBBBB.jpg`),
    message: /this store/,
  },
];

it(`refuses every hostile product of a ${MAX_IMPORT_ROWS}-row file by line and column, writes nothing for them, and imports the clean ones`, async () => {
  // Prepare: 250 products of 2 rows; every fifth one is clean, the others carry one hostile cell each.
  const lines = [HEADER];
  const expected = new Map<string, { line: number; column: string; message: RegExp } | null>();
  const codes = new Map<string, string[]>();
  for (let p = 0; p < MAX_IMPORT_ROWS / 2; p += 1) {
    const handle = `p${p}`;
    const row: Row = {
      title: `商品${p}`,
      titleEn: `Product ${p}`,
      description: '普通描述',
      images: imageKey(merchantId),
      tags: 'plain',
      value: '红',
      skuImage: '',
    };
    const kind = p % 5 === 0 ? undefined : KINDS[p % KINDS.length]!;
    kind?.apply(row, merchantId);
    const line = lines.length + 1;
    const [c1, c2] = [uniqueCode('H'), uniqueCode('H')];
    codes.set(handle, [c1, c2]);
    lines.push(`${handle},${row.title},${row.titleEn},${row.description},${leafId},${row.images},${row.tags},颜色,${row.value},${c1},9.90,5,${row.skuImage}`);
    lines.push(`${handle},,,,,,,,蓝,${c2},9.90,5,`);
    expected.set(handle, kind ? { line, column: kind.column, message: kind.message } : null);
  }
  expect(lines.length - 1).toBe(MAX_IMPORT_ROWS);
  const csv = lines.join('\r\n');
  expect(csv.length).toBeLessThan(60_000);

  // Act
  const res = await invoke<ImportReport>(importRoute, { params: { merchantId }, body: { csv }, token: await owner.token() });

  // Assert: the report names each refusal where it is, and only the clean products exist
  expect(res.status).toBe(201);
  const report = res.body;
  expect(report.rows).toBe(MAX_IMPORT_ROWS);
  expect(report.errors).toEqual([]);
  const clean = [...expected.values()].filter((e) => e === null).length;
  expect(report.accepted).toBe(clean);
  expect(report.refused).toBe(expected.size - clean);
  for (const product of report.products) {
    const want = expected.get(product.handle);
    if (want === null) {
      expect(product).toMatchObject({ accepted: true, errors: [] });
      continue;
    }
    expect(product.accepted).toBe(false);
    expect(product.productId).toBeNull();
    expect(product.errors).toContainEqual({ line: want!.line, column: want!.column, message: expect.stringMatching(want!.message) });
  }
  const stored = (await listMerchantProducts(merchantId, { limit: 100 })).items;
  expect(stored).toHaveLength(clean);
  const refusedCodes = report.products.filter((p) => !p.accepted).flatMap((p) => codes.get(p.handle)!);
  const found = await Promise.all(
    refusedCodes.map(async (code) => (await db().send(new GetCommand({ TableName: tableName(), Key: keys.skuCode(merchantId, code) }))).Item),
  );
  expect(found.filter(Boolean)).toEqual([]);
});
