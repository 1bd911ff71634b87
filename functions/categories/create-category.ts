import { createCategory as route } from '@wxshop/shared/api/category';
import { http } from '../lib/http';
import { createCategory } from './categories';

export const handler = http(route, async ({ body, idempotencyReference }) => createCategory(body, { reference: idempotencyReference }));
