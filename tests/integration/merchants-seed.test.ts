import { LANGUAGES } from '@wxshop/shared';
import '../support/integration-env';
import { seedDemoData, DEMO } from '../../infra/local/seed';
import { categoryId } from '../../infra/local/seed-merchants';
import { getCategoryTree } from '../../functions/categories/categories';
import { getPublicStore, listMerchantsByStatus } from '../../functions/merchants/store';

jest.setTimeout(60_000);

it('seeds eight top-level categories three levels deep in five languages, and store pages, once', async () => {
  await seedDemoData(() => undefined);
  await seedDemoData(() => undefined);

  const tree = (await getCategoryTree()).filter((c) => c.id.startsWith('01JC'));
  expect(tree.map((c) => c.name['zh-CN'])).toEqual(['茶叶', '服饰', '户外', '数码', '美妆', '食品', '家居', '母婴']);
  for (const root of tree) {
    expect(root.children.length).toBeGreaterThanOrEqual(2);
    expect(root.children.length).toBeLessThanOrEqual(4);
    for (const c of [root, ...root.children, ...root.children.flatMap((b) => b.children)]) for (const lang of LANGUAGES) expect(c.name[lang]).toBeTruthy();
  }
  expect(tree[0]!.children[0]!.children.map((c) => c.id)).toEqual([categoryId(111), categoryId(112)]);

  for (const m of DEMO.merchants) {
    const store = await getPublicStore(m.id);
    expect(store.intro?.['zh-CN']).toBeTruthy();
    expect(store.blocks[0]?.type).toBe('category_strip');
    expect(store.logoUrl).toBeNull();
  }
  const open = await listMerchantsByStatus('open', 100);
  expect(open.items.map((m) => m.id)).toEqual(expect.arrayContaining(DEMO.merchants.map((m) => m.id)));
});
