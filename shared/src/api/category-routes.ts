import { z } from 'zod';
import { defineRoute } from './route';
import { Category, Id } from '../catalog';
import { TEXT_LIMITS, localizedText } from '../i18n/languages';
import { UploadTicket } from '../users';
import { CategoryIconKey, ImageUploadRequest } from '../merchants';

export const MAX_CATEGORY_DEPTH = 3;

/** The category tree, three levels at most; siblings in `order`, then by id. */
export const CategoryLeaf = Category.extend({ children: z.array(Category).max(0) });
export const CategoryBranch = Category.extend({ children: z.array(CategoryLeaf) });
export const CategoryRoot = Category.extend({ children: z.array(CategoryBranch) });
export type CategoryRoot = z.infer<typeof CategoryRoot>;

export const CreateCategoryInput = z
  .object({
    /** null for a top-level category; a level-3 category cannot have children. */
    parentId: Id.nullable(),
    name: localizedText(TEXT_LIMITS.categoryName),
    iconKey: CategoryIconKey.optional(),
    /** Position among its siblings (ascending); defaults to after the last one. */
    order: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type CreateCategoryInput = z.infer<typeof CreateCategoryInput>;

export const UpdateCategoryInput = z
  .object({
    name: localizedText(TEXT_LIMITS.categoryName).optional(),
    /** null removes the icon. */
    iconKey: CategoryIconKey.nullable().optional(),
    order: z.number().int().min(0).max(100_000).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryInput>;

const CategoryParams = z.object({ categoryId: Id }).strict();

export const listCategories = defineRoute({
  id: 'list-categories',
  method: 'GET',
  path: '/categories',
  summary: 'The whole category tree (3 levels), names as LocalizedText: the client picks the language',
  tag: 'category',
  auth: 'public',
  response: z.object({ items: z.array(CategoryRoot) }),
});

export const createCategory = defineRoute({
  id: 'create-category',
  method: 'POST',
  path: '/admin/categories',
  summary: 'Add a category under a parent (or at the top); at most 3 levels',
  tag: 'category',
  auth: { platform: 'platform:category:write' },
  status: 201,
  idempotent: true,
  body: CreateCategoryInput,
  response: Category,
});

export const updateCategory = defineRoute({
  id: 'update-category',
  method: 'POST',
  path: '/admin/categories/{categoryId}',
  summary: 'Rename a category, change its icon or its position among its siblings',
  tag: 'category',
  auth: { platform: 'platform:category:write' },
  params: CategoryParams,
  body: UpdateCategoryInput,
  response: Category,
});

export const deleteCategory = defineRoute({
  id: 'delete-category',
  method: 'DELETE',
  path: '/admin/categories/{categoryId}',
  summary: 'Delete a category that has no children (409 otherwise)',
  tag: 'category',
  auth: { platform: 'platform:category:write' },
  params: CategoryParams,
  response: z.object({ ok: z.literal(true) }),
});

export const createCategoryIconUpload = defineRoute({
  id: 'create-category-icon-upload',
  method: 'POST',
  path: '/admin/categories/icon-upload',
  summary: 'A presigned S3 PUT URL for a category icon (PNG, JPEG or WebP, at most 5 MiB)',
  tag: 'category',
  auth: { platform: 'platform:category:write' },
  body: ImageUploadRequest,
  response: UploadTicket,
  rateLimit: [{ key: 'user', limit: 100, per: 3600 }],
});
