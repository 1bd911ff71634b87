import type { MerchantProductView } from '@wxshop/shared';
import { invoke } from '../support/lambda';
import { tableDigest, ownTable } from '../support/integration-env';
import { createCategory, getCategory } from '../../functions/categories/categories';
import { handler as removeCategory } from '../../functions/categories/delete-category';
import { handler as createCategoryRoute } from '../../functions/categories/create-category';
import { handler as createProduct } from '../../functions/catalog/create-product';
import { handler as updateProduct } from '../../functions/catalog/update-product';
import { handler as deleteProduct } from '../../functions/catalog/delete-product';
import { categories, content, merchantWithOwner, reviewer, type Actor } from './catalog-fixtures';
import { ulid } from 'ulid';

// whole-table digests below: this file writes to a table of its own
ownTable('catcat');

jest.setTimeout(60_000);

type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string> } };

let merchantId: string;
let owner: Actor;
let operator: Actor;

beforeAll(async () => {
  ({ merchantId, owner } = await merchantWithOwner('Category guard'));
  operator = await reviewer();
});

const productsPath = (): string => `/merchants/${merchantId}/products`;
const newProduct = async (categoryId: string) =>
  invoke<MerchantProductView & ErrorAnswer>(createProduct, {
    path: productsPath(),
    params: { merchantId },
    body: content(merchantId, categoryId),
    token: await owner.token(),
  });

describe('categories holding products', () => {
  it('cannot be deleted while a product (any status) is filed under them: 409 naming the count, nothing changes', async () => {
    // Prepare
    const { leafId } = await categories();
    const made = await newProduct(leafId);
    expect(made.status).toBe(201);
    const token = await operator.token();
    const before = await tableDigest();
    // Act
    const refused = await invoke<ErrorAnswer>(removeCategory, { method: 'DELETE', params: { categoryId: leafId }, token });
    // Assert
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/1 product/);
    expect(await tableDigest()).toBe(before);
    expect((await getCategory(leafId)).id).toBe(leafId);
  });

  it('can be deleted once their last product is deleted', async () => {
    const { leafId } = await categories();
    const made = await newProduct(leafId);
    const ownerToken = await owner.token();
    expect((await invoke(deleteProduct, { method: 'DELETE', params: { merchantId, productId: made.body.id }, token: ownerToken })).status).toBe(200);
    expect((await invoke(removeCategory, { method: 'DELETE', params: { categoryId: leafId }, token: await operator.token() })).status).toBe(200);
    await expect(getCategory(leafId)).rejects.toMatchObject({ status: 404 });
  });

  it('follow a product moved to another category (the old one can then be deleted, the new one not)', async () => {
    const { leafId: from } = await categories();
    const { leafId: to } = await categories();
    const made = await newProduct(from);
    const moved = await invoke<MerchantProductView>(updateProduct, {
      method: 'PUT',
      params: { merchantId, productId: made.body.id },
      body: content(merchantId, to, { skus: content(merchantId, to).skus.map((s, i) => ({ ...s, code: made.body.skus[i]!.code })) }),
      token: await owner.token(),
    });
    expect(moved.status).toBe(200);
    const token = await operator.token();
    expect((await invoke(removeCategory, { method: 'DELETE', params: { categoryId: to }, token })).status).toBe(409);
    expect((await invoke(removeCategory, { method: 'DELETE', params: { categoryId: from }, token })).status).toBe(200);
  });

  it('get no subcategories while they hold products (products are filed under leaves): 409', async () => {
    const { leafId } = await categories();
    await newProduct(leafId);
    const reply = await invoke<ErrorAnswer>(createCategoryRoute, {
      body: { parentId: leafId, name: { 'zh-CN': `子类${ulid()}` } },
      token: await operator.token(),
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.message).toMatch(/product/);
  });

  it('never end with a product filed under a deleted category when the delete races the create', async () => {
    // Prepare: ten races, each a fresh leaf
    const token = await operator.token();
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const parent = await createCategory({ parentId: null, name: { 'zh-CN': `竞争${ulid()}` } });
      const leaf = await createCategory({ parentId: parent.id, name: { 'zh-CN': `叶${ulid()}` } });
      // Act
      const [created, deleted] = await Promise.all([newProduct(leaf.id), invoke(removeCategory, { method: 'DELETE', params: { categoryId: leaf.id }, token })]);
      // Assert: exactly one wins
      outcomes.push(`${created.status}/${deleted.status}`);
      if (created.status === 201) {
        expect(deleted.status).toBe(409);
        expect((await getCategory(leaf.id)).id).toBe(leaf.id);
      } else expect([created.status, deleted.status]).toEqual([400, 200]);
    }
    expect(outcomes).toHaveLength(10);
  });
});
