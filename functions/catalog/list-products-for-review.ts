import { listProductsForReview } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import { listProductsByStatus } from './products';

export const handler = http(listProductsForReview, async ({ query }) => listProductsByStatus('submitted', query));
