import { buildApplicationInput, emptyApplicationForm } from '../../../miniapp/src/merchant/lib/application-form';
import { categoryLabel, categoryPath, leaves } from '../../../miniapp/src/merchant/lib/categories';
import { layoutInput, newBlock, toggleId } from '../../../miniapp/src/merchant/lib/layout';
import {
  addTag,
  apiFieldErrors,
  buildProductInput,
  emptyProductForm,
  errorUnder,
  move,
  type ProductForm,
} from '../../../miniapp/src/merchant/lib/product-form';
import { buildSkuRows } from '../../../miniapp/src/merchant/lib/sku-matrix';
import { isoToLocal, localToIso } from '../../../miniapp/src/merchant/lib/schedule';
import { checkCsv, checkImage, checkVideo } from '../../../miniapp/src/merchant/lib/uploads';

const MID = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const CAT = '01JCCCCCCCCCCCCCCCCCCCCCCC';
const imageKey = (n: number) => `merchants/${MID}/products/01JIIIIIIIIIIIIIIIIIIIIII${n}.png`;

function validProduct(): ProductForm {
  const specs = [{ name: { 'zh-CN': '颜色' }, values: [{ 'zh-CN': '红' }, { 'zh-CN': '蓝' }] }];
  const rows = buildSkuRows(specs, [])!.map((r, i) => ({ ...r, code: `TEE-${i}`, price: '59.90', initialStock: '10' }));
  return {
    ...emptyProductForm(),
    title: { 'zh-CN': 'T恤', en: ' ' },
    description: { 'zh-CN': '纯棉' },
    categoryId: CAT,
    images: [{ key: imageKey(1), url: '' }],
    specs,
    rows,
  };
}

describe('product form', () => {
  it('builds the API body: prices in fen, empty translations and fields left out', () => {
    const { input, errors } = buildProductInput(validProduct(), 2, true);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      title: { 'zh-CN': 'T恤' },
      categoryId: CAT,
      imageKeys: [imageKey(1)],
      specs: [{ name: { 'zh-CN': '颜色' }, values: [{ 'zh-CN': '红' }, { 'zh-CN': '蓝' }] }],
      skus: [
        { specIndexes: [0], code: 'TEE-0', price: 5990, initialStock: 10, enabled: true },
        { specIndexes: [1], code: 'TEE-1', price: 5990, initialStock: 10, enabled: true },
      ],
    });
    expect(input!.title.en).toBeUndefined();
    expect(input).not.toHaveProperty('brand');
  });

  it('sends initial stock on an edit only for new SKUs', () => {
    const form = validProduct();
    form.rows[0] = { ...form.rows[0]!, skuId: '01JSSSSSSSSSSSSSSSSSSSSSSS', stock: 3 };
    const { input } = buildProductInput(form, 2, false);
    expect(input!.skus[0]).not.toHaveProperty('initialStock');
    expect(input!.skus[1]).toHaveProperty('initialStock', 10);
  });

  it('names each wrong field with the path the API uses', () => {
    const form = validProduct();
    form.title = { en: 'Tee' };
    form.images = [];
    form.categoryId = null;
    form.hsCode = '12';
    form.countryOfOrigin = 'China';
    form.rows[0] = { ...form.rows[0]!, price: '1.999', code: 'bad code' };
    form.rows[1] = { ...form.rows[1]!, price: '0', marketPrice: 'x', code: 'TEE-1' };
    const { input, errors } = buildProductInput(form, 2, true);
    expect(input).toBeNull();
    expect(errors).toEqual({
      title: 'merchant.err.zh_required',
      imageKeys: 'merchant.err.image_required',
      categoryId: 'merchant.err.category_leaf',
      hsCode: 'merchant.err.hs_code',
      countryOfOrigin: 'merchant.err.country',
      'skus.0.code': 'merchant.err.sku_code',
      'skus.0.price': 'merchant.err.price_format',
      'skus.1.price': 'merchant.err.price_range',
      'skus.1.marketPrice': 'merchant.err.price_format',
    });
  });

  it('refuses repeated SKU codes, dimensions without values and repeated values', () => {
    const form = validProduct();
    form.rows[1] = { ...form.rows[1]!, code: 'TEE-0' };
    form.specs = [...form.specs, { name: { 'zh-CN': '尺码' }, values: [] }];
    expect(buildProductInput(form, 2, true).errors).toMatchObject({
      'skus.1.code': 'merchant.err.sku_code_repeated',
      'specs.1.values': 'merchant.err.spec_values',
    });
    form.specs = [{ name: { 'zh-CN': '颜色' }, values: [{ 'zh-CN': '红' }, { 'zh-CN': '红' }] }];
    expect(buildProductInput(form, 2, true).errors['specs.0.values']).toBe('merchant.err.spec_duplicate');
  });

  it('needs one enabled SKU and an off-sale time after the on-sale time', () => {
    const form = validProduct();
    form.rows = form.rows.map((r) => ({ ...r, enabled: false }));
    form.onSaleAt = '2026-12-02T00:00:00.000Z';
    form.offSaleAt = '2026-12-01T00:00:00.000Z';
    expect(buildProductInput(form, 2, true).errors).toMatchObject({ skus: 'merchant.err.no_enabled_sku', offSaleAt: 'merchant.err.off_before_on' });
  });

  it('shows API field errors next to the fields, with or without the body. prefix', () => {
    const errors = apiFieldErrors({ 'body.skus.0.price': 'Too small', 'title.zh-CN': 'Required' });
    expect(errors).toEqual({ 'skus.0.price': 'merchant.err.refused', 'title.zh-CN': 'merchant.err.refused' });
    expect(apiFieldErrors({ 'body.skus.2.code': 'this SKU code is already used in this store' })).toEqual({ 'skus.2.code': 'merchant.err.sku_code_taken' });
    expect(errorUnder(errors, 'title')).toBe('merchant.err.refused');
    expect(errorUnder(errors, 'skus.0')).toBe('merchant.err.refused');
    expect(errorUnder(errors, 'skus.1')).toBeUndefined();
  });

  it('reorders and tags', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(addTag(['新品'], ' 新品 ')).toEqual(['新品']);
    expect(addTag(['新品'], '纯棉')).toEqual(['新品', '纯棉']);
    expect(addTag([], 'x'.repeat(17))).toEqual([]);
  });
});

