/** Shared preparation for the catalog's integration tests (tests/integration/catalog-*.test.ts). */
import { ulid } from 'ulid';
import type { ProductContentInput } from '@wxshop/shared';
import { randomInt } from 'node:crypto';
import { createAccount, setPlatformRole } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';
import { createMerchant } from '../../functions/merchants/merchants';
import { createCategory } from '../../functions/categories/categories';

export interface Actor {
  id: string;
  phone: string;
  token: () => Promise<string>;
}

/** Catalog tests' own numbers (+86198...): `uniquePhone` restarts its counter in every file of a worker. */
const catalogPhone = (): string => `+86198${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

export async function account(nickname: string): Promise<Actor> {
  const phone = catalogPhone();
  const id = (await createAccount({ provider: 'phone', subject: phone, display: nickname }, { nickname }))!;
  return { id, phone, token: async () => (await startSession(id, 'phone', false)).accessToken };
}

export async function merchantWithOwner(label: string, currency: 'CNY' | 'USD' | 'JPY' = 'CNY'): Promise<{ merchantId: string; owner: Actor }> {
  const owner = await account(`owner ${label}`);
  const merchant = await createMerchant({ name: `${label} ${ulid()}`, ownerId: owner.id, currency });
  return { merchantId: merchant.id, owner };
}

export async function reviewer(): Promise<Actor> {
  const who = await account('reviewer');
  await setPlatformRole(who.id, 'operator', 'test');
  return who;
}

/** A two-level tree: returns the top category (not a leaf) and its leaf child. */
export async function categories(): Promise<{ parentId: string; leafId: string }> {
  const parent = await createCategory({ parentId: null, name: { 'zh-CN': `服装${ulid()}` } });
  const leaf = await createCategory({ parentId: parent.id, name: { 'zh-CN': `T恤${ulid()}` } });
  return { parentId: parent.id, leafId: leaf.id };
}

let codeSeq = 0;
export const uniqueCode = (prefix = 'SKU'): string => `${prefix}-${Date.now().toString(36)}-${(codeSeq += 1)}`;

export const imageKey = (merchantId: string): string => `merchants/${merchantId}/products/${ulid()}.jpg`;

/** Colour (red, blue) x size (S, M): four SKUs, stock 10 each, prices 1990..2290 minor units. */
export function content(merchantId: string, categoryId: string, overrides: Partial<ProductContentInput> = {}): ProductContentInput {
  const base: ProductContentInput = {
    title: { 'zh-CN': '纯棉T恤', en: 'Cotton T-shirt' },
    description: { 'zh-CN': '舒适透气' },
    categoryId,
    imageKeys: [imageKey(merchantId), imageKey(merchantId)],
    tags: ['cotton', '夏季'],
    specs: [
      { name: { 'zh-CN': '颜色', en: 'Colour' }, values: [{ 'zh-CN': '红' }, { 'zh-CN': '蓝' }] },
      { name: { 'zh-CN': '尺码' }, values: [{ 'zh-CN': 'S' }, { 'zh-CN': 'M' }] },
    ],
    skus: [
      { specIndexes: [0, 0], code: uniqueCode(), price: 1990, marketPrice: 2990, initialStock: 10, lowStockThreshold: 3 },
      { specIndexes: [0, 1], code: uniqueCode(), price: 2090, initialStock: 10 },
      { specIndexes: [1, 0], code: uniqueCode(), price: 2190, initialStock: 10 },
      { specIndexes: [1, 1], code: uniqueCode(), price: 2290, initialStock: 10 },
    ],
  };
  return { ...base, ...overrides };
}
