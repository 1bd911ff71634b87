import { deleteCategory as route } from '@wxshop/shared/api/category';
import { http } from '../lib/http';
import { deleteCategory } from './categories';

export const handler = http(route, async ({ params }) => {
  await deleteCategory(params.categoryId);
  return { ok: true as const };
});
