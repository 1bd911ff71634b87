/** Preparation for the browse integration tests (tests/integration/browse-*.test.ts). */
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import type { ProductContentInput } from '@wxshop/shared';
import { uniquePhone } from '../support/integration-env';
import { createAccount } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';
import { createMerchant } from '../../functions/merchants/merchants';
import { createCategory } from '../../functions/categories/categories';
import { approveProduct, createProduct, submitProduct } from '../../functions/catalog/products';
import { handler as indexProducts } from '../../functions/browse/index-products';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';

export async function shopper(nickname = 'shopper'): Promise<{ id: string; token: string }> {
  const id = (await createAccount({ provider: 'phone', subject: uniquePhone(), display: nickname }, { nickname }))!;
  return { id, token: (await startSession(id, 'phone', false)).accessToken };
}

export async function merchant(label = 'store'): Promise<string> {
  const owner = await shopper(`owner ${label}`);
  return (await createMerchant({ name: `${label} ${ulid()}`, ownerId: owner.id })).id;
}

/** Three levels: top > middle > leaf (products sit on leaves). */
export async function categoryTree(): Promise<{ top: string; middle: string; leaf: string; otherLeaf: string }> {
  const top = await createCategory({ parentId: null, name: { 'zh-CN': `茶叶${ulid()}`, en: 'Tea' } });
  const middle = await createCategory({ parentId: top.id, name: { 'zh-CN': `绿茶${ulid()}`, en: 'Green tea' } });
  const leaf = await createCategory({ parentId: middle.id, name: { 'zh-CN': `龙井${ulid()}` } });
  const otherLeaf = await createCategory({ parentId: middle.id, name: { 'zh-CN': `碧螺春${ulid()}` } });
  return { top: top.id, middle: middle.id, leaf: leaf.id, otherLeaf: otherLeaf.id };
}

let seq = 0;
const code = () => `B-${Date.now().toString(36)}-${(seq += 1)}`;

export interface ProductSpec {
  title: ProductContentInput['title'];
  categoryId: string;
  prices?: number[];
  stock?: number;
  tags?: string[];
}

export function contentOf(merchantId: string, p: ProductSpec): ProductContentInput {
  const prices = p.prices ?? [1000];
  return {
    title: p.title,
    description: { 'zh-CN': '描述', en: 'Description' },
    categoryId: p.categoryId,
    imageKeys: [`merchants/${merchantId}/products/${ulid()}.png`],
    tags: p.tags ?? [],
    specs: prices.length > 1 ? [{ name: { 'zh-CN': '规格', en: 'Size' }, values: prices.map((_, i) => ({ 'zh-CN': `${i + 1}号`, en: `No. ${i + 1}` })) }] : [],
    skus: prices.map((price, i) => ({ specIndexes: prices.length > 1 ? [i] : [], code: code(), price, initialStock: p.stock ?? 10 })),
  };
}

/** A product through the real catalog flow: created, submitted, approved (on sale). */
export async function listedProduct(merchantId: string, p: ProductSpec): Promise<string> {
  const created = await createProduct(merchantId, contentOf(merchantId, p), null);
  await submitProduct(merchantId, created.id);
  await approveProduct(created.id);
  return created.id;
}

export async function productItem(productId: string): Promise<Record<string, unknown>> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(productId), ConsistentRead: true }));
  if (!out.Item) throw new Error(`no product ${productId}`);
  return out.Item;
}

let sequence = 1000;
/** A stream record of a PRODUCT item as Lambda delivers it. */
export function productRecord(image: Record<string, unknown> | undefined, old?: Record<string, unknown>, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'MODIFY') {
  const any = (image ?? old)!;
  sequence += 1;
  return {
    eventID: `e-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ PK: any.PK, SK: any.SK }),
      ...(image ? { NewImage: marshall(image, { removeUndefinedValues: true }) } : {}),
      ...(old ? { OldImage: marshall(old, { removeUndefinedValues: true }) } : {}),
      SequenceNumber: String(sequence).padStart(21, '0'),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as unknown as DynamoDBStreamEvent['Records'][number];
}

/** Delivers the current PRODUCT items of these products to the index-products consumer, as the stream would. */
export async function deliver(...productIds: string[]): Promise<void> {
  const records = await Promise.all(productIds.map(async (id) => productRecord(await productItem(id))));
  const res = await indexProducts({ Records: records });
  if (res.batchItemFailures.length) throw new Error(`index-products failed: ${JSON.stringify(res.batchItemFailures)}`);
}

/** What the order flow will do: count units sold on the product (then the stream reindexes it). */
export async function setSales(productId: string, sales: number): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.product(productId),
      UpdateExpression: 'SET sales = :s, updatedAt = :now',
      ExpressionAttributeValues: { ':s': sales, ':now': new Date().toISOString() },
    }),
  );
}

/** A word no other test uses, for searches that must see only this test's products. */
export const uniqueWord = (): string =>
  `zq${ulid()
    .slice(-8)
    .toLowerCase()
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}`;
