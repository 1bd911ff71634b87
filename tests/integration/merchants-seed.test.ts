import { LANGUAGES } from '@wxshop/shared';
import { DEMO } from '../../infra/local/seed';
import { categoryId, seedCategories, seedStoreProfiles } from '../../infra/local/seed-merchants';
import { createAccount } from '../../functions/identity/accounts';
import { createMerchant, getMerchant } from '../../functions/merchants/merchants';
import { freshPhone } from './merchants-support';
import { getCategoryTree } from '../../functions/categories/categories';
import { getPublicStore, listMerchantsByStatus } from '../../functions/merchants/store';

jest.setTimeout(60_000);

it('seeds eight top-level categories three levels deep in five languages, and store pages, once', async () => {
  for (const m of DEMO.merchants) {
    const exists = await getMerchant(m.id).then(
      () => true,
      () => false,
    );
    const ownerId = (await createAccount({ provider: 'phone', subject: freshPhone(), display: 'x' }, { nickname: m.owner.nickname }))!;
    if (!exists) await createMerchant({ id: m.id, name: m.name, ownerId });
  }
  await seedCategories();
  expect(await seedCategories()).toBe(0);
  await seedStoreProfiles();
  expect(await seedStoreProfiles()).toBe(0);

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
