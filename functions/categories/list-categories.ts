import { listCategories } from '@wxshop/shared/api/category';
import { http } from '../lib/http';
import { getCategoryTree } from './categories';

export const handler = http(listCategories, async () => ({ items: await getCategoryTree() }));
