import {
  createCategory,
  createCategoryIconUpload,
  deleteCategory,
  listCategories,
  updateCategory,
  type Category,
  type CategoryRoot,
  type CreateCategoryInput,
  type ImageUploadRequest,
  type UpdateCategoryInput,
  MAX_IMAGE_BYTES,
} from '@wxshop/shared';
import { pickFiles, putFile, type PickedFile } from '../platform/upload';
import { api } from './request';

export type { Category, CategoryRoot, PickedFile };
type IconType = ImageUploadRequest['contentType'];
const ICON_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'] satisfies IconType[];

/** The whole tree (3 levels), names in every language. */
export async function fetchCategoryTree(): Promise<CategoryRoot[]> {
  return (await api.call(listCategories)).items;
}

export function addCategory(input: CreateCategoryInput, idempotencyKey: string): Promise<Category> {
  return api.call(createCategory, { body: input, idempotencyKey });
}

export function editCategory(categoryId: string, changes: UpdateCategoryInput): Promise<Category> {
  return api.call(updateCategory, { params: { categoryId }, body: changes });
}

/** Deletes a category without children (the API answers 409 for one with children). */
export async function removeCategory(categoryId: string): Promise<void> {
  await api.call(deleteCategory, { params: { categoryId } });
}

/** Lets the user pick one icon image; null when cancelled. */
export async function pickCategoryIcon(): Promise<PickedFile | null> {
  return (await pickFiles('image', 1))[0] ?? null;
}

/** Why a picked file cannot be an icon: not PNG/JPEG/WebP, or over 5 MiB; null when it can. */
export function iconProblem(file: PickedFile): 'type' | 'size' | null {
  if (!ICON_TYPES.includes(file.type)) return 'type';
  if (file.size <= 0 || file.size > MAX_IMAGE_BYTES) return 'size';
  return null;
}

/** Uploads a picked icon straight to S3 (presigned PUT) and answers its key for `iconKey`. */
export async function uploadCategoryIcon(file: PickedFile): Promise<string> {
  const ticket = await api.call(createCategoryIconUpload, { body: { contentType: file.type as IconType, size: file.size } });
  await putFile(ticket, file);
  return ticket.key;
}
