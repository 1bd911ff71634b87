import { updateCategory as route } from '@wxshop/shared/api/category';
import { http } from '../lib/http';
import { updateCategory } from './categories';

export const handler = http(route, async ({ params, body }) => updateCategory(params.categoryId, body));