describe('store application form', () => {
  const docKey = 'applications/01JXXXXXXXXXXXXXXXXXXXXXXX/01JDDDDDDDDDDDDDDDDDDDDDDD.jpg';
  it('builds the body: licence upper-cased, phone in E.164', () => {
    const { input, errors } = buildApplicationInput({
      businessType: 'individual',
      storeName: ' 小店 ',
      licenceNumber: '91310000abc123456x',
      contactName: '王五',
      contactPhone: '138 0000 0002',
      categoryId: CAT,
      documents: [{ key: docKey, url: '' }],
    });
    expect(errors).toEqual({});
    expect(input).toEqual({
      businessType: 'individual',
      storeName: '小店',
      licenceNumber: '91310000ABC123456X',
      contactName: '王五',
      contactPhone: '+8613800000002',
      categoryId: CAT,
      documentKeys: [docKey],
    });
  });

  it('says what is missing or wrong, field by field', () => {
    const { input, errors } = buildApplicationInput({ ...emptyApplicationForm(), storeName: 'x', licenceNumber: '12', contactPhone: '123' });
    expect(input).toBeNull();
    expect(errors).toEqual({
      storeName: 'merchant.err.store_name',
      licenceNumber: 'merchant.err.licence',
      contactName: 'merchant.err.required',
      contactPhone: 'merchant.err.phone',
      categoryId: 'merchant.err.required',
      documentKeys: 'merchant.err.documents',
    });
  });
});

describe('uploads are checked before asking for a ticket', () => {
  it('takes PNG, JPEG and WebP images up to 5 MB', () => {
    expect(checkImage({ type: 'image/png', size: 1000 })).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkImage({ type: 'image/gif', size: 1000 })).toEqual({ ok: false, error: 'merchant.upload.bad_image_type' });
    expect(checkImage({ type: 'image/jpeg', size: 5 * 1024 * 1024 + 1 })).toEqual({ ok: false, error: 'merchant.upload.image_too_large' });
    expect(checkImage({ type: 'image/webp', size: 0 })).toEqual({ ok: false, error: 'merchant.upload.empty' });
  });
  it('takes MP4 videos up to 50 MB and CSV files up to 1 MB', () => {
    expect(checkVideo({ type: 'video/mp4', size: 50 * 1024 * 1024 }).ok).toBe(true);
    expect(checkVideo({ type: 'video/quicktime', size: 10 })).toEqual({ ok: false, error: 'merchant.upload.bad_video_type' });
    expect(checkCsv({ name: 'p.CSV', type: '', size: 10 }).ok).toBe(true);
    expect(checkCsv({ name: 'p.xlsx', type: 'application/vnd.ms-excel', size: 10 })).toEqual({ ok: false, error: 'merchant.upload.bad_csv_type' });
    expect(checkCsv({ name: 'p.csv', type: 'text/csv', size: 1024 * 1024 + 1 })).toEqual({ ok: false, error: 'merchant.upload.csv_too_large' });
  });
});

describe('store layout and categories', () => {
  it('points at incomplete blocks instead of sending them', () => {
    const banner = newBlock('banner');
    const strip = { type: 'category_strip' as const, categoryIds: [CAT] };
    expect(layoutInput([banner, strip])).toEqual({ incomplete: [0] });
    expect(layoutInput([strip, { type: 'featured_products', title: ' 新品 ', productIds: ['P'] }])).toEqual({
      blocks: [strip, { type: 'featured_products', productIds: ['P'], title: { 'zh-CN': '新品' } }],
    });
    expect(toggleId(['a', 'b'], 'a', 2)).toEqual(['b']);
    expect(toggleId(['a', 'b'], 'c', 2)).toEqual(['a', 'b']);
  });

  it('finds a category path and its leaves', () => {
    const cat = (id: string, level: number, zh: string, children: unknown[] = []) => ({
      id,
      parentId: null,
      level,
      name: { 'zh-CN': zh, en: `${zh}-en` },
      iconKey: null,
      iconUrl: null,
      order: 0,
      children,
    });
    const tree = [cat('A', 1, '服装', [cat('B', 2, '女装', [cat('C', 3, '连衣裙')]), cat('D', 2, '配饰')])] as never;
    expect(categoryPath(tree, 'C').map((c) => c.id)).toEqual(['A', 'B', 'C']);
    expect(categoryLabel(tree, 'C', 'zh-CN')).toBe('服装 › 女装 › 连衣裙');
    expect(categoryLabel(tree, 'nope', 'en')).toBe('');
    expect(leaves(tree, 'en')).toEqual([
      { id: 'C', label: '服装-en › 女装-en › 连衣裙-en' },
      { id: 'D', label: '服装-en › 配饰-en' },
    ]);
  });

  it('turns a local date and time into an instant and back', () => {
    const iso = localToIso('2026-12-01', '09:30')!;
    expect(isoToLocal(iso)).toEqual({ date: '2026-12-01', time: '09:30' });
    expect(localToIso('2026-02-30', '09:00')).toBeNull();
    expect(localToIso('tomorrow', '09:00')).toBeNull();
  });
});
