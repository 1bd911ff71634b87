import '../support/integration-env';
import { TEXT_LIMITS, type MerchantProductView } from '@wxshop/shared';
import { invoke } from '../support/lambda';
import { handler as createProductRoute } from '../../functions/catalog/create-product';
import { handler as updateProductRoute } from '../../functions/catalog/update-product';
import { handler as updateStoreProfileRoute } from '../../functions/merchants/update-store-profile';
import { handler as updateStoreLayoutRoute } from '../../functions/merchants/update-store-layout';
import { handler as createCategoryRoute } from '../../functions/categories/create-category';
import { getMerchantProduct, listMerchantProducts } from '../../functions/catalog/products';
import { getStoreProfile } from '../../functions/merchants/store';
import { getCategoryTree } from '../../functions/categories/categories';
import { categories, content, merchantWithOwner, reviewer, type Actor } from './catalog-fixtures';

jest.setTimeout(60_000);

type ErrorAnswer = { error: { code: string; fields?: Record<string, string> } };
const text = (n: number, ch = '长'): string => ch.repeat(n);

let merchantId: string;
let owner: Actor;
let leafId: string;
beforeAll(async () => {
  ({ merchantId, owner } = await merchantWithOwner('Limits'));
  ({ leafId } = await categories());
});

describe('free text over its maximum is refused with 400 and nothing is written', () => {
  const base = () => content(merchantId, leafId);
  const cases: [string, () => ReturnType<typeof base>, string][] = [
    ['a 60 KB title', () => ({ ...base(), title: { 'zh-CN': text(20_000, 'a') } }), 'title.zh-CN'],
    [`a title of ${TEXT_LIMITS.productTitle + 1} characters`, () => ({ ...base(), title: { 'zh-CN': text(TEXT_LIMITS.productTitle + 1) } }), 'title.zh-CN'],
    ['an English title one over', () => ({ ...base(), title: { 'zh-CN': '短', en: text(TEXT_LIMITS.productTitle + 1, 'x') } }), 'title.en'],
    [
      `a description of ${TEXT_LIMITS.productDescription + 1} characters`,
      () => ({ ...base(), description: { 'zh-CN': text(TEXT_LIMITS.productDescription + 1) } }),
      'description.zh-CN',
    ],
    [
      'a spec name one over',
      () => {
        const b = base();
        b.specs[0] = { ...b.specs[0]!, name: { 'zh-CN': text(TEXT_LIMITS.specName + 1) } };
        return b;
      },
      'specs.0.name.zh-CN',
    ],
    [
      'a spec value one over',
      () => {
        const b = base();
        b.specs[0] = { ...b.specs[0]!, values: [{ 'zh-CN': text(TEXT_LIMITS.specValue + 1) }, { 'zh-CN': '蓝' }] };
        return b;
      },
      'specs.0.values.0.zh-CN',
    ],
  ];

  it.each(cases)('a new product with %s', async (_what, body, field) => {
    const before = (await listMerchantProducts(merchantId)).items.length;
    const res = await invoke<ErrorAnswer>(createProductRoute, { params: { merchantId }, body: body(), token: await owner.token() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields ?? {})).toContain(`body.${field}`);
    expect((await listMerchantProducts(merchantId)).items).toHaveLength(before);
  });

  it('accepts every product text at exactly its maximum', async () => {
    const b = base();
    b.title = { 'zh-CN': text(TEXT_LIMITS.productTitle), en: text(TEXT_LIMITS.productTitle, 'x') };
    b.description = { 'zh-CN': text(TEXT_LIMITS.productDescription) };
    b.specs[0] = { name: { 'zh-CN': text(TEXT_LIMITS.specName) }, values: [{ 'zh-CN': text(TEXT_LIMITS.specValue) }, { 'zh-CN': '蓝' }] };
    const res = await invoke<MerchantProductView>(createProductRoute, { params: { merchantId }, body: b, token: await owner.token() });
    expect(res.status).toBe(201);
  });

  it('an edit that makes a title too long leaves the product as it was', async () => {
    const token = await owner.token();
    const made = await invoke<MerchantProductView>(createProductRoute, { params: { merchantId }, body: base(), token });
    expect(made.status).toBe(201);
    const before = await getMerchantProduct(merchantId, made.body.id);
    const res = await invoke<ErrorAnswer>(updateProductRoute, {
      method: 'PUT',
      params: { merchantId, productId: made.body.id },
      body: { ...base(), title: { 'zh-CN': text(TEXT_LIMITS.productTitle + 1) } },
      token,
    });
    expect(res.status).toBe(400);
    expect(await getMerchantProduct(merchantId, made.body.id)).toEqual(before);
  });

  it('a store intro one over', async () => {
    const before = await getStoreProfile(merchantId);
    const res = await invoke<ErrorAnswer>(updateStoreProfileRoute, {
      params: { merchantId },
      body: { intro: { 'zh-CN': text(TEXT_LIMITS.storeIntro + 1) } },
      token: await owner.token(),
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields ?? {})).toContain('body.intro.zh-CN');
    expect(await getStoreProfile(merchantId)).toEqual(before);
    const ok = await invoke(updateStoreProfileRoute, {
      params: { merchantId },
      body: { intro: { 'zh-CN': text(TEXT_LIMITS.storeIntro) } },
      token: await owner.token(),
    });
    expect(ok.status).toBe(200);
  });

  it('a layout block title one over', async () => {
    const made = await invoke<MerchantProductView>(createProductRoute, { params: { merchantId }, body: base(), token: await owner.token() });
    const before = await getStoreProfile(merchantId);
    const res = await invoke<ErrorAnswer>(updateStoreLayoutRoute, {
      method: 'PUT',
      params: { merchantId },
      body: { blocks: [{ type: 'featured_products', title: { 'zh-CN': text(TEXT_LIMITS.layoutTitle + 1) }, productIds: [made.body.id] }] },
      token: await owner.token(),
    });
    expect(res.status).toBe(400);
    expect(await getStoreProfile(merchantId)).toEqual(before);
  });

  it('a category name one over', async () => {
    const operator = await reviewer();
    const name = `${Date.now()}${text(TEXT_LIMITS.categoryName)}`.slice(0, TEXT_LIMITS.categoryName + 1);
    const res = await invoke<ErrorAnswer>(createCategoryRoute, { body: { parentId: null, name: { 'zh-CN': name } }, token: await operator.token() });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await getCategoryTree())).not.toContain(name);
  });
});
