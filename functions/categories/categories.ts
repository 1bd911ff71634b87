import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { LocalizedText } from '@wxshop/shared/i18n/languages';
import type { Category } from '@wxshop/shared/catalog';
import type { CategoryRoot, CreateCategoryInput, UpdateCategoryInput } from '@wxshop/shared/api/category';
import { db, tableName } from '../lib/table';
import { changesExpression, type TxItem } from '../lib/table-ops';
import { effectPut, priorEffect } from '../lib/effects';
import { keys } from '../lib/keys';
import { BadRequestError, ConflictError, NotFoundError, isConditionFailure } from '../lib/errors';
import { assertUploaded, publicImageUrl } from '../merchants/uploads';
import { objectKeys } from '../lib/object-keys';
import { buildCategoryTree, levelUnder, nextSiblingOrder } from './tree';

/** A parent holds at most this many children. */
export const MAX_CHILDREN = 100;

const CategoryItem = z.object({
  entity: z.literal('Category'),
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.number().int().min(1).max(3),
  name: LocalizedText,
  iconKey: z.string().optional(),
  order: z.number().int(),
  childCount: z.number().int().nonnegative(),
  /** Products (any status) filed under this category: kept in the products' own transactions. */
  productCount: z.number().int().nonnegative().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
type CategoryItem = z.infer<typeof CategoryItem>;

const toCategory = (c: CategoryItem): Category => ({
  id: c.id,
  parentId: c.parentId,
  level: c.level,
  name: c.name,
  iconKey: c.iconKey ?? null,
  iconUrl: publicImageUrl(c.iconKey),
  order: c.order,
});

/** AP27: every category, in one Query of one partition (paged through, in case it grows). */
async function listCategoryItems(): Promise<CategoryItem[]> {
  const p = keys.categoriesPrefix();
  const items: CategoryItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': p.PK, ':prefix': p.SKPrefix },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []).map((i) => CategoryItem.parse(i)));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The whole tree, names as LocalizedText (the client picks the language). */
export async function getCategoryTree(): Promise<CategoryRoot[]> {
  return buildCategoryTree((await listCategoryItems()).map(toCategory));
}

async function getCategoryItem(id: string, consistent = false): Promise<CategoryItem> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.category(id), ConsistentRead: consistent }));
  if (!out.Item) throw new NotFoundError('category');
  return CategoryItem.parse(out.Item);
}

/** One category; a missing one is a 404. */
export async function getCategory(id: string): Promise<Category> {
  return toCategory(await getCategoryItem(id));
}

async function categoryForInput(id: string, field: string): Promise<CategoryItem> {
  try {
    return await getCategoryItem(id);
  } catch (err) {
    if (err instanceof NotFoundError) throw new BadRequestError('No such category', { [field]: 'no such category' });
    throw err;
  }
}

/**
 * For products: a product sits on a leaf category (one without children). A missing or non-leaf
 * category in a request body is a 400 naming `field`.
 * NOTE: a leaf that later gets children keeps its products; the catalog decides whether to move them.
 */
export async function assertLeafCategory(id: string, field = 'body.categoryId'): Promise<Category> {
  const c = await categoryForInput(id, field);
  if (c.childCount > 0) throw new BadRequestError('Choose a category without subcategories', { [field]: 'not a leaf category' });
  return toCategory(c);
}

/** For store applications: the line of business is a top-level category. */
export async function assertTopLevelCategory(id: string, field = 'body.categoryId'): Promise<Category> {
  const c = await categoryForInput(id, field);
  if (c.level !== 1) throw new BadRequestError('Choose a top-level category', { [field]: 'not a top-level category' });
  return toCategory(c);
}

/** Every category id that exists, for validating references (store layouts). */
export async function existingCategoryIds(): Promise<Set<string>> {
  return new Set((await listCategoryItems()).map((c) => c.id));
}

/**
 * Creates a category. Primary course: 1. the parent exists and is not on the last level; 2. in one
 * transaction the parent's child count goes up (conditioned on existing, and on room) and the child
 * is written, so a parent deleted meanwhile can never get an orphan. `options.id` fixes the id (seed data).
 */
/**
 * Creates a category under a parent (or at the top). With the request's idempotency reference, the
 * category is created once: a re-run after a crash answers the category the first run created.
 */
export async function createCategory(input: CreateCategoryInput, options: { id?: string; reference?: string } = {}): Promise<Category> {
  const prior = await priorEffect(options.reference);
  if (prior) return getCategory(prior.resultId);
  if (input.iconKey) await assertUploaded([input.iconKey], objectKeys.categoryIcons(), 'body.iconKey');
  const all = await listCategoryItems();
  const parent = input.parentId === null ? null : all.find((c) => c.id === input.parentId);
  if (parent === undefined) throw new BadRequestError('No such parent category', { 'body.parentId': 'no such category' });
  if ((parent?.productCount ?? 0) > 0)
    throw new ConflictError(
      `The parent category holds ${parent!.productCount} product(s): products are filed under categories without subcategories. Move them first`,
    );
  const level = levelUnder(parent);
  if (level === null) throw new BadRequestError('Categories have at most 3 levels', { 'body.parentId': 'a level-3 category cannot have children' });
  const now = new Date().toISOString();
  const item: CategoryItem = {
    entity: 'Category',
    id: options.id ?? ulid(),
    parentId: parent?.id ?? null,
    level,
    name: input.name,
    ...(input.iconKey ? { iconKey: input.iconKey } : {}),
    order: input.order ?? nextSiblingOrder(all.filter((c) => c.parentId === (parent?.id ?? null))),
    childCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  const put = { TableName: tableName(), Item: { ...keys.category(item.id), ...item }, ConditionExpression: 'attribute_not_exists(PK)' };
  const marker: TxItem[] = options.reference ? [effectPut(options.reference, { route: 'create-category', resultId: item.id })] : [];
  if (!parent && marker.length > 0) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...marker] }));
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const again = await priorEffect(options.reference);
      if (again) return getCategory(again.resultId);
      throw new ConflictError('A category with this id exists');
    }
    return toCategory(item);
  }
  if (!parent) {
    try {
      await db().send(new PutCommand(put));
    } catch (err) {
      if (isConditionFailure(err)) throw new ConflictError('A category with this id exists');
      throw err;
    }
    return toCategory(item);
  }
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.category(parent.id),
              UpdateExpression: 'ADD childCount :one',
              ConditionExpression: 'attribute_exists(PK) AND childCount < :max AND (attribute_not_exists(productCount) OR productCount = :zero)',
              ExpressionAttributeValues: { ':one': 1, ':max': MAX_CHILDREN, ':zero': 0 },
            },
          },
          { Put: put },
          ...marker,
        ],
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) {
      const again = await priorEffect(options.reference);
      if (again) return getCategory(again.resultId);
      const now = await getCategoryItem(parent.id, false).catch(() => undefined);
      if (now && (now.productCount ?? 0) > 0)
        throw new ConflictError(
          `The parent category holds ${now.productCount} product(s): products are filed under categories without subcategories. Move them first`,
        );
      throw new ConflictError(`The parent category was deleted meanwhile or has ${MAX_CHILDREN} children`);
    }
    throw err;
  }
  return toCategory(item);
}

/** Renames a category, changes its icon (null removes it) or its position among its siblings. */
export async function updateCategory(id: string, changes: UpdateCategoryInput): Promise<Category> {
  if (changes.iconKey) await assertUploaded([changes.iconKey], objectKeys.categoryIcons(), 'body.iconKey');
  const update = changesExpression(changes, { updatedAt: new Date().toISOString() });
  try {
    const out = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.category(id),
        ...update,
        ConditionExpression: 'attribute_exists(PK)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toCategory(CategoryItem.parse(out.Attributes));
  } catch (err) {
    if (isConditionFailure(err)) throw new NotFoundError('category');
    throw err;
  }
}

/**
 * Deletes a category without children and without products (409 otherwise, saying which), decrementing
 * its parent's count in the same transaction. Both conditions are on the item itself, whose counts the
 * child and product writes keep in their own transactions: a product filed meanwhile makes it fail.
 */
export async function deleteCategory(id: string): Promise<void> {
  const item = await getCategoryItem(id, true);
  const del = {
    TableName: tableName(),
    Key: keys.category(id),
    ConditionExpression: 'attribute_exists(PK) AND childCount = :zero AND (attribute_not_exists(productCount) OR productCount = :zero)',
    ExpressionAttributeValues: { ':zero': 0 },
  };
  const refusal = (c: CategoryItem): ConflictError =>
    (c.productCount ?? 0) > 0
      ? new ConflictError(`This category holds ${c.productCount} product(s): move or delete them first`)
      : new ConflictError('Delete its subcategories first');
  if (item.childCount > 0 || (item.productCount ?? 0) > 0) throw refusal(item);
  try {
    if (item.parentId === null) await db().send(new DeleteCommand(del));
    else
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: del },
            {
              Update: {
                TableName: tableName(),
                Key: keys.category(item.parentId),
                UpdateExpression: 'ADD childCount :minus',
                ExpressionAttributeValues: { ':minus': -1 },
              },
            },
          ],
        }),
      );
  } catch (err) {
    if (isConditionFailure(err)) throw refusal(await getCategoryItem(id, true));
    throw err;
  }
}

/**
 * The transaction item that files a product under a category (+1: the category must exist and be a
 * leaf, in the same transaction as the product write) or takes it out (-1).
 */
export function categoryProductCount(categoryId: string, delta: 1 | -1) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.category(categoryId),
      UpdateExpression: 'ADD productCount :d',
      ConditionExpression: delta > 0 ? 'attribute_exists(PK) AND childCount = :zero' : 'attribute_exists(PK)',
      ExpressionAttributeValues: delta > 0 ? { ':d': 1, ':zero': 0 } : { ':d': -1 },
    },
  };
}
